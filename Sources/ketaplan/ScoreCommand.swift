import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan score add`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Record rating-scale scores.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a score; score-driven plans re-plan and the moves are printed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var patient: String
        @Option(help: "phq9, qids, madrs, gad7, pcl5, cssrs or ymrs.") var instrument: String
        @Option(help: "The total (C-SSRS screener: the highest item answered yes, 0-6).") var score: Int
        @Option(help: ArgumentHelp("The day it was scored (default: today).", valueName: "YYYY-MM-DD")) var date: String?
        @Option(help: "A note.") var note: String?
        @Flag(name: .customLong("after-dose"), help: "Scored after that day's dose (by default a score on a session's day counts as taken before the dose).")
        var afterDose = false

        func run() throws {
            guard let inst = Instrument(name: instrument) else {
                throw ValidationError("--instrument: '\(instrument)' is not known; use phq9, qids, madrs, gad7, pcl5, cssrs or ymrs")
            }
            let ws = try Workspace(global)
            let day = try date.map { try parseDay($0, flag: "--date") } ?? ws.today
            guard day <= ws.today else { throw ValidationError("--date: \(day) is after today; scores are recorded on or after the day they are taken") }
            let assessment: Assessment
            do { assessment = try Assessment(date: day, instrument: inst, score: score, note: note ?? "", afterDose: afterDose) } catch {
                throw ValidationError("--score: \(error.description)")
            }
            let stored = try ws.chart(patient)
            let update = ws.scheduler(for: stored.id).add(assessment, to: stored.chart)
            let lines = update.chart.plan.map { plan in update.changes.map { $0.line(in: plan) } } ?? []
            try ws.save(update.chart, over: stored, changes: ["score \(inst.name) \(score) on \(day)"] + lines)
            print("Recorded \(inst.name) \(score) (\(inst.band(for: score, settings: ws.clinic.settings))) on \(day)\(afterDose ? ", after that day's dose" : "").")
            if !lines.isEmpty {
                print("Moved:")
                lines.forEach { print("  \($0)") }
            }
            let codes: Set<WarningCode> = [.suicideScreenPositive, .suicideScreenLowRisk, .maniaAlert, .relapse, .noResponseYet, .futilityReview]
            for w in SafetyChecker(context: ws.context(for: stored.id)).warnings(for: update.chart) where codes.contains(w.code) {
                print("! \(w.message)")
            }
        }
    }
}
