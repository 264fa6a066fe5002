import KetaplanEngine
import KetaplanRecords

extension ClinicChange {
    /// One setting a change can set, for telling whose change is whose: its name, how a
    /// clinic's value reads, and whether a change sets it.
    struct Setting: Sendable {
        let name: String
        let value: @Sendable (ClinicFile) -> String
        let sets: @Sendable (ClinicChange) -> Bool
    }

    /// Every setting `applied` can change except the closed dates (compared day by day
    /// in `conflict`, so that two clinicians closing different days never collide).
    static let settings: [Setting] = [
        Setting(name: "name", value: { "'\($0.name)'" }, sets: { $0.name != nil }),
        Setting(name: "open days", value: { $0.calendar.openWeekdays.sorted().map(\.shortName).joined(separator: ",") }, sets: { $0.openWeekdays != nil }),
        Setting(name: "chairs", value: { String($0.calendar.chairsPerDay) }, sets: { $0.chairsPerDay != nil }),
        Setting(name: "weight basis", value: { $0.settings.weightBasis.rawValue }, sets: { $0.weightBasis != nil }),
        Setting(name: "minimum gap", value: { "\($0.settings.twiceWeeklyMinimumGapDays) days" }, sets: { $0.twiceWeeklyMinimumGapDays != nil }),
        Setting(name: "REMS certified", value: { $0.settings.remsCertified ? "yes" : "no" }, sets: { $0.remsCertified != nil }),
        Setting(name: "post-dose urgency", value: { "\($0.settings.hypertensiveUrgencySystolic)/\($0.settings.hypertensiveUrgencyDiastolic)" },
                sets: { $0.urgentBloodPressure != nil }),
        Setting(name: "systolic rise caution", value: { "\($0.settings.systolicRiseCaution) mmHg" }, sets: { $0.systolicRiseCaution != nil }),
        Setting(name: "scoring visits", value: { "every \($0.settings.onDemandScoringIntervalDays) days" }, sets: { $0.onDemandScoringIntervalDays != nil }),
        Setting(name: "YMRS rise caution", value: { "\($0.settings.ymrsRiseCaution) points" }, sets: { $0.ymrsRiseCaution != nil }),
        Setting(name: "session time", value: { $0.sessionTime?.description ?? "none" }, sets: { $0.sessionTime != nil }),
        Setting(name: "fasting instructions", value: { "'\($0.settings.fastingInstructions)'" }, sets: { $0.fastingInstructions != nil }),
        Setting(name: "contact phone", value: { $0.contactPhone.map { "'\($0)'" } ?? "none" }, sets: { $0.contactPhone != nil }),
        Setting(name: "calendar names", value: { $0.calendarNames.rawValue }, sets: { $0.calendarNames != nil }),
        Setting(name: "printer", value: { $0.printer?.rawValue ?? "CUPS's default" }, sets: { $0.printer != nil }),
        Setting(name: "paper", value: { $0.paper?.cupsMedia ?? "the printer's default" }, sets: { $0.paper != nil }),
        Setting(name: "time zone", value: { $0.timeZone ?? "system" }, sets: { $0.timeZone != nil }),
    ]

    /// What differs from `old` to `new`, setting by setting ("chairs from 4 to 6",
    /// "closed 2026-12-01"): what a colleague changed, for a front end to say.
    public static func differences(from old: ClinicFile, to new: ClinicFile) -> [String] {
        var out: [String] = []
        for s in settings where s.value(old) != s.value(new) { out.append("\(s.name) from \(s.value(old)) to \(s.value(new))") }
        for day in old.calendar.closedDates.symmetricDifference(new.calendar.closedDates).sorted() {
            out.append("\(new.calendar.closedDates.contains(day) ? "closed" : "reopened") \(day)")
        }
        return out
    }

    /// Whether this change, worked out against `base`, would overwrite what someone else
    /// changed in `current` since: a setting they changed that this change sets to
    /// something else than theirs. Settings only one side changed do not collide (this
    /// change is applied over `current`, so theirs stay); nor does both setting the same.
    /// A closed date collides only where both closed or reopened that very day.
    /// - Returns: nil when saving over `current` keeps everything they changed.
    public func conflict(base: ClinicFile, current: ClinicFile) -> ClinicConflict? {
        guard base != current else { return nil }
        // What this change makes of their version; a change their version refuses (a
        // reopened day they reopened already) counts as colliding wherever both touch.
        let mine = try? applied(to: current).clinic
        var theirs: [String] = [], yours: [String] = []
        for s in Self.settings where s.sets(self) {
            let was = s.value(base), now = s.value(current)
            guard was != now, mine.map(s.value) != now else { continue }
            theirs.append("\(s.name) from \(was) to \(now)")
            yours.append("\(s.name) \(mine.map(s.value) ?? "changed")")
        }
        let theirDays = base.calendar.closedDates.symmetricDifference(current.calendar.closedDates)
        for day in Set(close + reopen).intersection(theirDays).sorted() {
            let closedNow = current.calendar.closedDates.contains(day)
            guard mine.map({ $0.calendar.closedDates.contains(day) }) != closedNow else { continue }
            theirs.append("\(closedNow ? "closed" : "reopened") \(day)")
            yours.append("\(close.contains(day) ? "close" : "reopen") \(day)")
        }
        return theirs.isEmpty ? nil : ClinicConflict(theirs: theirs, yours: yours)
    }
}
