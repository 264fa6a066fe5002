import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan session record`.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: "Record what happened at a session.", subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a session as given, missed, deferred or cancelled; prints the dates that moved.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var patient: String
        @Argument(help: "The session's number in the plan, or its date (YYYY-MM-DD).") var session: String
        @Option(help: "What happened.") var status: RecordedStatus
        @Option(help: "Dose given in mg (default: the planned dose).", transform: Parse.decimal) var dose: Double?
        @Option(help: ArgumentHelp("Blood pressure before dosing.", valueName: "SYS/DIA"), transform: Parse.bloodPressure) var bp: BloodPressure?
        @Option(name: .customLong("bp-40"), help: ArgumentHelp("Blood pressure about 40 minutes after.", valueName: "SYS/DIA"), transform: Parse.bloodPressure)
        var bp40: BloodPressure?
        @Option(name: .customLong("bp-discharge"), help: ArgumentHelp("Blood pressure at discharge.", valueName: "SYS/DIA"), transform: Parse.bloodPressure)
        var bpDischarge: BloodPressure?
        @Option(help: "Minutes monitored after the dose (0-1440).", transform: Parse.whole(0...1440, "minutes")) var monitored: Int?
        @Option(help: "Dissociation (CADSS total, 0-92).", transform: Parse.whole(0...92, "points")) var cadss: Int?
        @Option(name: .customLong("side-effect"), help: "A side effect (repeatable).") var sideEffect: [String] = []
        @Option(name: .customLong("given-by"), help: "Who gave it (default: your login name).") var givenBy: String?
        @Option(name: .customLong("form-submitted"), help: ArgumentHelp("Day the REMS monitoring form was submitted.", valueName: "YYYY-MM-DD"), transform: Parse.day)
        var formSubmitted: CalendarDay?
        @Option(name: .customLong("defer-until"), help: ArgumentHelp("For deferred: no make-up session before this day.", valueName: "YYYY-MM-DD"), transform: Parse.day)
        var deferUntil: CalendarDay?
        @Option(help: "A note.") var note: String?
        @Option(name: .customLong("override"), help: ArgumentHelp("Give the dose despite a pre-dose blood pressure gate (above the route's limit, or none before esketamine), or give a first dose other than the label's starting dose; the reason is kept on the plan.", valueName: "REASON"))
        var overrideReason: String?

        func run() throws {
            try checkText(note, flag: "--note", allowingLineBreaks: true)
            try checkText(givenBy, flag: "--given-by")
            try checkText(overrideReason, flag: "--override", allowingLineBreaks: true)
            for effect in sideEffect { try checkText(effect, flag: "--side-effect") }
            let outcomeStatus = status.sessionStatus
            let ws = try Workspace(global)
            let stored = try ws.chart(patient)
            guard let plan = stored.chart.plan else { throw Failure(PlanningError.noPlan.description) }
            let scheduler = ws.scheduler(for: stored.id)
            let id: SessionID
            do { id = try scheduler.findSession(session, in: plan) } catch { throw ValidationError(error.description) }
            let record = SessionRecord(
                doseGivenMg: dose, bpBefore: bp, bpAt40Minutes: bp40, bpAtDischarge: bpDischarge, minutesMonitored: monitored, dissociationCADSS: cadss,
                sideEffects: sideEffect, givenBy: outcomeStatus == .given ? (givenBy ?? ws.store.user) : givenBy, note: note ?? "",
                monitoringFormSubmittedOn: formSubmitted, deferredUntil: deferUntil, startingDoseOverride: overrideReason)
            let update: ChartUpdate
            if let overrideReason, overrideReason.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--override: give the reason the risk was weighed, e.g. --override \"asymptomatic, rechecked 146/88\"")
            }
            let outcome = SessionOutcome(status: outcomeStatus, record: record, overrideReason: overrideReason, decidedBy: ws.store.user)
            update = try ws.apply(.record(id, outcome), to: stored)
            let newPlan = update.chart.plan!
            let number = plan.number(of: id)!
            let day = plan.session(id)!.date
            let lines = update.changes.map { $0.line(in: newPlan) }
            try ws.save(update.chart, over: stored)
            print("Recorded session \(number) (\(day)) as \(outcomeStatus).")
            for o in newPlan.overrides.dropFirst(plan.overrides.count) { print("Override (\(o.code.title)) by \(o.by): \(o.reason)") }
            let startingDose = newPlan.session(id)?.record?.startingDoseOverride
            if let startingDose { print("First dose other than the label's starting dose, by the clinician's decision: \(startingDose)") }
            if overrideReason != nil && newPlan.overrides.count == plan.overrides.count && startingDose == nil {
                print("Nothing needed an override: the reason was not recorded.")
            }
            if lines.isEmpty {
                print("No other dates moved.")
            } else {
                print("Moved:")
                lines.forEach { print("  \($0)") }
            }
            let checker = SafetyChecker(context: ws.context(for: stored.id))
            for w in checker.warnings(for: update.chart) where w.sessionID == id && w.severity != .info {
                print("\(w.severity == .critical ? "!!" : "! ") \(w.message)")
            }
        }
    }
}
