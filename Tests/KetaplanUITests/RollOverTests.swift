import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanTerminal
@testable import KetaplanUI

/// Midnight, and a reload with more differences than a key's time can patch, are worked
/// out off the screen's thread (issue 13): the screen first marks its rows as being
/// refreshed, then takes the summaries with their index and orders already built
/// (`RebuiltIndex`), the selection staying on its patient; a save waits for the rebuild.
/// The clock is injected.
@Suite struct RollOverTests {
    let live = LiveUpdateTests()

    func selectedID(_ state: AppState) -> PatientID? { live.selectedID(state) }

    /// Takes the loader's actions into `state` until `done` holds of one of them, or about
    /// ten seconds passed; returns every action taken.
    func takeUntil(_ loader: BackgroundLoad, _ state: inout AppState, _ done: (Action) -> Bool) -> [Action] {
        var all: [Action] = []
        for _ in 0..<400 {
            let arrived = loader.take(waiting: 0.025)
            if arrived.isEmpty { Thread.sleep(forTimeInterval: 0.025) }
            for action in arrived {
                _ = Reducer.reduce(&state, action)
                all.append(action)
            }
            if arrived.contains(where: done) { return all }
        }
        return all
    }

    @Test func midnightHandedOverRebuiltIsTheFullRebuildWithTheSelectionKept() throws {
        let path = live.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = LiveUpdateTests.Clock(LiveUpdateTests.noon(testToday))
        let alice = live.store(path, "alice", clock: clock)
        try alice.saveClinic(demoClinicFile())
        try alice.createAll(demoClinic.charts)
        var watch = ClinicWatch(store: alice, followsClock: true)
        let unchecked = alice.readSummariesUnchecked()
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        _ = Reducer.reduce(&state, .filesChecked(watch.check(unchecked)))
        _ = press(&state, [.down, .down, .down])
        let selected = try #require(selectedID(state))
        #expect(watch.dayTurned == nil)

        let tomorrow = testToday.adding(days: 1)
        clock.set(LiveUpdateTests.noon(tomorrow))
        #expect(watch.dayTurned == tomorrow)
        // Marked before anything is rebuilt: the rows are the old day's and say so.
        _ = Reducer.reduce(&state, .refreshing(newDay: tomorrow))
        #expect(state.today == testToday)
        #expect(live.screen(state).contains("it is now \(tomorrow): refreshing"))
        guard case .newDay(let day, let check) = watch.pollChecked() else { Issue.record("midnight was not noticed"); return }
        #expect(day == tomorrow)
        let rebuilt = RebuiltIndex(summaries: try #require(watch.summaries), check: check, today: day)
        var handed = state
        _ = Reducer.reduce(&handed, .indexRebuilt(rebuilt))

        // The same screen as judging every patient again on the screen's thread.
        var full = state
        _ = Reducer.reduce(&full, .dayChanged(day))
        _ = Reducer.reduce(&full, .filesChecked(check))
        #expect(handed.today == tomorrow && handed.load == .checked)
        #expect(selectedID(handed) == selected, "the selection stays on its patient")
        #expect(selectedID(full) == selected)
        #expect(handed.index.bookings == full.index.bookings && handed.index.overdue == full.index.overdue)
        #expect(handed.index.dueWithinWeek == full.index.dueWithinWeek && handed.index.critical == full.index.critical)
        #expect(Set(handed.summaries.map(\.id)) == Set(full.summaries.map(\.id)))
        #expect(handed.summaries.allSatisfy { $0.asOf == tomorrow })
        #expect(live.screen(handed) == live.screen(full))
        #expect(!live.screen(handed).contains("refreshing"))
        #expect(watch.pollChecked() == nil, "the day is noticed once")
    }

    /// The screen's background thread itself, with the clock moved past midnight and a file
    /// removed by hand: each arrives as `.refreshing` then `.indexRebuilt`, and a save
    /// never starts while a rebuild is under way.
    @Test func theBackgroundLoadHandsOverTheRolloverAndALargeReload() throws {
        let path = live.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = LiveUpdateTests.Clock(LiveUpdateTests.noon(testToday))
        let alice = live.store(path, "alice", clock: clock)
        try alice.saveClinic(demoClinicFile())
        try alice.createAll(demoClinic.charts)
        let loader = BackgroundLoad(store: alice, today: testToday, followsClock: true, pollInterval: 0.02)
        defer { loader.stop() }
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        for action in loader.waitUntilChecked() { _ = Reducer.reduce(&state, action) }
        #expect(state.load == .checked && state.summaries.count == demoClinic.charts.count)
        _ = press(&state, [.down, .down])
        let selected = try #require(selectedID(state))

        let tomorrow = testToday.adding(days: 1)
        clock.set(LiveUpdateTests.noon(tomorrow))
        let actions = takeUntil(loader, &state) { if case .indexRebuilt = $0 { true } else { false } }
        let refreshAt = actions.firstIndex(of: .refreshing(newDay: tomorrow))
        let rebuiltAt = actions.firstIndex { if case .indexRebuilt = $0 { true } else { false } }
        #expect(refreshAt != nil && rebuiltAt != nil && refreshAt! < rebuiltAt!, "marked out of date, then handed over: \(actions.count) actions")
        #expect(!actions.contains { if case .dayChanged = $0 { true } else { false } }, "nothing rebuilt on the screen's thread")
        #expect(state.today == tomorrow && state.load == .checked)
        #expect(state.summaries.allSatisfy { $0.asOf == tomorrow })
        #expect(selectedID(state) == selected)
        #expect(state.index.overdue == ClinicIndex(summaries: state.summaries, today: tomorrow).overdue)
        #expect(loader.waitUntilChecked().isEmpty && loader.isDone, "a save goes ahead once the rebuilt index is taken")

        // A file removed by hand (not in the journal) shifts rows: handed over rebuilt too.
        let gone = demoClinic.charts[7].patient.id
        try FileManager.default.removeItem(atPath: alice.folder.patientFile(gone))
        _ = alice.loadSummaries(foldJournal: true)
        let reload = takeUntil(loader, &state) { if case .indexRebuilt = $0 { true } else { false } }
        #expect(reload.contains(.refreshing(newDay: nil)))
        #expect(!state.summaries.contains { $0.id == gone } && state.summaries.count == demoClinic.charts.count - 1)
        #expect(selectedID(state) == selected || selected == gone)
        #expect(state.load == .checked)
    }
}
