import KetaplanEngine

/// One change recorded in an audit line: what kind of change, the ids it concerns and
/// its dates. It never carries names, notes, phone numbers, doses or score values: the
/// store derives every change from the difference between the file on disk and the one
/// being saved, so no caller can put free text into the audit log.
///
/// To record a new kind of change (for example a clinician's override of a hold), add a
/// `Kind` case and a comparison in `between(_:_:)`; ids are identifiers from the program
/// (instrument, status, protocol id, review kind, field names, `session-ID`), never text a
/// person typed.
public struct AuditChange: Equatable, Sendable, Codable {
    /// The kinds of change, in the words of the audit log.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case patientCreated = "patient-created"
        case patientChanged = "patient-changed"
        case screeningChanged = "screening-changed"
        case screeningAcknowledged = "screening-acknowledged"
        case planCreated = "plan-created"
        case planReplaced = "plan-replaced"
        case planRemoved = "plan-removed"
        case planStatus = "plan-status"
        case planChanged = "plan-changed"
        case sessionAdded = "session-added"
        case sessionRemoved = "session-removed"
        case sessionMoved = "session-moved"
        case sessionRecorded = "session-recorded"
        case sessionChanged = "session-changed"
        /// A given session's record was corrected (ids: the session, who); the reason and
        /// the record it replaced stay in the chart.
        case sessionAmended = "session-amended"
        case scoreAdded = "score-added"
        case scoreRemoved = "score-removed"
        case reviewAdded = "review-added"
        case reviewRemoved = "review-removed"
        /// A clinician overrode a safety hold (issue #8); the reason stays in the chart.
        case overrideRecorded = "override-recorded"
        /// A clinician set the planned dose from a session on (issue #9).
        case doseTitrated = "dose-titrated"
        case clinicCreated = "clinic-created"
        case clinicChanged = "clinic-changed"
        case unchanged = "unchanged"
    }

    public var kind: Kind
    /// Identifiers the change concerns (`session-7`, `phq9`, `paused`, field names).
    public var ids: [String]
    /// ISO 8601 days (for a move: from, then to).
    public var dates: [String]

    public init(_ kind: Kind, ids: [String] = [], dates: [CalendarDay] = []) {
        self.kind = kind
        self.ids = ids.map(AuditChange.identifier)
        self.dates = dates.map(\.iso)
    }

    /// Keeps an id to identifier characters, so even a clinic-defined protocol id cannot
    /// smuggle text into the log.
    package static func identifier(_ text: String) -> String {
        let kept = text.unicodeScalars.prefix(64).map { s -> Character in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || ":._-".unicodeScalars.contains(s)) ? Character(s) : "_"
        }
        return String(kept)
    }

    /// What changed from `old` (nil: a new patient) to `new`, in saving order.
    public static func between(_ old: PatientChart?, _ new: PatientChart) -> [AuditChange] {
        var out: [AuditChange] = []
        guard let old else {
            out.append(AuditChange(.patientCreated))
            planChanges(nil, new.plan, into: &out)
            return out
        }
        patientChanges(old.patient, new.patient, into: &out)
        planChanges(old.plan, new.plan, into: &out)
        for a in removed(old.assessments, from: new.assessments) { out.append(AuditChange(.scoreAdded, ids: [a.instrument.rawValue], dates: [a.date])) }
        for a in removed(new.assessments, from: old.assessments) { out.append(AuditChange(.scoreRemoved, ids: [a.instrument.rawValue], dates: [a.date])) }
        for r in removed(old.reviews, from: new.reviews) { out.append(AuditChange(.reviewAdded, ids: [r.kind.rawValue], dates: [r.on])) }
        for r in removed(new.reviews, from: old.reviews) { out.append(AuditChange(.reviewRemoved, ids: [r.kind.rawValue], dates: [r.on])) }
        if out.isEmpty { out.append(AuditChange(old == new ? .unchanged : .patientChanged)) }
        return out
    }

    /// The elements of `list` that `base` does not hold (as a multiset: a second identical
    /// score counts).
    package static func removed<T: Equatable>(_ base: [T], from list: [T]) -> [T] {
        var rest = base
        var extra: [T] = []
        for x in list {
            if let i = rest.firstIndex(of: x) { rest.remove(at: i) } else { extra.append(x) }
        }
        return extra
    }

    private static func patientChanges(_ old: Patient, _ new: Patient, into out: inout [AuditChange]) {
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.dateOfBirth != new.dateOfBirth { fields.append("dateOfBirth") }
        if old.sex != new.sex { fields.append("sex") }
        if old.weight != new.weight { fields.append("weight") }
        if old.heightCm != new.heightCm { fields.append("heightCm") }
        if old.conditions != new.conditions { fields.append("conditions") }
        if old.moodStabiliser != new.moodStabiliser { fields.append("moodStabiliser") }
        if old.notes != new.notes { fields.append("notes") }
        if old.primaryScale != new.primaryScale { fields.append("primaryScale") }
        if !fields.isEmpty { out.append(AuditChange(.patientChanged, ids: fields)) }
        var oldScreening = old.screening, newScreening = new.screening
        for a in removed(old.screening.acknowledged, from: new.screening.acknowledged) {
            out.append(AuditChange(.screeningAcknowledged, ids: [a.item.rawValue], dates: [a.on]))
        }
        oldScreening.acknowledged = []
        newScreening.acknowledged = []
        if oldScreening != newScreening {
            let items = Set(oldScreening.answers.keys).union(newScreening.answers.keys).filter { oldScreening.answers[$0] != newScreening.answers[$0] }
            out.append(AuditChange(.screeningChanged, ids: items.map(\.rawValue).sorted(), dates: newScreening.completedOn.map { [$0] } ?? []))
        }
    }

    private static func planChanges(_ old: Plan?, _ new: Plan?, into out: inout [AuditChange]) {
        switch (old, new) {
        case (nil, nil): return
        case (nil, let new?):
            out.append(AuditChange(.planCreated, ids: [new.protocolCopy.id.rawValue], dates: [new.startDate]))
            overrideChanges([], new.overrides, into: &out)
            return
        case (let old?, nil): out.append(AuditChange(.planRemoved, ids: [old.protocolCopy.id.rawValue])); return
        case (let old?, let new?):
            if old.protocolCopy.id != new.protocolCopy.id || old.startDate != new.startDate {
                out.append(AuditChange(.planReplaced, ids: [new.protocolCopy.id.rawValue], dates: [new.startDate]))
                overrideChanges(old.overrides, new.overrides, into: &out)
                return
            }
            overrideChanges(old.overrides, new.overrides, into: &out)
            doseStepChanges(old.doseSteps, new.doseSteps, into: &out)
            if old.status != new.status { out.append(AuditChange(.planStatus, ids: [new.status.rawValue])) }
            var fields: [String] = []
            if old.maintenancePolicy != new.maintenancePolicy { fields.append("maintenancePolicy") }
            if old.preferredWeekdays != new.preferredWeekdays { fields.append("preferredWeekdays") }
            if old.appointmentTime != new.appointmentTime { fields.append("appointmentTime") }
            if old.doseOverridesMg != new.doseOverridesMg { fields.append("plannedDose") }
            if old.protocolCopy != new.protocolCopy { fields.append("protocol") }
            if old.statusNote != new.statusNote { fields.append("statusNote") }
            if old.bookOverCapacity != new.bookOverCapacity { fields.append("bookOverCapacity") }
            if !fields.isEmpty { out.append(AuditChange(.planChanged, ids: fields)) }
            sessionChanges(old.sessions, new.sessions, into: &out)
        }
    }

    /// Titrations added: from which session, by whom, when; never the dose or the note.
    private static func doseStepChanges(_ old: [DoseStep], _ new: [DoseStep], into out: inout [AuditChange]) {
        for step in removed(old, from: new) {
            out.append(AuditChange(.doseTitrated, ids: ["session-\(step.fromSession.rawValue)", step.by], dates: [step.fromDate, step.setOn]))
        }
    }

    /// Overrides added: the hold's code, the session, who; never the reason.
    private static func overrideChanges(_ old: [PlanOverride], _ new: [PlanOverride], into out: inout [AuditChange]) {
        for o in removed(old, from: new) {
            out.append(AuditChange(.overrideRecorded, ids: [o.code.rawValue] + (o.session.map { ["session-\($0.rawValue)"] } ?? []) + [o.by], dates: [o.on]))
        }
    }

    private static func sessionChanges(_ old: [Session], _ new: [Session], into out: inout [AuditChange]) {
        let before = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.map(\.id))
        for s in new {
            let id = "session-\(s.id.rawValue)"
            guard let was = before[s.id] else {
                out.append(AuditChange(.sessionAdded, ids: [id], dates: [s.date]))
                continue
            }
            if was.status != s.status { out.append(AuditChange(.sessionRecorded, ids: [id, s.status.rawValue], dates: [s.date])) }
            if was.date != s.date {
                // A move made despite broken rules says so; the rules stay in the chart.
                out.append(AuditChange(.sessionMoved, ids: [id] + (s.movedDespiteRules ? ["despite-rules"] : []), dates: [was.date, s.date]))
            }
            for a in s.amendments.dropFirst(was.amendments.count) {
                out.append(AuditChange(.sessionAmended, ids: [id, a.by], dates: [s.date, a.on]))
            }
            var fields: [String] = []
            if was.status == s.status, was.record != s.record, s.amendments.count == was.amendments.count { fields.append("record") }
            if was.plannedDoseMg != s.plannedDoseMg { fields.append("plannedDose") }
            if was.time != s.time { fields.append("time") }
            if was.pinned != s.pinned, was.date == s.date { fields.append("pinned") }
            if was.phase != s.phase { fields.append("phase") }
            if !fields.isEmpty { out.append(AuditChange(.sessionChanged, ids: [id] + fields, dates: [s.date])) }
        }
        for s in old where !after.contains(s.id) {
            out.append(AuditChange(.sessionRemoved, ids: ["session-\(s.id.rawValue)"], dates: [s.date]))
        }
    }

    /// What changed in `clinic.json` (nil: the first save).
    public static func between(_ old: ClinicFile?, _ new: ClinicFile) -> [AuditChange] {
        guard let old else { return [AuditChange(.clinicCreated)] }
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.calendar.openWeekdays != new.calendar.openWeekdays { fields.append("openWeekdays") }
        if old.calendar.chairsPerDay != new.calendar.chairsPerDay { fields.append("chairsPerDay") }
        if old.settings != new.settings { fields.append("settings") }
        if old.sessionTime != new.sessionTime { fields.append("sessionTime") }
        if old.protocols != new.protocols { fields.append("protocols") }
        if old.contactPhone != new.contactPhone { fields.append("contactPhone") }
        if old.calendarNames != new.calendarNames { fields.append("calendarNames") }
        if old.timeZone != new.timeZone { fields.append("timeZone") }
        var out: [AuditChange] = []
        if !fields.isEmpty { out.append(AuditChange(.clinicChanged, ids: fields)) }
        let closed = new.calendar.closedDates.subtracting(old.calendar.closedDates).sorted()
        let reopened = old.calendar.closedDates.subtracting(new.calendar.closedDates).sorted()
        if !closed.isEmpty { out.append(AuditChange(.clinicChanged, ids: ["closedDates", "closed"], dates: closed)) }
        if !reopened.isEmpty { out.append(AuditChange(.clinicChanged, ids: ["closedDates", "reopened"], dates: reopened)) }
        return out.isEmpty ? [AuditChange(.unchanged)] : out
    }
}
