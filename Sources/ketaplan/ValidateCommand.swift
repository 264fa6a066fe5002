import ArgumentParser
import Foundation
import KetaplanStore

/// `ketaplan validate`: checks every file in the data folder.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the data folder: every file, the audit log, leftover temporary files and chair capacity; exit 0 only when all is well.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = global.store()
        let report = store.validate(today: try global.day())
        for problem in report.problems { print(problem) }
        let files = "\(report.validPatients) patient file\(report.validPatients == 1 ? "" : "s")"
        if report.isWell {
            print("All well: clinic.json, \(files) and \(report.auditEntries) audit entr\(report.auditEntries == 1 ? "y" : "ies") in \(store.folder.path) are valid; no day is over capacity.")
        } else {
            print("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found; \(files) valid.")
            throw ExitCode(1)
        }
    }
}
