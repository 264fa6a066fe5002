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

    @Option(help: "How many patients (1-100000). 10,000 take about 5 s and 100,000 about 45 s on two free cores, with a progress bar on a terminal.",
            transform: Parse.whole(1...100_000, "patients"))
    var patients: Int = 40

    @Option(help: "Random seed: the same seed gives the same clinic.")
    var seed: UInt64 = 1

    /// Patients made and written at a time: enough to keep both cores busy, few enough
    /// that memory stays small (a chart in memory is about ten times its file).
    static let chunk = 4_096

    func run() throws {
        let today = try global.day()
        var store = global.store()
        let existing = store.patientFileNames().count
        guard existing == 0 else { throw Failure(StoreError.folderNotEmpty(path: store.folder.path, patients: existing).description) }
        // Made and written a chunk at a time, so that a large clinic never holds every
        // chart at once; the files are written in one batch (one lock, one chair count, one
        // index write) without waiting for the disk each time, then flushed once.
        let maker = DemoClinic.Maker(patients: patients, seed: seed, today: today)
        store.durability = .unsynced
        // Making a patient and writing its file take about as long: the bar counts both.
        let bar = ProgressBar(label: "Making patients")
        let written = Counter()
        do {
            try store.folder.create()
            try store.saveClinic(ClinicFile(name: maker.name, calendar: maker.calendar, settings: maker.settings,
                                            sessionTime: try TimeOfDay(hour: 9, minute: 0)))
            try store.createAll(chunks: {
                maker.next(Self.chunk) { bar.update($0 + written.value, of: 2 * patients) }
            }, progress: { n in
                written.set(n)
                bar.update(maker.made + n, of: 2 * patients)
            })
        } catch let error as StoreError {
            bar.finish()
            throw Failure(error.description)
        }
        bar.finish()
        sync()
        print("Wrote a demo clinic with \(Plural.count(patients, "patient")) to \(store.folder.path)")
    }

    /// The number of files written so far, shared with the writers' threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
        func set(_ value: Int) { lock.lock(); n = max(n, value); lock.unlock() }
    }
}
