import KetaplanEngine

/// A change a clinician confirmed, as a value: applied through the engine, kept to be
/// re-applied on a reloaded chart after a save conflict.
public enum ChartEdit: Equatable, Sendable {
    case record(SessionID, SessionOutcome)
    case addScore(Assessment)
    case move(SessionID, CalendarDay)
    case titrate(SessionID, DoseStep.Amount, by: String, note: String)
    /// The maintenance policy from now on (`plan maintenance`).
    case changeMaintenance(MaintenancePolicy)
    case editPatient(Patient)
    case newPlan(PlanRequest)
    case review(ClinicianReview)
    case acknowledge(ScreeningAcknowledgement)
    /// Sets screening answers (`screening set`); a withdrawn finding needs its reason.
    case setScreening(ScreeningChange)
    /// Corrects a given session's record; the record replaced is kept with the reason.
    case amend(SessionID, SessionRecord, reason: String, by: String)
    /// Pauses, resumes, completes or discontinues the plan; the note is kept with it.
    case setStatus(PlanStatus, note: String)

    /// What a new plan was asked for.
    public struct PlanRequest: Equatable, Sendable {
        public var protocolCopy: TreatmentProtocol
        public var start: CalendarDay
        public var maintenance: MaintenancePolicy?
        public var preferredWeekdays: [Weekday]
        public var time: TimeOfDay?
        /// A clinician's reason to plan for a patient under 18 (empty otherwise).
        public var overrides: [PlanOverride] = []
        /// Book the induction on full days rather than let it stretch.
        public var bookOverCapacity = false

        public init(protocolCopy: TreatmentProtocol, start: CalendarDay, maintenance: MaintenancePolicy?, preferredWeekdays: [Weekday],
                    time: TimeOfDay?, overrides: [PlanOverride] = [], bookOverCapacity: Bool = false) {
            self.protocolCopy = protocolCopy
            self.start = start
            self.maintenance = maintenance
            self.preferredWeekdays = preferredWeekdays
            self.time = time
            self.overrides = overrides
            self.bookOverCapacity = bookOverCapacity
        }
    }

    /// Applies the edit with the engine.
    /// - Throws: the engine's refusal, as a message for the clinician.
    public func apply(to chart: PatientChart, scheduler: Scheduler) throws(EditError) -> ChartUpdate {
        if case .setScreening(let change) = self { try change.validate(against: chart.patient.screening) }
        do {
            switch self {
            case .record(let id, let outcome):
                return try scheduler.record(outcome, for: id, in: chart)
            case .addScore(let a):
                return scheduler.add(a, to: chart)
            case .move(let id, let day):
                return try scheduler.move(id, to: day, in: chart, acceptingConcerns: true)
            case .titrate(let id, let amount, let by, let note):
                return try scheduler.titrate(to: amount, from: id, by: by, note: note, in: chart)
            case .changeMaintenance(let policy):
                return try scheduler.changeMaintenance(to: policy, in: chart)
            case .editPatient(let patient):
                var c = chart
                c.patient = patient
                return c.plan == nil ? ChartUpdate(chart: c, changes: []) : scheduler.replanned(c)
            case .review(let r):
                return try scheduler.review(r, in: chart)
            case .acknowledge(let a):
                return try scheduler.acknowledge(a, in: chart)
            case .setScreening(let change):
                var c = chart
                c.patient.screening = change.applied(to: chart.patient.screening)
                return c.plan == nil ? ChartUpdate(chart: c, changes: []) : scheduler.replanned(c)
            case .amend(let id, let record, let reason, let by):
                return try scheduler.amend(id, to: record, reason: reason, by: by, in: chart)
            case .setStatus(let status, let note):
                var update = try scheduler.setStatus(status, in: chart)
                update.chart.plan?.statusNote = note
                return update
            case .newPlan(let r):
                var c = chart
                c.plan = try scheduler.makePlan(for: chart, protocol: r.protocolCopy, start: r.start, maintenance: r.maintenance,
                                                preferredWeekdays: r.preferredWeekdays, appointmentTime: r.time, overrides: r.overrides,
                                                bookOverCapacity: r.bookOverCapacity)
                return ChartUpdate(chart: c, changes: [])
            }
        } catch {
            throw EditError(message: error.description)
        }
    }

