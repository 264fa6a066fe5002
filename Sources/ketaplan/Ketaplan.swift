import ArgumentParser
import Foundation
import KetaplanDemo
import KetaplanEngine
import KetaplanStore
import KetaplanTerminal

/// The `ketaplan` command: with no subcommand it opens the full-screen UI on the data
/// folder; subcommands do the same work without the UI.
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
        version: KetaplanVersion.description,
        subcommands: [
            DemoCommand.self, ClinicCommand.self, ProtocolsCommand.self, PatientsCommand.self, PatientCommand.self,
            PlanCommand.self, SessionCommand.self, ScoreCommand.self, ValidateCommand.self, ReviewCommand.self, ScreeningCommand.self, PrintCommand.self, ExportCommand.self, SimulateCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Open the screen on a fresh demo clinic in a temporary folder.")
    var demo = false

    func run() throws {
        let today = try global.day()
        var store = global.store()
        if demo {
            let folder = NSTemporaryDirectory() + "ketaplan-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            store = ClinicStore(folder: DataFolder(path: folder))
            store.fixedDay = global.today
            let clinic = DemoClinic.make(today: today)
            var writer = store
            writer.durability = .unsynced
            do {
                try writer.saveClinic(ClinicFile(name: clinic.name, calendar: clinic.calendar, settings: clinic.settings,
                                                 sessionTime: try TimeOfDay(hour: 9, minute: 0)))
                for chart in clinic.charts { try writer.create(chart) }
            } catch let error as StoreError {
                throw Failure(error.description)
            }
        }
        let code: Int32
        do { code = try TerminalApp.run(store: store, today: today, followsClock: global.today == nil) } catch let e as TerminalApp.NotATerminal { throw Failure(e.description) }
        if demo {
            // Name the program as it was started: after ./scripts/demo.sh there is no
            // `ketaplan` on the PATH, only .build/release/ketaplan.
            let invoked = CommandLine.arguments.first.flatMap { $0.contains("/") ? $0 : nil } ?? "ketaplan"
            print("The demo clinic is kept in \(store.folder.path) (\(invoked) --data \(store.folder.path) opens it again).")
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Lets the global options stand before the subcommand too (`ketaplan --today D
    /// patients`), as users of other command lines expect, by moving them after it.
    static func main() {
        // Past a file-size limit a write must fail with EFBIG and be reported like any
        // other failed write, not kill the program halfway through a save.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
            do {
                try command.run()
            } catch let refused as ValidationError {
                // A value the command refused once it ran: the message names the option and
                // what it accepts, so the usage text would only bury it.
                printError("Error: \(refused.message)")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
        } catch {
            // As swift-argument-parser's own `main`, but a refused value is echoed with its
            // control characters shown inert (`^[`), like everything else ketaplan prints.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { printError(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
