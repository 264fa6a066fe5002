import ArgumentParser
import Foundation
import KetaplanEngine

/// The `ketaplan` command: with no subcommand it prints help (the terminal UI takes this
/// place once it lands); subcommands do the clinic's work without a UI.
@main
struct Ketaplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ketaplan",
        abstract: "Plan ketamine and esketamine treatment courses.",
        discussion: """
            Plans are kept as JSON files in a data folder: --data DIR, else $KETAPLAN_DATA, \
            else $XDG_DATA_HOME/ketaplan, else ~/.local/share/ketaplan. --today YYYY-MM-DD \
            fixes the engine's today for reproducible runs.
            """,
        subcommands: [
            DemoCommand.self, ClinicCommand.self, ProtocolsCommand.self, PatientsCommand.self, PatientCommand.self,
            PlanCommand.self, SessionCommand.self, ScoreCommand.self, ValidateCommand.self,
        ]
    )

    /// Lets the global options stand before the subcommand too (`ketaplan --today D
    /// patients`), as users of other command lines expect, by moving them after it.
    static func main() {
        main(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
    }
}