    /// Applies the edit and words what it did: the one result both front ends save and
    /// show, so the screen and the command line cannot describe the same edit differently.
    /// - Throws: the engine's refusal, as a message for the clinician.
    public func applied(to chart: PatientChart, scheduler: Scheduler) throws(EditError) -> AppliedEdit {
        described(try apply(to: chart, scheduler: scheduler), on: chart)
    }

    /// Words `update`, the result of applying this edit to `chart` (for a caller that
    /// applied it already, as the screen does when it checks an edit before saving).
    public func described(_ update: ChartUpdate, on chart: PatientChart) -> AppliedEdit {
        // Sessions taken off a plan are numbered as they were; others as they are now.
        let numbering: Plan? = if case .setStatus(let s, _) = self, s != .active { chart.plan } else { update.chart.plan }
        let lines = numbering.map { plan in update.changes.map { $0.line(in: plan, was: chart.plan) } } ?? []
        return AppliedEdit(update: update, summary: summary(in: chart, after: update.chart), changeLines: lines)
    }

    /// An override as the summary names it: its kind and who (the reason stays in the chart).
    static func overrideText(_ o: PlanOverride) -> String { ", override \(o.code.rawValue) by \(o.by)" }

    /// The edit in a few words, for the saved message and the undo entry. `after` is the
    /// chart the edit made: a recorded session names the overrides the engine recorded
    /// (their kind and who; the reasons stay in the chart), as a new plan does.
    public func summary(in chart: PatientChart, after: PatientChart? = nil) -> String {
        let plan = chart.plan
        let added = (after?.plan?.overrides ?? []).dropFirst(plan?.overrides.count ?? 0)
        let overrides = added.map(Self.overrideText).joined()
        switch self {
        case .record(let id, let outcome):
            let n = plan?.number(of: id).map(String.init) ?? id.description
            return "session \(n) \(plan?.session(id)?.date.iso ?? "") \(outcome.status)" + overrides
        case .addScore(let a): return "score \(a.instrument.name) \(a.score) on \(a.date)"
        case .move(let id, let day):
            let n = plan?.number(of: id).map(String.init) ?? id.description
            return "session \(n) moved to \(day) by hand"
        case .titrate(let id, let amount, _, let note):
            let n = plan?.number(of: id).map(String.init) ?? id.description
            return "dose \(amount) from session \(n)" + (note.isEmpty ? "" : ": \(note)")
        case .changeMaintenance(let policy): return "maintenance \(policy)"
        case .editPatient(let patient):
            // Screening answers that changed are named (the answers, never free text).
            return (["patient details edited"] + ScreeningChange.lines(from: chart.patient.screening, to: patient.screening)).joined(separator: "; ")
        case .setScreening(let change):
            let lines = ScreeningChange.lines(from: chart.patient.screening, to: change.applied(to: chart.patient.screening))
            return lines.isEmpty ? "screening confirmed" : lines.joined(separator: "; ")
        case .newPlan(let r):
            // A new plan's overrides are all its own, whatever plan it replaces.
            return "plan created: \(r.protocolCopy.id) from \(r.start)" + (after?.plan?.overrides ?? r.overrides).map(Self.overrideText).joined()
        case .review(let r): return "review recorded: \(r.kind.name)"
        case .acknowledge(let a): return "screening acknowledged: \(a.item.rawValue)"
        case .amend(let id, _, _, let by):
            let n = plan?.number(of: id).map(String.init) ?? id.description
            return "session \(n) \(plan?.session(id)?.date.iso ?? "") record amended by \(by)"
        case .setStatus(let status, _): return "plan \(status)"
        }
    }
}
