import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan score add`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Record rating-scale scores.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a score; score-driven plans re-plan and the moves are printed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Option(help: "The rating scale.") var instrument: Instrument
        @Option(parsing: .unconditional, help: "The total (C-SSRS screener: the highest item answered yes, 0-6).", transform: Parse.count) var score: Int
        @Option(help: ArgumentHelp("The day it was scored (default: today).", valueName: "YYYY-MM-DD"), transform: Parse.day) var date: CalendarDay?
        @Option(help: "A note.") var note: String?
        @Flag(name: .customLong("after-dose"), help: "Scored after that day's dose (by default a score on a session's day counts as taken before the dose).")
        var afterDose = false
        @Option(name: .customLong("behaviour-within-3-months"),
                help: "C-SSRS item 6 (suicidal behaviour): was it within the past 3 months? Default yes (high risk); no makes it moderate, so leave it at yes when intent or a plan (items 4-5) was also answered yes.")
        var behaviourWithin3Months: YesNo?

        func run() throws {
            try checkText(note, flag: "--note", allowingLineBreaks: true)
            let inst = instrument
            let ws = try Workspace(global)
            let day = date ?? ws.today
            do { try Assessment.checkDate(day, today: ws.today) } catch { throw ValidationError("--date: \(error.description)") }
            var recent: Bool?
            if let answer = behaviourWithin3Months {
                guard inst == .cssrs else { throw ValidationError("--behaviour-within-3-months is for the C-SSRS screener (--instrument cssrs) only") }
                recent = answer.isYes
            } else if inst == .cssrs && score == 6 {
                recent = true
            }
            let assessment: Assessment
            do { assessment = try Assessment(date: day, instrument: inst, score: score, note: note ?? "", afterDose: afterDose, behaviourWithin3Months: recent) } catch {
                throw ValidationError("--score: \(error.description)")
            }
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let update = try ws.apply(.addScore(assessment), to: stored)
                let holds = HoldChecker(context: ws.context(for: stored.id))
                let lines = update.chart.plan.map { plan in update.changes.map { $0.line(in: plan, was: stored.chart.plan) } } ?? []
                try ws.save(update.chart, over: stored)
                let band = inst == .cssrs ? assessment.suicideRisk.name : inst.band(for: score, settings: ws.clinic.settings)
                let recentNote = inst == .cssrs && score == 6 ? (recent == false ? "; behaviour more than 3 months ago" : "; behaviour within 3 months") : ""
                print("Recorded \(inst.name) \(score) (\(band)\(recentNote)) on \(day)\(afterDose ? ", after that day's dose" : "").")
                if !lines.isEmpty {
                    print("Moved:")
                    lines.forEach { print("  \($0)") }
                }
                HoldReport.printChanges(from: holds.holds(for: stored.chart), to: holds.holds(for: update.chart), quiet: true)
                let codes: Set<WarningCode> = [.suicideScreenPositive, .suicideScreenLowRisk, .maniaAlert, .maniaRise, .relapse, .noResponseYet, .futilityReview]
                for w in SafetyChecker(context: ws.context(for: stored.id)).warnings(for: update.chart) where codes.contains(w.code) {
                    print("! \(w.message)")
                }
            }
        }
    }
}
