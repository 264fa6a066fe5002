import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan screening show|set`: the pre-treatment screening, item by item.
struct ScreeningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screening", abstract: "Show or set a patient's screening answers.",
                                                    subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every screening item with its answer, who answered and when.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Flag(help: "Print JSON.") var json = false

        struct ItemJSON: Encodable {
            var item: String
            var question: String
            var answer: String
            var by: String?
            var on: String?
            var acknowledgedBy: String?
            var acknowledgedOn: String?
        }
        struct ScreeningJSON: Encodable {
            var patient: PatientID
            var complete: Bool
            var completedOn: String?
            var items: [ItemJSON]
        }

        func run() throws {
            let ws = try Workspace(global)
            let screening = try ws.chart(patient).chart.patient.screening
            let items = ScreeningItem.allCases.map { item -> ItemJSON in
                let last = screening.lastAnswer(item)
                let ack = screening.acknowledged.first { $0.item == item }
                return ItemJSON(item: item.rawValue, question: item.question, answer: ScreeningAnswer.name(of: screening.answers[item]),
                                by: last?.by, on: (last?.on ?? (screening.answers[item] == nil ? nil : screening.completedOn))?.iso,
                                acknowledgedBy: ack?.by, acknowledgedOn: ack?.on.iso)
            }
            if json {
                return try printJSON(ScreeningJSON(patient: patient, complete: screening.isComplete, completedOn: screening.completedOn?.iso, items: items))
            }
            var table = TextTable(headers: ["ITEM", "ANSWER", "BY", "ON", "ACKNOWLEDGED"])
            for i in items {
                table.add([i.item, i.answer, i.by ?? "-", i.on ?? "-", i.acknowledgedBy.map { "\($0) \(i.acknowledgedOn ?? "")" } ?? ""])
            }
            table.lines().forEach { print($0) }
            print("")
            print(screening.isComplete ? "Complete\(screening.completedOn.map { " since \($0)" } ?? "")." : "Incomplete: \(screening.unanswered.count) of \(ScreeningItem.allCases.count) items unanswered.")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set screening answers; re-checks the holds and prints what changed.",
            discussion: "Items as in docs/file-format.md (e.g. aneurysmalVascularDisease=yes; kebab-case such as aneurysmal-vascular-disease also accepted).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Argument(help: ArgumentHelp("Answers, each ITEM=yes|no|unknown.", valueName: "ITEM=ANSWER"),
                  completion: .list(ScreeningSetting.completions), transform: ScreeningSetting.parse)
        var answers: [ScreeningSetting]
        @Option(help: "Why (kept with the answers in the chart); required when a 'yes' is withdrawn.") var note: String = ""

        func run() throws {
            guard !answers.isEmpty else { throw ValidationError("give at least one ITEM=yes|no|unknown") }
            try checkText(note, flag: "--note", allowingLineBreaks: true)
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let before = stored.chart.patient.screening
                let change = ScreeningChange(answers.map { ScreeningChange.Answer($0.item, $0.answer) }, by: ws.store.user, on: ws.today, note: note)
                let applied = try ws.applied(.setScreening(change), to: stored)
                let update = applied.update
                let moves = applied.changeLines
                let changed = ScreeningChange.lines(from: before, to: update.chart.patient.screening)
                try ws.save(update.chart, over: stored)
                if changed.isEmpty {
                    print("No answer changed for \(patient) (confirmed by \(ws.store.user) on \(ws.today)).")
                } else {
                    print("Screening of \(patient):")
                    changed.forEach { print("  \($0.dropFirst("screening ".count))") }
                }
                if !moves.isEmpty {
                    print("Moved:")
                    moves.forEach { print("  \($0)") }
                }
                let checker = HoldChecker(context: ws.context(for: stored.id))
                HoldReport.printChanges(from: checker.holds(for: stored.chart), to: checker.holds(for: update.chart))
                let status = update.chart.patient.screening
                if !status.isComplete { print("Still unanswered: \(status.unanswered.map(\.rawValue).joined(separator: ", "))") }
            }
        }
    }
}

/// How commands print holds: the ones standing, and what an edit lifted or raised.
enum HoldReport {
    /// "On hold: ..." lines for every hold, each with what lifts it.
    static func lines(_ holds: [Hold]) -> [String] {
        holds.flatMap { ["ON HOLD (\($0.code.title)) since \($0.since): \($0.message).", "  To lift: \($0.howToLift)"] }
    }

    /// Prints the holds lifted and raised between two derivations.
    /// - Parameter quiet: say nothing when nothing stands or changed.
    static func printChanges(from before: [Hold], to after: [Hold], quiet: Bool = false) {
        for lifted in before where !after.contains(where: { $0.code == lifted.code }) {
            print("Hold lifted: \(lifted.code.title).")
        }
        for raised in after where !before.contains(where: { $0.code == raised.code }) {
            lines([raised]).forEach { print($0) }
        }
        for kept in after where before.contains(where: { $0.code == kept.code }) {
            print("Still on hold (\(kept.code.title)): \(kept.message). To lift: \(kept.howToLift)")
        }
        if before.isEmpty && after.isEmpty && !quiet { print("No holds.") }
    }
}
