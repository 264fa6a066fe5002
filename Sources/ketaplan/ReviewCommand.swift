import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan review`: a clinician's recorded decision on a warning that needs one.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a clinician's review of a warning (futility, a positive C-SSRS screen, ...) or acknowledge a screening finding.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
    @Option(help: ArgumentHelp("The review, or screening:ITEM to acknowledge a screening finding.", valueName: "KIND"))
    var kind: ReviewChoice
    @Option(help: "Why (kept with the review).") var note: String = ""

    func run() throws {
        try checkText(note, flag: "--note", allowingLineBreaks: true)
        let ws = try Workspace(global)
        try ws.retryingIfAColleagueSaves {
            let stored = try ws.chart(patient)
            let update: ChartUpdate
            let line: String
            switch kind {
            case .acknowledge(let item):
                update = try ws.apply(.acknowledge(ScreeningAcknowledgement(item: item, by: ws.store.user, on: ws.today, note: note)), to: stored)
                line = "screening acknowledged: \(item.rawValue)"
            case .review(let review):
                update = try ws.apply(.review(ClinicianReview(kind: review, on: ws.today, by: ws.store.user, note: note)), to: stored)
                line = "review recorded: \(review.name) (\(review.meaning))"
            }
            let moves = update.chart.plan.map { plan in update.changes.map { $0.line(in: plan, was: stored.chart.plan) } } ?? []
            try ws.save(update.chart, over: stored)
            print("Recorded for \(patient): \(line).")
            let holds = HoldChecker(context: ws.context(for: stored.id))
            HoldReport.printChanges(from: holds.holds(for: stored.chart), to: holds.holds(for: update.chart), quiet: true)
            if !moves.isEmpty {
                print("Moved:")
                moves.forEach { print("  \($0)") }
            }
        }
    }
}
