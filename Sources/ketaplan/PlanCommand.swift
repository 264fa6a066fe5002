import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan plan new|show`.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Create or show a patient's plan, or change its status.",
                                                    subcommands: [New.self, Show.self, Status.self, Dose.self, Maintenance.self])

    struct Maintenance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change how maintenance sessions are spaced from now on; prints the sessions that moved.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Argument(help: ArgumentHelp("fixed:DAYS, taper:D1,D2,..., adaptive:MIN-MAX/STEP, durability[:MARGIN] or on-demand.", valueName: "POLICY"),
                  completion: .list(["fixed:", "taper:", "adaptive", "adaptive:", "durability", "durability:", "on-demand"]), transform: Parse.policy)
        var policy: MaintenancePolicy

        func run() throws {
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let update = try ws.apply(.changeMaintenance(policy), to: stored)
                let lines = update.chart.plan.map { plan in update.changes.map { $0.line(in: plan, was: stored.chart.plan) } } ?? []
                try ws.save(update.chart, over: stored)
                print("Maintenance of \(patient) is now \(policy).")
                if lines.isEmpty {
                    print("No dates moved.")
                } else {
                    print("Moved:")
                    lines.forEach { print("  \($0)") }
                }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause, resume, complete or discontinue a plan; prints the sessions taken off or put back on the schedule.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Argument(help: "The plan's new status.") var status: PlanStatus
        @Option(help: "Why (kept with the plan; the audit log records only the change of status).") var note: String?

        func run() throws {
            try checkText(note, flag: "--note", allowingLineBreaks: true)
            let newStatus = status
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let applied = try ws.applied(.setStatus(newStatus, note: note ?? ""), to: stored)
                let lines = applied.changeLines
                try ws.save(applied.chart, over: stored)
                print("Plan of \(patient) is now \(newStatus).")
                if !lines.isEmpty {
                    print(newStatus == .active ? "Scheduled again:" : "Taken off the schedule:")
                    lines.forEach { print("  \($0)") }
                }
            }
        }
    }

    struct Dose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Titrate: set the planned dose from a session on (within the protocol's allowed doses); prints the sessions whose dose changed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Option(help: ArgumentHelp("The first session to get the dose: its number or date.", valueName: "SESSION")) var from: String
        @Option(help: "The dose in mg (fixed-dose protocols, or a mg/kg protocol's mg).", transform: Parse.decimal) var mg: Double?
        @Option(name: .customLong("mg-per-kg"), help: "The dose in mg/kg, worked out on each session's weight (mg/kg protocols).", transform: Parse.decimal)
        var mgPerKg: Double?
        @Option(help: "Why (kept with the titration).") var note: String?

        func run() throws {
            try checkText(note, flag: "--note", allowingLineBreaks: true)
            let amount: DoseStep.Amount
            switch (mg, mgPerKg) {
            case (let mg?, nil):
                guard mg.isFinite, mg > 0 else { throw ValidationError("--mg: \(mg) is not a dose; give milligrams above 0") }
                amount = .mg(mg)
            case (nil, let perKg?):
                guard perKg.isFinite, perKg > 0 else { throw ValidationError("--mg-per-kg: \(perKg) is not a dose; give mg/kg above 0") }
                amount = .mgPerKg(perKg)
            default:
                throw ValidationError("give exactly one of --mg N or --mg-per-kg N")
            }
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                guard let plan = stored.chart.plan else { throw Failure(PlanningError.noPlan.description) }
                let scheduler = ws.scheduler(for: stored.id)
                let id: SessionID
                do { id = try scheduler.findSession(from, in: plan) } catch { throw ValidationError("--from: \(error)") }
                let update: ChartUpdate
                update = try ws.apply(.titrate(id, amount, by: ws.store.user, note: note ?? ""), to: stored)
                let newPlan = update.chart.plan!
                let number = newPlan.number(of: id) ?? 0
                let lines = update.changes.map { $0.line(in: newPlan, was: plan) }
                try ws.save(update.chart, over: stored)
                print("Planned dose of \(patient) is \(amount) from session \(number) (\(newPlan.session(id)!.date)) on, every later session included.")
                // Earlier titrations still in force that started at or after this session: the
                // newest instruction replaces them, and the clinician is told which.
                for (i, old) in plan.doseSteps.enumerated() where plan.stepReplacing(stepAt: i) == nil {
                    guard newPlan.stepsReplaced(byStepAt: newPlan.doseSteps.count - 1).contains(old) else { continue }
                    let from = newPlan.number(of: old.fromSession).map { "session \($0)" } ?? old.fromDate.iso
                    print("Replaces the titration to \(old.amount) from \(from) (\(old.fromDate)), set on \(old.setOn) by \(old.by).")
                }
                if let current = newPlan.currentDose(asOf: ws.today) { print("Current dose: \(current.description)") }
                if !lines.isEmpty {
                    print("Changed:")
                    lines.forEach { print("  \($0)") }
                }
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a plan and lay out its sessions.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Option(name: .customLong("protocol"),
                help: ArgumentHelp("The protocol's id: a built-in one or one of the data folder's protocols/ (`ketaplan protocols` lists them).", valueName: "ID"))
        var protocolID: ProtocolID
        @Option(help: ArgumentHelp("The first day of treatment.", valueName: "YYYY-MM-DD"), transform: Parse.day) var start: CalendarDay
        @Option(help: ArgumentHelp("fixed:DAYS, taper:D1,D2,..., adaptive:MIN-MAX/STEP, durability[:MARGIN] or on-demand (default: the protocol's).", valueName: "POLICY"),
                transform: Parse.policy)
        var maintenance: MaintenancePolicy?
        @Option(help: ArgumentHelp("Weekdays the patient can come.", valueName: "mon,thu"),
                completion: .list(Weekday.allCases.map(\.shortName)), transform: Parse.weekdays) var days: [Weekday]?
        @Option(help: ArgumentHelp("The usual appointment time.", valueName: "HH:MM"), transform: Parse.time) var time: TimeOfDay?
        @Flag(help: "Replace an existing plan that has no recorded sessions.") var replace = false
        @Option(name: .customLong("override"), help: ArgumentHelp("Plan for a patient under 18: the clinician's reason, kept on the plan and printed on its summary.", valueName: "REASON"))
        var overrideReason: String?
        @Flag(name: .customLong("over-capacity"), help: "Book the induction on days whose chairs are all taken rather than let it stretch (shown as over capacity on the agenda).")
        var overCapacity = false
        @Flag(name: .customLong("accept-long-induction"), help: "Save the plan although closures or full chairs stretch the induction past its protocol's window (the plan carries a warning).")
        var acceptLongInduction = false

        func run() throws {
            try checkText(overrideReason, flag: "--override", allowingLineBreaks: true)
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let proto: TreatmentProtocol
                // Which ids exist is the clinic's to say (protocols/ adds its own): the refusal names them all.
                do { proto = try ws.clinic.protocolWith(id: protocolID.rawValue) } catch { throw ValidationError("--protocol: \(error)") }
                let startDay = start
                let policy = maintenance
                let preferred = days ?? []
                let appointment = time
                if let existing = stored.chart.plan {
                    if existing.sessions.contains(where: { $0.status != .planned }) {
                        throw Failure("patient \(patient) already has a plan with recorded sessions; it is kept as it is (a new course needs a new patient record for now)")
                    }
                    guard replace else { throw Failure("patient \(patient) already has a plan; add --replace to replace it (it has no recorded sessions)") }
                }
                var overrides: [PlanOverride] = []
                if let overrideReason {
                    guard !overrideReason.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw ValidationError("--override: give the clinician's reason, e.g. --override \"specialist team decision, parents consent\"")
                    }
                    guard stored.chart.patient.age(on: startDay) < HoldChecker.adultAge else {
                        throw ValidationError("--override: the patient is \(stored.chart.patient.age(on: startDay)) on \(startDay); no override is needed (it is only for patients under \(HoldChecker.adultAge))")
                    }
                    overrides.append(PlanOverride(.underAge, on: ws.today, by: ws.store.user, reason: overrideReason))
                }
                let request = ChartEdit.PlanRequest(protocolCopy: proto, start: startDay, maintenance: policy, preferredWeekdays: preferred,
                                                    time: appointment, overrides: overrides, bookOverCapacity: overCapacity)
                let chart = try ws.apply(.newPlan(request), to: stored).chart
                let scheduler = ws.scheduler(for: chart.patient.id)
                let plan = chart.plan!
                // Said before saving: the clinician accepts a stretched induction or books over capacity.
                let stretched = scheduler.stretchedPhases(plan)
                if !stretched.isEmpty, !acceptLongInduction {
                    let options = overCapacity || stretched.allSatisfy({ $0.fullDays.isEmpty })
                        ? "Add --accept-long-induction to save it as laid out (the plan carries a warning)"
                        : "Add --accept-long-induction to save it as laid out (the plan carries a warning), or --over-capacity to book the full days"
                    throw Failure("not saved: " + stretched.map(\.message).joined(separator: "; ") + ". " + options)
                }
                try ws.save(chart, over: stored)
                print("Plan created for \(patient): \(proto.id), \(plan.sessions.count) sessions from \(plan.sessions.first?.date.iso ?? "-") to \(plan.sessions.last?.date.iso ?? "-")")
                let over = plan.sessions.filter(\.overCapacity)
                if !over.isEmpty { print("Booked over capacity: " + over.map(\.date.iso).joined(separator: ", ")) }
                for o in overrides { print("Override (\(o.code.title)) by \(o.by): \(o.reason)") }
                HoldReport.lines(HoldChecker(context: ws.context(for: chart.patient.id)).holds(for: chart)).forEach { print($0) }
                for w in SafetyChecker(context: ws.context(for: chart.patient.id)).warnings(for: chart) where w.severity != .info {
                    print("! \(w.severity): \(w.message)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a patient's plan, sessions and warnings.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let ws = try Workspace(global)
            let stored = try ws.chart(patient)
            let chart = stored.chart
            guard let plan = chart.plan else { throw Failure(PlanningError.noPlan.description) }
            let warnings = SafetyChecker(context: ws.context(for: chart.patient.id)).warnings(for: chart)
            let holdChecker = HoldChecker(context: ws.context(for: chart.patient.id))
            let holds = holdChecker.holds(for: chart)
            let held = holdChecker.heldSessions(in: chart)
            if json {
                return try printJSON(PlanJSON(chart: chart, plan: plan, warnings: warnings, holds: holds, held: held, revision: stored.revision))
            }
            let p = chart.patient
            print("\(p.name) (\(p.id)), age \(p.age(on: ws.today)), \(formatNumber(p.weight.kilograms)) kg on \(p.weight.measuredOn)")
            print("Conditions:  \(p.conditions.map(\.name).joined(separator: ", "))")
            print("Protocol:    \(plan.protocolCopy.name) [\(plan.protocolCopy.id)], from \(plan.startDate), \(plan.status)")
            print("Maintenance: \(plan.maintenancePolicy?.description ?? "none (course ends for review)")")
            if let current = plan.currentDose(asOf: ws.today) { print("Dose:        \(current.description)") }
            for change in plan.comingDoseChanges(asOf: ws.today) {
                print("Dose change: \(formatNumber(change.mg)) mg from session \(change.sessionNumber) (\(change.from))")
            }
            let visits = ScoringVisits.days(for: chart, calendar: ws.clinic.calendar, settings: ws.clinic.settings, today: ws.today,
                                            through: ws.today.adding(days: 56))
            if !visits.isEmpty {
                print("Scoring visits (no dose, every \(ws.clinic.settings.onDemandScoringIntervalDays) days): " + visits.map(\.iso).joined(separator: ", "))
            }
            if !holds.isEmpty {
                print("")
                HoldReport.lines(holds).forEach { print($0) }
            }
            if !plan.statusNote.isEmpty { print("Status note: \(plan.statusNote)") }
            print("")
            var table = TextTable(headers: ["#", "DATE", "DAY", "PHASE", "DOSE", "STATUS", "BP"], alignments: [.right, .left, .left, .left, .right, .left, .left])
            for (i, s) in plan.sessions.enumerated() {
                let dose = s.status == .given ? s.record?.doseGivenMg : s.plannedDoseMg
                table.add([String(i + 1), s.date.iso, s.date.weekday.abbreviation, s.phase.rawValue, dose.map { formatNumber($0) + " mg" } ?? "-",
                           (held[s.id] != nil ? "ON HOLD" : s.status.rawValue) + (s.pinned ? " (moved)" : "") + (s.overCapacity ? " (over capacity)" : ""), s.record?.bpBefore?.description ?? ""])
            }
            table.lines().forEach { print($0) }
            let amended = plan.sessions.enumerated().filter { !$0.element.amendments.isEmpty }
            if !amended.isEmpty {
                print("")
                print("Amended records (the original is kept):")
                for (i, s) in amended {
                    for (k, a) in s.amendments.enumerated() {
                        let next = k + 1 < s.amendments.count ? s.amendments[k + 1].original : s.record ?? a.original
                        print("  session \(i + 1) (\(s.date)): amended \(a.on) by \(a.by): \(a.reason)")
                        print("    " + SessionAmendment.differences(a.original, next).joined(separator: "; "))
                    }
                }
            }
            if !plan.overrides.isEmpty {
                print("")
                print("Overrides:")
                for o in plan.overrides {
                    print("  \(o.on) \(o.code.title)\(o.session.flatMap { plan.number(of: $0) }.map { ", session \($0)" } ?? "") by \(o.by): \(o.reason)")
                }
            }
            if !warnings.isEmpty {
                print("")
                print("Warnings:")
                for w in warnings { print("  \(w.severity == .critical ? "!!" : w.severity == .caution ? "! " : "- ") \(w.message)") }
            }
        }
    }
}

/// The shape of `plan show --json`.
struct PlanJSON: Encodable {
    struct SessionJSON: Encodable {
        var number: Int
        var id: Int
        var date: String
        var weekday: String
        var time: String?
        var chairMinutes: Int
        var phase: String
        var status: String
        var plannedDoseMg: Double?
        var doseGivenMg: Double?
        var pinned: Bool
        var overCapacity: Bool
        var reason: String
        var record: SessionRecord?
        /// True while a hold stops this session (`holds` lists which).
        var held: Bool
        var holds: [String]
    }
    struct HoldJSON: Encodable {
        var code: String
        var since: String
        var message: String
        var howToLift: String
        /// Numbers of the sessions it holds.
        var sessions: [Int]
    }
    struct OverrideJSON: Encodable {
        var code: String
        var session: Int?
        var on: String
        var by: String
        var reason: String
    }
    struct WarningJSON: Encodable {
        var code: String
        var severity: String
        var message: String
        var date: String?
        var session: Int?
    }
    var patient: PatientID
    var name: String
    var revision: Int
    var `protocol`: String
    var startDate: String
    var status: String
    var maintenancePolicy: String?
    var sessions: [SessionJSON]
    var holds: [HoldJSON]
    var overrides: [OverrideJSON]
    var warnings: [WarningJSON]

    init(chart: PatientChart, plan: Plan, warnings: [PlanWarning], holds: [Hold], held: [SessionID: [Hold]], revision: Int) {
        patient = chart.patient.id
        name = chart.patient.name
        self.revision = revision
        self.protocol = plan.protocolCopy.id.rawValue
        startDate = plan.startDate.iso
        status = plan.status.rawValue
        maintenancePolicy = plan.maintenancePolicy?.description
        sessions = plan.sessions.enumerated().map { i, s in
            SessionJSON(number: i + 1, id: s.id.rawValue, date: s.date.iso, weekday: s.date.weekday.shortName, time: s.time?.description,
                        chairMinutes: s.chairMinutes, phase: s.phase.rawValue, status: s.status.rawValue, plannedDoseMg: s.plannedDoseMg,
                        doseGivenMg: s.record?.doseGivenMg, pinned: s.pinned, overCapacity: s.overCapacity, reason: s.reason, record: s.record,
                        held: held[s.id] != nil, holds: held[s.id]?.map(\.code.rawValue) ?? [])
        }
        self.holds = holds.map { h in
            HoldJSON(code: h.code.rawValue, since: h.since.iso, message: h.message, howToLift: h.howToLift,
                     sessions: plan.sessions.enumerated().filter { h.applies(to: $0.element, in: plan) }.map { $0.offset + 1 })
        }
        overrides = plan.overrides.map {
            OverrideJSON(code: $0.code.rawValue, session: $0.session.flatMap { plan.number(of: $0) }, on: $0.on.iso, by: $0.by, reason: $0.reason)
        }
        self.warnings = warnings.map {
            WarningJSON(code: $0.code.rawValue, severity: $0.severity.rawValue, message: $0.message, date: $0.date?.iso,
                        session: $0.sessionID.flatMap { plan.number(of: $0) })
        }
    }
}
