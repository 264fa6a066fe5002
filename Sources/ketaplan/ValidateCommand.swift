import ArgumentParser
import Foundation
import KetaplanStore

/// `ketaplan validate`: checks every file in the data folder.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check every file in the data folder; exit 0 only when all is well.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = global.store()
        let snapshot = store.loadAll()
        for problem in snapshot.problems { print(problem.description) }
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: store.folder.patientsFolder)) ?? []).filter { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }
        for name in leftovers.sorted() {
            print("\(store.folder.patientsFolder)/\(name): a temporary file left by an interrupted save; the patient's file is intact, and this one can be deleted")
        }
        if snapshot.problems.isEmpty {
            print("All well: clinic.json and \(snapshot.charts.count) patient file\(snapshot.charts.count == 1 ? "" : "s") in \(store.folder.path) are valid.")
        } else {
            print("\(snapshot.problems.count) problem\(snapshot.problems.count == 1 ? "" : "s") found; \(snapshot.charts.count) patient file\(snapshot.charts.count == 1 ? "" : "s") valid.")
            throw ExitCode(1)
        }
    }
}
