import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanSimulation
import KetaplanStore
import KetaplanText

extension Population: ExpressibleByArgument {}

/// `ketaplan simulate`: a reproducible synthetic cohort run through the real scheduler
/// under each maintenance policy, scored on days in relapse and sessions per year.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Compare maintenance policies on a synthetic cohort (days in relapse against sessions per year).",
        discussion: """
            Every patient is run day by day through the real scheduler: sessions are recorded as \
            given or missed, scores as measured, and the plan re-planned as the clinic would. The \
            patient model and the source of each parameter are in docs/maintenance-evidence.md. The \
            same options and seed always give the same figures. Nothing is read from or written to \
            the data folder.
            """)

    @Option(help: "How many synthetic patients (1-1000000).", transform: Parse.count) var patients: Int = 1000
    @Option(help: "Random seed: the same seed gives the same cohort and figures.") var seed: UInt64 = 1
    @Option(help: "Days simulated from each plan's start (28-3650).", transform: Parse.count) var days: Int = 365
    @Option(name: .customLong("policy"), help: ArgumentHelp("A maintenance policy to compare (repeat for several; default: fixed:7, fixed:14, fixed:21, fixed:28, taper:7,14,21,28, adaptive, durability, on-demand).", valueName: "POLICY"))
    var policyTexts: [String] = []
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Also write the per-policy table as CSV to this file (not inside the data folder but for its exports/).", valueName: "FILE")) var csv: String?
    @Flag(help: "Replace the --csv file if it exists.") var force = false
    @Flag(help: "Print an ASCII plot of the policies and the frontier.") var plot = false
    @Option(help: "Threads to use (1-256; default: every core).", transform: Parse.whole(1...256, "threads")) var threads: Int?

    @Option(help: ArgumentHelp("Published course the model's defaults follow: \(Population.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "NAME"))
    var population: Population = .murrough
    @Option(help: ArgumentHelp("Treatment protocol (a built-in id with maintenance; default iv-ketamine-3x).", valueName: "ID")) var `protocol`: String?
    @Option(help: ArgumentHelp("Share responding to induction, 0-1.", valueName: "SHARE"), transform: Parse.decimal) var responseRate: Double?
    @Option(help: ArgumentHelp("Median days a dose keeps a responder well.", valueName: "DAYS"), transform: Parse.decimal) var durabilityMedian: Double?
    @Option(help: ArgumentHelp("Spread of durability between patients (log-normal sigma).", valueName: "SIGMA"), transform: Parse.decimal) var durabilitySpread: Double?
    @Option(help: ArgumentHelp("Dose-to-dose variation of a patient's durability (log-normal sigma).", valueName: "SIGMA"), transform: Parse.decimal) var doseVariation: Double?
    @Option(help: ArgumentHelp("Baseline scores, e.g. 15-24.", valueName: "MIN-MAX")) var baseline: String?
    @Option(help: ArgumentHelp("A well responder's score as a fraction of baseline, e.g. 0.15-0.45.", valueName: "MIN-MAX")) var wellFraction: String?
    @Option(help: ArgumentHelp("A relapsed patient's score as a fraction of baseline.", valueName: "F"), transform: Parse.decimal) var relapseFraction: Double?
    @Option(help: ArgumentHelp("Measurement noise of a score (standard deviation, scale points).", valueName: "SD"), transform: Parse.decimal) var scoreNoise: Double?
    @Option(help: ArgumentHelp("Share of sessions missed, 0-1.", valueName: "SHARE"), transform: Parse.decimal) var missedRate: Double?
    @Option(help: ArgumentHelp("Days between self-reported scores in maintenance (0: only at visits).", valueName: "DAYS"), transform: Parse.count) var selfReportEvery: Int?
    @Option(help: ArgumentHelp("Share of self-reports completed, 0-1.", valueName: "SHARE"), transform: Parse.decimal) var selfReportCompletion: Double?
    @Option(help: ArgumentHelp("Share of responders whose durability drifts, 0-1.", valueName: "SHARE"), transform: Parse.decimal) var driftShare: Double?
    @Option(help: ArgumentHelp("How far a drifting durability moves in a year, as a factor range, e.g. 0.5-2.", valueName: "MIN-MAX")) var driftFactor: String?

    @OptionGroup var global: GlobalOptions

    /// The model: the population's defaults with every given option applied.
    func model() throws -> PatientModel {
        var m = PatientModel(population: population)
        if let p = `protocol` { m.protocolID = ProtocolID(p) }
        if let v = responseRate { m.responseRate = v }
        if let v = durabilityMedian { m.durabilityMedianDays = v }
        if let v = durabilitySpread { m.durabilitySpread = v }
        if let v = doseVariation { m.doseVariation = v }
        if let v = baseline { m.baselineScores = try range(v, flag: "--baseline", Int.init) }
        if let v = wellFraction { m.wellFraction = try range(v, flag: "--well-fraction", PlainDecimal.parse) }
        if let v = relapseFraction { m.relapseFraction = v }
        if let v = scoreNoise { m.scoreNoise = v }
        if let v = missedRate { m.missedRate = v }
        if let v = selfReportEvery { m.selfReportEveryDays = v }
        if let v = selfReportCompletion { m.selfReportCompletion = v }
        if let v = driftShare { m.driftShare = v }
        if let v = driftFactor { m.driftFactor = try range(v, flag: "--drift-factor", PlainDecimal.parse) }
        do { try m.validate() } catch { throw ValidationError(error.description) }
        return m
    }

    private func range<T: Comparable>(_ text: String, flag: String, _ parse: (String) -> T?) throws -> ClosedRange<T> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let low = parse(parts[0]), let high = parse(parts[1]), low <= high else {
            throw ValidationError("\(flag): '\(text)' is not a range; write MIN-MAX, e.g. \(flag == "--baseline" ? "15-24" : "0.5-2")")
        }
        return low...high
    }

    func run() throws {
        let model = try model()
        var policies: [NamedPolicy] = []
        for text in policyTexts {
            do { policies.append(try NamedPolicy(text)) } catch { throw ValidationError("--policy: \(error.description)") }
        }
        let simulation = Simulation(model: model, seed: seed, patients: patients, days: days, policies: policies.isEmpty ? NamedPolicy.defaults : policies)
        do { try simulation.validate() } catch { throw ValidationError(error.description) }
        // Refuse a CSV path before the run rather than after it.
        if let csv {
            if let problem = global.folder.outputProblem(csv) { throw ValidationError("--csv: \(problem)") }
            if FileManager.default.fileExists(atPath: csv), !force {
                throw ValidationError("--csv: \(csv) already exists; add --force to replace it, or choose another file")
            }
        }

        let progress = ProgressBar(label: "simulating")
        let start = DispatchTime.now().uptimeNanoseconds
        let result: Simulation.Result
        do {
            result = try simulation.run(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) { done, total in progress.update(done, of: total) }
        } catch { throw Failure(error.description) }
        progress.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        if let csv { try emit(SimulateCommand.csv(result), to: csv, folder: global.folder, force: force) }
        let goals = SimulateCommand.goals(result, policies: simulation.policies)
        if json {
            try printJSON(Report(seed: seed, days: days, model: model, result: result, frontierGoal: goals, seconds: seconds))
        } else {
            print("\(Plural.count(result.patients, "patient")) (\(result.responders) responded to induction), \(days) days, seed \(seed), population \(population.rawValue): \(population.summary)")
            print("Per patient-year of maintenance, over the patients who responded:")
            print("")
            SimulateCommand.table(result).forEach { print($0) }
            print("")
            print("By the patient's own durability (relapse days / sessions per patient-year):")
            print("")
            SimulateCommand.bandTable(result).forEach { print($0) }
            print("")
            print("Pareto frontier (fewest sessions first): " + result.frontier.joined(separator: ", "))
            for goal in goals {
                print("\(goal.policy): \(goal.holds ? "on the frontier against every fixed interval" : "NOT on the frontier against \(goal.beatenBy.joined(separator: ", "))")")
            }
            if plot {
                print("")
                FrontierPlot.lines(result).forEach { print($0) }
            }
        }
        let runs = result.patients * simulation.policies.count
        printError(String(format: "simulated %d patients x %d days x %d policies in %.1f s (%d runs, %.2f ms each)",
                          result.patients, days, simulation.policies.count, seconds, runs, seconds * 1000 / Double(max(1, runs))))
    }

    /// The frontier goal for each personalised policy (learned durability, score-driven).
    struct Goal: Encodable {
        var policy: String
        var holds: Bool
        var beatenBy: [String]
    }

    static func goals(_ result: Simulation.Result, policies: [NamedPolicy]) -> [Goal] {
        let fixed = policies.filter(\.policy.isFixedInterval).compactMap { p in result.summaries.first { $0.policy == p.name } }
        return policies.compactMap { p -> Goal? in
            switch p.policy {
            case .adaptive, .learnedDurability: break
            default: return nil
            }
            guard let s = result.summaries.first(where: { $0.policy == p.name }) else { return nil }
            let failing = fixed.filter { !s.holdsFrontierGoal(against: $0) }.map(\.policy)
            return Goal(policy: p.name, holds: failing.isEmpty, beatenBy: failing)
        }
    }

    struct Report: Encodable {
        var seed: UInt64
        var days: Int
        var model: PatientModel
        var result: Simulation.Result
        var frontierGoal: [Goal]
        var seconds: Double
    }

    static func table(_ result: Simulation.Result) -> [String] {
        var t = TextTable(headers: ["policy", "relapse days/yr", "p10-p90", "sessions/yr", "p10-p90", "any relapse", "mean interval", "frontier"],
                          alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
        for s in result.summaries {
            t.add([s.policy, f1(s.relapseDaysPerYear), "\(f0(s.relapseDaysPerYearP10))-\(f0(s.relapseDaysPerYearP90))",
                   f1(s.sessionsPerYear), "\(f0(s.sessionsPerYearP10))-\(f0(s.sessionsPerYearP90))",
                   String(format: "%.0f%%", s.anyRelapseShare * 100), String(format: "%.1f d", s.meanIntervalDays),
                   result.frontier.contains(s.policy) ? "yes" : ""])
        }
        return t.lines()
    }

    static func bandTable(_ result: Simulation.Result) -> [String] {
        let bands = result.summaries.first?.byDurability ?? []
        var t = TextTable(headers: ["policy"] + bands.map { "\($0.name), \($0.patients) patients" },
                          alignments: [.left] + bands.map { _ in .right })
        for s in result.summaries {
            t.add([s.policy] + s.byDurability.map { "\(f1($0.relapseDaysPerYear)) / \(f1($0.sessionsPerYear))" })
        }
        return t.lines()
    }

    static func csv(_ result: Simulation.Result) -> String {
        var lines = ["policy,patients,relapse_days_per_year,relapse_days_p10,relapse_days_p90,sessions_per_year,sessions_p10,sessions_p90,any_relapse_share,mean_interval_days,missed_per_year,on_frontier"]
        for s in result.summaries {
            let name = s.policy.contains(",") ? "\"\(s.policy)\"" : s.policy
            lines.append([name, String(s.patients), f2(s.relapseDaysPerYear), f2(s.relapseDaysPerYearP10), f2(s.relapseDaysPerYearP90),
                          f2(s.sessionsPerYear), f2(s.sessionsPerYearP10), f2(s.sessionsPerYearP90), String(format: "%.4f", s.anyRelapseShare),
                          f2(s.meanIntervalDays), f2(s.missedPerYear), result.frontier.contains(s.policy) ? "yes" : "no"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func f0(_ v: Double) -> String { String(format: "%.0f", v) }
    static func f1(_ v: Double) -> String { String(format: "%.1f", v) }
    static func f2(_ v: Double) -> String { String(format: "%.2f", v) }
}
