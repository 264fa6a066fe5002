import ArgumentParser
import Foundation
import KetaplanEngine

/// The `ketaplan` command.
@main
struct Ketaplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ketaplan",
        abstract: "Plan ketamine and esketamine treatment courses.",
        subcommands: [DemoPlanCommand.self],
        defaultSubcommand: DemoPlanCommand.self
    )
}
