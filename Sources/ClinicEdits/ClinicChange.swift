import Foundation
import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// A change to the clinic's calendar and settings (`clinic set`): what it sets (nil
/// keeps what is recorded), checked, applied to `clinic.json`, and the plans it makes
/// re-plan (sessions on a day the clinic newly closes).
public struct ClinicChange: Equatable, Sendable {
    public var name: String?
    public var openWeekdays: Set<Weekday>?
    public var close: [CalendarDay] = []
    public var reopen: [CalendarDay] = []
    public var chairsPerDay: Int?
    public var weightBasis: WeightBasis?
    public var twiceWeeklyMinimumGapDays: Int?
    public var remsCertified: Bool?
    public var sessionTime: TimeOfDay?
    public var fastingInstructions: String?
    /// Empty clears it.
    public var contactPhone: String?
    public var calendarNames: ClinicFile.CalendarNames?
    /// `.some(nil)`: this machine's zone.
    public var timeZone: String??
    /// The post-dose reading that is critical.
    public var urgentBloodPressure: BloodPressure?
    public var systolicRiseCaution: Int?
    public var onDemandScoringIntervalDays: Int?
    public var ymrsRiseCaution: Int?
    /// Empty: CUPS's default printer.
    public var printer: String?
    /// `.some(nil)`: the printer's own default.
    public var paper: Paper??

    public init() {}

    /// The post-dose urgency thresholds a clinic may choose: narrower than a reading's
    /// range, as a threshold must be one a clinic could mean by "urgent".
    public static let urgentSystolic = ClinicSettings.acceptedUrgentSystolic, urgentDiastolic = ClinicSettings.acceptedUrgentDiastolic

    // The whole-number settings: the command line's options, the settings form and
    // `applied` all check these.
    public static let chairs = WholeSetting(ClinicCalendar.acceptedChairs, "chairs", field: .chairs)
    public static let minimumGap = WholeSetting(ClinicSettings.acceptedMinimumGap, "days", field: .minGap)
    public static let systolicRise = WholeSetting(ClinicSettings.acceptedSystolicRise, "mmHg", field: .bpRise)
    public static let scoringInterval = WholeSetting(ClinicSettings.acceptedScoringInterval, "days", field: .scoringInterval)
    public static let ymrsRise = WholeSetting(ClinicSettings.acceptedYmrsRise, "points", field: .ymrsRise)

    /// `bp` as a post-dose urgency threshold.
    /// - Throws: what is accepted, naming the field, when a clinic could not mean it.
    public static func checkUrgent(_ bp: BloodPressure) throws(EditError) {
        guard urgentSystolic.contains(bp.systolic), urgentDiastolic.contains(bp.diastolic) else {
            throw EditError(message: "'\(bp)' is not accepted; write SYS/DIA with systolic 100-300 and diastolic 60-200, e.g. 180/110", field: .bpUrgent)
        }
    }

    /// The clinic's time zone from its text: an IANA zone this machine knows, or `system`
    /// (nil: this machine's zone).
    /// - Throws: what is accepted, naming the field.
    public static func timeZone(_ text: String) throws(EditError) -> String? {
        if text == "system" { return nil }
        guard !ControlCharacters.contains(text), ClinicFile.acceptsTimeZone(text) else {
            throw EditError(message: "'\(ControlCharacters.visible(text))' is not a time zone; use an IANA name such as Europe/London or America/New_York, or 'system'",
                            field: .timeZone)
        }
        return text
    }

    /// The days the clinic treats on.
    /// - Throws: when there is none (nothing could ever be planned), in the words the
    ///   command line's weekday lists use.
    public static func checkOpenDays(_ days: Set<Weekday>) throws(EditError) {
        guard ClinicCalendar.acceptsOpenWeekdays(days) else { throw EditError(message: "name at least one weekday", field: .openDays) }
    }

    /// The clinic's name.
    /// - Throws: when it is empty or only spaces.
    public static func checkName(_ name: String) throws(EditError) {
        guard ClinicFile.acceptsName(name) else { throw EditError(message: "the clinic's name cannot be empty", field: .name) }
    }

