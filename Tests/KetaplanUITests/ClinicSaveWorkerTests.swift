import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanStore
@testable import KetaplanTerminal
@testable import KetaplanUI

/// A clinic change saved from the settings form runs off the screen's thread (issue 13:
/// at 100,000 patients it reads every chart): keys are handled while it runs, its
/// progress is on the status line, and its result arrives afterwards as an action. The
/// save is the real `ClinicChange.save`, held up by the test holding the folder's lock.
@Suite struct ClinicSaveWorkerTests {
    let live = LiveUpdateTests()

    @Test func keysWorkWhileAClinicChangeIsSavedAndItsResultArrivesAfter() throws {
        let path = live.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let alice = live.store(path, "alice")
        try alice.saveClinic(demoClinicFile())
        try alice.createAll(demoClinic.charts)
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        _ = Reducer.reduce(&state, .summariesLoaded(alice.loadSummaries()))
        let runner = EffectRunner(store: alice, recovery: RecoveryFile(folder: alice.folder, user: "alice"))
        let worker = ClinicSaveWorker()
        func run(_ keys: [Key]) {
            for key in keys {
                var queue = [Action.key(key)]
                TerminalApp.runAll(&queue, &state, runner, nil, worker)
            }
        }

        // The folder's lock held elsewhere: the save cannot finish until it is let go.
        let fd = open(alice.folder.lockFile, O_RDWR | O_CREAT, 0o600)
        try #require(fd >= 0 && flock(fd, LOCK_EX) == 0)
        var released = false
        defer { if !released { flock(fd, LOCK_UN); close(fd) } }
        let chairs = FormKey.clinicSettings.firstIndex(of: .chairs) ?? 0
        run([.char("C")] + Array(repeating: Key.tab, count: chairs) + [.ctrl("u"), .char("1"), .enter])
        #expect(state.form == nil && state.saving, "the form handed its change over")
        #expect(worker.isRunning)

        // Keys go on working meanwhile; another save waits for this one.
        let before = live.selectedID(state)
        run([.down, .down])
        #expect(live.selectedID(state) != before)
        run([.char("a")])
        guard case .agenda = state.current else { Issue.record("the agenda did not open while saving"); return }
        _ = Reducer.reduce(&state, .clinicSaveProgress("Saving the clinic's settings: 25 plans re-planned so far…"))
        #expect(Renderer.render(state).lines.last?.contains("25 plans re-planned so far") == true)
        let meanwhile = try alice.loadClinic()
        #expect(worker.isRunning && meanwhile.calendar.chairsPerDay != 1, "nothing saved while the lock is held")

        flock(fd, LOCK_UN)
        close(fd)
        released = true
        var results = worker.waitUntilDone()
        #expect(results.contains { if case .clinicSaved = $0 { true } else { false } })
        TerminalApp.runAll(&results, &state, runner, nil, worker)
        #expect(!state.saving && state.savingProgress == nil)
        let saved = try alice.loadClinic()
        #expect(state.clinic.calendar.chairsPerDay == 1 && saved.calendar.chairsPerDay == 1)
        #expect(state.message?.text.hasPrefix("Clinic updated: chairs 1") == true, "\(String(describing: state.message))")
        #expect(!Renderer.render(state).lines.last!.contains("re-planned so far"))
        // The rows show the plans as re-planned on disk.
        let onDisk = alice.loadSummaries().summaries
        for s in state.summaries { #expect(onDisk.first { $0.id == s.id }?.planned == s.planned) }
    }
}
