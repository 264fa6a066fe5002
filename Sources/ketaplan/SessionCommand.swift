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
        @Option(help: "given, missed, deferred or cancelled.") var status: String
        @Option(help: "Dose given in mg (default: the planned dose).", transform: plainDecimal("--dose")) var dose: Double?
        @Option(help: ArgumentHelp("Blood pressure before dosing.", valueName: "SYS/DIA")) var bp: String?
        @Option(name: .customLong("bp-40"), help: ArgumentHelp("Blood pressure about 40 minutes after.", valueName: "SYS/DIA")) var bp40: String?
        @Option(name: .customLong("bp-discharge"), help: ArgumentHelp("Blood pressure at discharge.", valueName: "SYS/DIA")) var bpDischarge: String?
        @Option(help: "Minutes monitored after the dose.") var monitored: Int?
        @Option(help: "Dissociation (CADSS total, 0-92).") var cadss: Int?
        @Option(name: .customLong("side-effect"), help: "A side effect (repeatable).") var sideEffect: [String] = []
        @Option(name: .customLong("given-by"), help: "Who gave it (default: your login name).") var givenBy: String?
        @Option(name: .customLong("form-submitted"), help: ArgumentHelp("Day the REMS monitoring form was submitted.", valueName: "YYYY-MM-DD")) var formSubmitted: String?
        @Option(name: .customLong("defer-until"), help: ArgumentHelp("For deferred: no make-up session before this day.", valueName: "YYYY-MM-DD")) var deferUntil: String?
        @Option(help: "A note.") var note: String?
        @Option(name: .customLong("override"), help: ArgumentHelp("Give the dose despite a pre-dose blood pressure gate (above the route's limit, or none before esketamine), or give a first dose other than the label's starting dose; the reason is kept on the plan.", valueName: "REASON"))
        var overrideReason: String?

        func bloodPressure(_ text: String?, flag: String) throws -> BloodPressure? {
            guard let text else { return nil }
            do { return try BloodPressure(text: text) } catch { throw ValidationError("\(flag): \(error.description)") }
        }

        func run() throws {
            try checkText(note, flag: "--note", allowingLineBreaks: true)
            try checkText(givenBy, flag: "--given-by")
            try checkText(overrideReason, flag: "--override", allowingLineBreaks: true)
            for effect in sideEffect { try checkText(effect, flag: "--side-effect") }
            guard let outcomeStatus = SessionStatus(rawValue: status.lowercased()), outcomeStatus != .planned else {
                throw ValidationError("--status: '\(status)' is not accepted; use given, missed, deferred or cancelled")
            }
            if let monitored, !(0...1440).contains(monitored) { throw ValidationError("--monitored: \(monitored) is not a number of minutes; use 0-1440") }
            let ws = try Workspace(global)
            let stored = try ws.chart(patient)
            guard let plan = stored.chart.plan else { throw Failure(PlanningError.noPlan.description) }
            let scheduler = ws.scheduler(for: stored.id)
            let id: SessionID
            do { id = try scheduler.findSession(session, in: plan) } catch { throw ValidationError(error.description) }
            let record = SessionRecord(
                doseGivenMg: dose, bpBefore: try bloodPressure(bp, flag: "--bp"), bpAt40Minutes: try bloodPressure(bp40, flag: "--bp-40"),
                bpAtDischarge: try bloodPressure(bpDischarge, flag: "--bp-discharge"), minutesMonitored: monitored, dissociationCADSS: cadss,
                sideEffects: sideEffect, givenBy: outcomeStatus == .given ? (givenBy ?? ws.store.user) : givenBy, note: note ?? "",
                monitoringFormSubmittedOn: try formSubmitted.map { try parseDay($0, flag: "--form-submitted") },
                deferredUntil: try deferUntil.map { try parseDay($0, flag: "--defer-until") }, startingDoseOverride: overrideReason)
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