    /// The clinic with the change made, and one phrase per setting changed ("chairs 4").
    /// - Throws: the first refused value, naming it.
    public func applied(to old: ClinicFile) throws(EditError) -> (clinic: ClinicFile, said: [String]) {
        var clinic = old
        var said: [String] = []
        if let name {
            try Self.checkName(name)
            clinic.name = name
            said.append("name set")
        }
        if let openWeekdays {
            try Self.checkOpenDays(openWeekdays)
            clinic.calendar.openWeekdays = openWeekdays
            said.append("open days \(openWeekdays.sorted().map(\.shortName).joined(separator: ","))")
        }
        for d in close {
            clinic.calendar.closedDates.insert(d)
            said.append("closed \(d)")
        }
        for d in reopen {
            guard clinic.calendar.closedDates.remove(d) != nil else { throw EditError(message: "\(d) is not a closed date", field: .reopen) }
            said.append("reopened \(d)")
        }
        if let chairsPerDay {
            clinic.calendar.chairsPerDay = try Self.chairs.checked(chairsPerDay)
            said.append("chairs \(chairsPerDay)")
        }
        if let weightBasis {
            clinic.settings.weightBasis = weightBasis
            said.append("weight basis \(weightBasis.rawValue)")
        }
        if let twiceWeeklyMinimumGapDays {
            clinic.settings.twiceWeeklyMinimumGapDays = try Self.minimumGap.checked(twiceWeeklyMinimumGapDays)
            said.append("minimum gap \(twiceWeeklyMinimumGapDays) days")
        }
        if let remsCertified {
            clinic.settings.remsCertified = remsCertified
            said.append("REMS certified \(remsCertified ? "yes" : "no")")
        }
        if let bp = urgentBloodPressure {
            try Self.checkUrgent(bp)
            clinic.settings.hypertensiveUrgencySystolic = bp.systolic
            clinic.settings.hypertensiveUrgencyDiastolic = bp.diastolic
            said.append("post-dose urgency at \(bp.systolic)/\(bp.diastolic)")
        }
        if let systolicRiseCaution {
            clinic.settings.systolicRiseCaution = try Self.systolicRise.checked(systolicRiseCaution)
            said.append("systolic rise caution \(systolicRiseCaution) mmHg")
        }
        if let onDemandScoringIntervalDays {
            clinic.settings.onDemandScoringIntervalDays = try Self.scoringInterval.checked(onDemandScoringIntervalDays)
            said.append("scoring visits every \(onDemandScoringIntervalDays) days")
        }
        if let ymrsRiseCaution {
            clinic.settings.ymrsRiseCaution = try Self.ymrsRise.checked(ymrsRiseCaution)
            said.append("YMRS rise caution \(ymrsRiseCaution) points")
        }
        if let sessionTime {
            clinic.sessionTime = sessionTime
            said.append("session time \(sessionTime)")
        }
        if let fastingInstructions {
            clinic.settings.fastingInstructions = fastingInstructions
            said.append("fasting instructions set")
        }
        if let contactPhone {
            clinic.contactPhone = contactPhone.isEmpty ? nil : contactPhone
            said.append("contact phone set")
        }
        if let calendarNames {
            clinic.calendarNames = calendarNames
            said.append("calendar names \(calendarNames.rawValue)")
        }
        if let printer {
            if printer.isEmpty {
                clinic.printer = nil
                said.append("printer: CUPS's default")
            } else {
                do { clinic.printer = try PrinterName(printer) } catch { throw EditError(message: error.description, field: .printer) }
                said.append("printer \(printer)")
            }
        }
        if let paper {
            clinic.paper = paper
            said.append("paper \(paper?.cupsMedia ?? "the printer's default")")
        }
        if let timeZone {
            if let zone = timeZone { clinic.timeZone = try Self.timeZone(zone) } else { clinic.timeZone = nil }
            said.append("time zone \(timeZone ?? "system")")
        }
        guard !said.isEmpty else { throw EditError(message: "nothing to change: give at least one setting") }
        return (clinic, said)
    }
}

extension ChairBookings {
    /// Frees one chair on `day` (the plan being re-planned gives its days back).
    mutating func unbook(_ day: CalendarDay) {
        var counts = countByDay
        counts[day] = max(0, (counts[day] ?? 0) - 1)
        self = ChairBookings(countByDay: counts)
    }
}
