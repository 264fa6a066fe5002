import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// The first screen is drawn from the start of the index before any patient file is
/// checked; the background check then patches it. An index that lies (a file changed
/// behind it with the same size, a file removed, a file added) is corrected on screen
/// after the first paint, the selection stays on its patient, and neither the first page
/// nor the unchecked read ever writes the index.
@Suite struct FirstPaintTests {
    /// 2026-11-26 10:00 UTC, the demo clinic's today.
    static let now = Date(timeIntervalSince1970: 1_795_687_200)

    func makeFolder() -> String {
        var bytes = Array((NSTemporaryDirectory() + "ketaplan-firstpaint-XXXXXX").utf8CString)
        return String(cString: bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }!)
    }

    func store(_ path: String) -> ClinicStore {
        ClinicStore(folder: DataFolder(path: path), user: "alice", durability: .unsynced, now: { Self.now })
    }

    func screen(_ state: AppState) -> String { Renderer.render(state).lines.joined(separator: "\n") }

    @Test func anIndexThatLiesIsCorrectedAfterTheFirstPaint() throws {
        let path = makeFolder(), otherPath = makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: otherPath) }
        let s = store(path)
        try s.saveClinic(demoClinicFile())
        try s.createAll(demoClinic.charts)
        let truth = s.loadSummaries(foldJournal: true).summaries.sorted { $0.nextSessionOrder(on: testToday) < $1.nextSessionOrder(on: testToday) }
        #expect(truth.count == 12)

        // The first page alone: the overview's first rows (by next session) and the counts.
        let clean = s.loadFirstPage(rows: 5)
        #expect(clean.summaries == Array(truth.prefix(5)))
        #expect(clean.counts == ClinicCounts(truth))

        // Behind the index: the first patient's file changes with the same size, the
        // second's vanishes, and a newcomer is copied in.
        let changed = truth[0], removed = truth[1], kept = truth[2]
        let file = s.folder.patientFile(changed.id)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let renamed = String(changed.name.reversed())
        let after = try #require(String(data: before, encoding: .utf8)).replacingOccurrences(of: "\"name\":\"\(changed.name)\"", with: "\"name\":\"\(renamed)\"")
        #expect(after.utf8.count == before.count && after != String(data: before, encoding: .utf8))
        try Data(after.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.removeItem(atPath: s.folder.patientFile(removed.id))
        var newcomer = demoClinic.charts[0]
        newcomer.patient.id = try PatientID("P-0099")
        newcomer.patient.name = "Aaa Newcomer"
        try store(otherPath).create(newcomer)
        try FileManager.default.copyItem(atPath: store(otherPath).folder.patientFile(newcomer.patient.id), toPath: s.folder.patientFile(newcomer.patient.id))
        let indexBytes = try Data(contentsOf: URL(fileURLWithPath: path + "/index.tsv"))

        // First paint: from the index, which still says what it said.
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 24, user: "alice")
        _ = Reducer.reduce(&state, .firstPageLoaded(s.loadFirstPage(rows: state.metrics.overviewRows)))
        #expect(state.load == .firstPage(ClinicCounts(truth)))
        #expect(screen(state).contains(changed.name) && screen(state).contains(removed.name) && !screen(state).contains("Aaa Newcomer"))
        #expect(screen(state).contains("checking patient files"))

        // Every summary read, unchecked (as the screen's background load reads them); the
        // clinician moves to the third patient.
        let unchecked = s.readSummariesUnchecked()
        #expect(unchecked.snapshot.summaries.sorted { $0.id < $1.id } == s.loadSummariesUnchecked().summaries.sorted { $0.id < $1.id })
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        #expect(state.load == .checking)
        _ = press(&state, [.down, .down])
        guard case .overview(let o) = state.current else { Issue.record("not on the overview"); return }
        #expect(state.summaries[o.visible[o.selected]].id == kept.id)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + "/index.tsv")) == indexBytes, "the first page and the unchecked read never write the index")

        // The background check finds exactly what the index hides, and patches the screen
        // with it: nothing stale stays shown as current.
        let check = s.check(unchecked, foldJournal: true).check
        #expect(Set(check.changed.map(\.id)) == [changed.id, newcomer.patient.id])
        #expect(check.changed.first { $0.id == changed.id }?.name == renamed)
        #expect(check.removed == [removed.id])
        #expect(check.problems.isEmpty)
        _ = Reducer.reduce(&state, .filesChecked(check))
        #expect(state.load == .checked)
        let text = screen(state)
        #expect(text.contains(renamed) && !text.contains(changed.name))
        #expect(!text.contains(removed.name))
        #expect(text.contains("Aaa Newcomer"))
        #expect(!text.contains("checking patient files"))
        #expect(text.contains("12 patients"))
        guard case .overview(let checked) = state.current else { Issue.record("not on the overview"); return }
        #expect(state.summaries[checked.visible[checked.selected]].id == kept.id, "the selection stays on its patient")
        // The index now tells the truth, so the next first page does too.
        let next = s.loadFirstPage(rows: 3)
        #expect(next.summaries.map(\.id) == checked.visible.prefix(3).map { state.summaries[$0].id })
        #expect(next.counts?.patients == 12)
        // The same summaries as a full checked load, and a second check finds nothing.
        #expect(Set(state.summaries.map(\.id)) == Set(s.loadSummaries().summaries.map(\.id)))
        for summary in s.loadSummaries().summaries { #expect(state.summaries.first { $0.id == summary.id } == summary) }
        let again = s.check(s.readSummariesUnchecked(), foldJournal: true).check
        #expect(again.changed.isEmpty && again.removed.isEmpty)
    }

    /// A patch that only changes summaries touches those rows and keeps the others.
    @Test func aCheckThatFindsNothingChangesNothing() throws {
        var state = makeState()
        let before = state
        _ = Reducer.reduce(&state, .summariesChecked(SummarySnapshot(clinic: state.clinic, summaries: state.summaries, problems: [])))
        #expect(state == before)
        _ = Reducer.reduce(&state, .filesChecked(SummaryCheck(clinic: state.clinic, changed: [], removed: [], problems: [])))
        #expect(state == before)
    }
}
