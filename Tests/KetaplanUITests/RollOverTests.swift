import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore
@testable import KetaplanTerminal
@testable import KetaplanUI

/// Midnight, and a reload with more differences than a key's time can patch, are worked
/// out off the screen's thread (issue 13): the screen first marks its rows as being
/// refreshed, then takes the summaries with their index and orders already built
/// (`RebuiltIndex`), the selection staying on its patient; a save waits for the rebuild.
/// Midnight reads only the files whose judgement changes with the day: the rest are
/// carried over exactly, and judged for the next day afterwards. The clock is injected.
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

    /// The index's lines as they stand (the last line for each patient).
    func indexLines(_ clinic: ClinicFixture) -> [PatientID: SummaryIndex.Entry] {
        SummaryIndex(folder: clinic.alice.folder).read().entries
    }

    /// Overwrites a file with bytes that are no patient file, keeping its size and times:
    /// only reading it can tell.
    func damageKeepingStamp(_ path: String) throws {
        var st = stat()
        try #require(lstat(path, &st) == 0)
        let fd = open(path, O_WRONLY)
        try #require(fd >= 0)
        let junk = [UInt8](repeating: 0x78, count: Int(st.st_size))
        let wrote = junk.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        try #require(wrote == junk.count)
        var times = [st.st_atim, st.st_mtim]
        try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    /// A week of midnights: every day the screen's summaries equal every file judged
    /// afresh for the new day, though only the files whose judgement changed were read;
    /// the carried ones are then judged for the day after, a batch at a time, changing
    /// nothing on screen, and the index ends with every line judged for the new day and
    /// the next.
    @Test func midnightCarriesWhatDoesNotChangeAndEqualsAFullRejudgeDayAfterDay() throws {
        let clinic = try ClinicFixture()
        var watch = ClinicWatch(store: clinic.alice, followsClock: true)
        _ = watch.check(clinic.alice.readSummariesUnchecked())
        var day = testToday, carried = 0, changing = 0
        for _ in 0..<7 {
            let lines = indexLines(clinic)
            #expect(lines.count == demoClinic.charts.count)
            #expect(lines.values.allSatisfy { $0.summary.asOf == day && $0.nextDay != .unknown }, "every line judged for \(day) and the day after")
            let same = lines.values.filter { $0.nextDay == .same }.count
            carried += same
            changing += lines.count - same
            day = day.adding(days: 1)
            clinic.move(to: day)
            guard case .newDay(let newDay, let check) = watch.pollChecked() else { Issue.record("midnight was not noticed"); return }
            #expect(newDay == day && check.removed.isEmpty && check.problems.isEmpty)
            let afresh = try clinic.judgedAfresh(for: day)
            let shown = Dictionary(uniqueKeysWithValues: try #require(watch.summaries).map { ($0.id, $0) })
            #expect(shown == afresh, "the new day's summaries are what judging every file for \(day) gives")
            var batches = 0
            while let refresh = watch.refreshNextDay(limit: 5) {
                batches += 1
                #expect(refresh.changed.isEmpty && refresh.removed.isEmpty, "a carried summary equals its file's")
            }
            #expect(same == 0 || batches == (same + 4) / 5, "\(same) carried, read 5 at a time")
            #expect(Dictionary(uniqueKeysWithValues: try #require(watch.summaries).map { ($0.id, $0) }) == afresh)
        }
        // Both kinds met, or this test shows nothing.
        #expect(carried > 0 && changing > 0, "\(carried) lines carried, \(changing) read over a week")
    }

    /// A carried line's file is not read at midnight (damaged behind an unchanged size and
    /// time, it still shows its summary carried over, and no problem), but the day's
    /// refresh reads it and finds the damage; a line whose judgement changes is read at
    /// midnight, its damage found and its patient no longer shown with yesterday's flags.
    @Test func midnightReadsOnlyTheFilesWhoseJudgementChanges() throws {
        let clinic = try ClinicFixture()
        var watch = ClinicWatch(store: clinic.alice, followsClock: true)
        _ = watch.check(clinic.alice.readSummariesUnchecked())
        let lines = indexLines(clinic)
        let carried = try #require(lines.values.first { $0.nextDay == .same }).summary
        let changing = try #require(lines.values.first { $0.nextDay == .differs }).summary.id
        let folder = clinic.alice.folder
        try damageKeepingStamp(folder.patientFile(carried.id))
        try damageKeepingStamp(folder.patientFile(changing))

        let tomorrow = testToday.adding(days: 1)
        clinic.move(to: tomorrow)
        guard case .newDay(_, let check) = watch.pollChecked() else { Issue.record("midnight was not noticed"); return }
        let shown = try #require(watch.summaries)
        #expect(shown.first { $0.id == carried.id } == carried.carried(to: tomorrow), "carried over as judged yesterday for today")
        #expect(!check.problems.contains { $0.path == folder.patientFile(carried.id) }, "its file was not read")
        #expect(check.problems.contains { $0.path == folder.patientFile(changing) }, "the changing one was read")
        #expect(check.removed == [changing] && !shown.contains { $0.id == changing })

        let judged = watch.refreshNextDay()
        let refresh = try #require(judged)
        #expect(refresh.problems.contains { $0.path == folder.patientFile(carried.id) }, "the refresh reads the carried file")
        #expect(refresh.removed == [carried.id])
        let more = watch.refreshNextDay()
        #expect(more == nil, "every carried line judged")
    }

    @Test func midnightHandedOverRebuiltIsTheFullRebuildWithTheSelectionKept() throws {
        let clinic = try ClinicFixture()
        var watch = ClinicWatch(store: clinic.alice, followsClock: true)
        let unchecked = clinic.alice.readSummariesUnchecked()
        var state = clinic.emptyScreen()
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        _ = Reducer.reduce(&state, .filesChecked(watch.check(unchecked)))
        _ = press(&state, [.down, .down, .down])
        let selected = try #require(selectedID(state))
        #expect(watch.dayTurned == nil)

        let tomorrow = testToday.adding(days: 1)
        clinic.move(to: tomorrow)
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
    /// never starts while a rebuild is under way. After midnight the thread judges what it
    /// carried over for the day after, and writes the index.
    @Test func theBackgroundLoadHandsOverTheRolloverAndALargeReload() throws {
        let clinic = try ClinicFixture()
        let alice = clinic.alice
        let loader = BackgroundLoad(store: alice, today: testToday, followsClock: true, pollInterval: 0.02)
        defer { loader.stop() }
        var state = clinic.emptyScreen()
        for action in loader.waitUntilChecked() { _ = Reducer.reduce(&state, action) }
        #expect(state.load == .checked && state.summaries.count == demoClinic.charts.count)
        _ = press(&state, [.down, .down])
        let selected = try #require(selectedID(state))

        let tomorrow = testToday.adding(days: 1)
        clinic.move(to: tomorrow)
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
        // The carried lines judged for the day after in the background: the index, once
        // written, holds every line for the new day with its next day judged.
        var written = false
        for _ in 0..<400 where !written {
            written = indexLines(clinic).values.allSatisfy { $0.summary.asOf == tomorrow && $0.nextDay != .unknown }
            if !written { Thread.sleep(forTimeInterval: 0.025) }
        }
        #expect(written, "the index written once every carried line is judged")
        #expect(loader.take().isEmpty, "nothing new to show for it")

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
