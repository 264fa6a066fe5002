import ArgumentParser
import Foundation
import KetaplanDemo
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan demo`: writes a fictional demo clinic into an empty data folder.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic, fictional demo clinic into an empty data folder.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many patients (1-100000).", transform: Parse.whole(1...100_000, "patients"))
    var patients: Int = 40

    @Option(help: "Random seed: the same seed gives the same clinic.")
    var seed: UInt64 = 1

    func run() throws {
        let today = try global.day()
        var store = global.store()
        let existing = store.patientFileNames().count
        guard existing == 0 else { throw Failure(StoreError.folderNotEmpty(path: store.folder.path, patients: existing).description) }
        let making = ProgressBar(label: "Making patients ")
        let demo = DemoClinic.make(patients: patients, seed: seed, today: today) { making.update($0, of: patients) }
        making.finish()
        // Thousands of files: written in one batch (one chair check, one index write)
        // without waiting for the disk each time, then flushed once.
        store.durability = .unsynced
        let writing = ProgressBar(label: "Writing files   ")
        do {
            try store.folder.create()
            try store.saveClinic(ClinicFile(name: demo.name, calendar: demo.calendar, settings: demo.settings,
                                            sessionTime: try TimeOfDay(hour: 9, minute: 0)))
            try store.createAll(demo.charts) { writing.update($0, of: demo.charts.count) }
        } catch let error as StoreError {
            writing.finish()
            throw Failure(error.description)
        }
        writing.finish()
        sync()
        print("Wrote a demo clinic with \(Plural.count(demo.charts.count, "patient")) to \(store.folder.path)")
    }
}
