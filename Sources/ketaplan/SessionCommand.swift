import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan session record|move`.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: "Record what happened at a session, move one, or correct a given session's record.",
                                                    subcommands: [Record.self, Move.self, Amend.self])

    /// The session a subcommand names ("4" or "2026-12-10") in a patient's plan, found
    /// once for record, move and amend alike: a chart without a plan is a failure, a
    /// session the plan does not have a usage error naming what is accepted.
    struct Named {
        let plan: Plan
        /// The scheduler the edit is checked and applied under (other plans' chairs count).
        let scheduler: Scheduler
        let id: SessionID
        /// Its number and day in the plan as loaded, before the edit.
        let number: Int
        let day: CalendarDay

        init(_ text: String, in stored: StoredChart, _ ws: Workspace) throws {
            guard let plan = stored.chart.plan else { throw Failure(PlanningError.noPlan.description) }
            let scheduler = ws.scheduler(for: stored.id)
            let id: SessionID
            do { id = try scheduler.findSession(text, in: plan) } catch { throw ValidationError("\(error)") }
            guard let number = plan.number(of: id), let session = plan.session(id) else { throw ValidationError("\(PlanningError.unknownSession(text))") }
            (self.plan, self.scheduler, self.id, self.number, self.day) = (plan, scheduler, id, number, session.date)
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a planned session to another day and pin it there; prints the engine's checks and the dates that moved.",
            discussion: "A move that breaks a scheduling rule (a closed day, too close to another dose, ...) is refused, listing every rule it breaks, unless --despite is given.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Argument(help: "The session's number in the plan, or its date (YYYY-MM-DD).") var session: String
        @Option(help: ArgumentHelp("The day to move it to.", valueName: "YYYY-MM-DD"), transform: Parse.day) var to: CalendarDay
        @Flag(help: "Move it although it breaks the rules the checks list (the session keeps them as its reason; the audit log records the move as made despite them).")
        var despite = false

        func run() throws {
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let named = try Named(session, in: stored, ws)
                let (plan, scheduler, id, number, from) = (named.plan, named.scheduler, named.id, named.number, named.day)
                // What --despite cannot lift is refused first, saying what to do instead.
                do { try scheduler.checkMovable(id, to: to, in: stored.chart) } catch { throw Failure("not moved: " + "\(error)") }
                let concerns = scheduler.concerns(moving: id, to: to, in: stored.chart)
                if !concerns.isEmpty && !despite {
                    throw Failure("not moved: session \(number) (\(from)) to \(to) breaks \(concerns.count == 1 ? "a rule" : "\(concerns.count) rules"): "
                                  + concerns.map(\.message).joined(separator: "; ") + ". Add --despite to move it anyway (kept with the session and in the audit log)")
                }
                let update = try ws.apply(.move(id, to), to: stored)
                let newPlan = update.chart.plan ?? plan
                let lines = update.changes.map { $0.line(in: newPlan, was: plan) }
                try ws.save(update.chart, over: stored)
                print("Moved session \(number) from \(from) to \(to).")
                if concerns.isEmpty {
                    print("Checks: no rule broken.")
                } else {
                    print("Checks: moved despite \(concerns.count == 1 ? "a broken rule" : "\(concerns.count) broken rules"):")
                    concerns.forEach { print("  ! \($0.message)") }
                }
                if lines.count > 1 {
                    print("Moved:")
                    lines.forEach { print("  \($0)") }
                } else {
                    print("No other dates moved.")
                }
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a session as given, missed, deferred or cancelled; prints the dates that moved.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Argument(help: "The session's number in the plan, or its date (YYYY-MM-DD).") var session: String
        @Option(help: "What happened.") var status: RecordedStatus
        @OptionGroup(title: "The record") var fields: RecordFields
        @Option(name: .customLong("defer-until"), help: ArgumentHelp("For deferred: no make-up session before this day.", valueName: "YYYY-MM-DD"), transform: Parse.day)
        var deferUntil: CalendarDay?
        @Option(name: .customLong("override"), help: ArgumentHelp("Give the dose despite a pre-dose blood pressure gate (above the route's limit, or none before esketamine), or give a first dose other than the label's starting dose; the reason is kept on the plan.", valueName: "REASON"))
        var overrideReason: String?

        func run() throws {
            try fields.refuseControlCharacters()
            try checkText(overrideReason, flag: "--override", allowingLineBreaks: true)
            let outcomeStatus = status.sessionStatus
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let named = try Named(session, in: stored, ws)
                let (plan, id) = (named.plan, named.id)
                // Who gave a given dose defaults to whoever records it.
                let record = fields.record(over: SessionRecord(givenBy: outcomeStatus == .given ? ws.store.user : nil, deferredUntil: deferUntil,
                                                               startingDoseOverride: overrideReason))
                let update: ChartUpdate
                if let overrideReason, overrideReason.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw ValidationError("--override: give the reason the risk was weighed, e.g. --override \"asymptomatic, rechecked 146/88\"")
                }
                let outcome = SessionOutcome(status: outcomeStatus, record: record, overrideReason: overrideReason, decidedBy: ws.store.user)
                update = try ws.apply(.record(id, outcome), to: stored)
                let newPlan = update.chart.plan!
                let (number, day) = (named.number, named.day)
                let lines = update.changes.map { $0.line(in: newPlan, was: plan) }
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

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct the record of a given session: the options given replace those fields, the original record is kept with the reason, and `plan show` shows both.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Argument(help: "The session's number in the plan, or its date (YYYY-MM-DD).") var session: String
        @Option(help: "Why the record is corrected (required; kept with the original).") var reason: String
        @OptionGroup(title: "The record") var fields: RecordFields
        @Flag(name: .customLong("no-side-effects"), help: "Clear the recorded side effects.") var noSideEffects = false

        func run() throws {
            try checkText(reason, flag: "--reason", allowingLineBreaks: true)
            try fields.refuseControlCharacters()
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("--reason: say why the record is corrected, e.g. --reason \"dose transcribed wrongly: 40 mg per the MAR\"")
            }
            if noSideEffects, !fields.sideEffect.isEmpty { throw ValidationError("give --side-effect or --no-side-effects, not both") }
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let named = try Named(session, in: stored, ws)
                let (plan, id) = (named.plan, named.id)
                // A session without a record is refused by the engine, which says what to do instead.
                let old = plan.session(id)?.record ?? SessionRecord()
                var record = fields.record(over: old)
                if noSideEffects { record.sideEffects = [] }
                let applied = try ws.applied(.amend(id, record, reason: reason, by: ws.store.user), to: stored)
                try ws.save(applied.chart, over: stored)
                print("Amended the record of session \(named.number) (\(named.day)); the original is kept.")
                SessionAmendment.differences(old, record).forEach { print("  \($0)") }
                if !applied.changeLines.isEmpty {
                    print("Moved:")
                    applied.changeLines.forEach { print("  \($0)") }
                }
            }
        }
    }
}
