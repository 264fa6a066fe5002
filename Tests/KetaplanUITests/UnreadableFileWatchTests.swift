import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// An open screen notices that a patient file it could not read reads now (tester F8): the
/// watch looks at the files it could not read each poll (`UnreadableFiles`), and Ctrl-L
/// (`pollChecked(recheckingAll:)`) compares every file again. A repair that touches only
/// the file (a chmod, a fix in place) changes nothing else a poll looks at.
@Suite struct UnreadableFileWatchTests {
    func makeFolder() -> String {
        var bytes = Array((NSTemporaryDirectory() + "ketaplan-unread-XXXXXX").utf8CString)
        return String(cString: bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }!)
    }

    /// Writes `bytes` into the file in place (same inode; the folder is untouched).
    func overwriteInPlace(_ path: String, _ bytes: Data) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    func screen(_ state: AppState) -> String { Renderer.render(state).lines.joined(separator: "\n") }

    @Test func aFileThatReadsAgainComesBackWithoutARestart() throws {
        let path = makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = ClinicStore(folder: DataFolder(path: path), user: "alice", durability: .unsynced)
        try store.saveClinic(demoClinicFile())
        try store.createAll(demoClinic.charts)
        let hidden = try #require(demoClinic.charts.dropFirst(3).first?.patient)
        let file = store.folder.patientFile(hidden.id)
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        try overwriteInPlace(file, good.prefix(good.count / 2))

        var watch = ClinicWatch(store: store, followsClock: false)
        let unchecked = store.readSummariesUnchecked()
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        _ = Reducer.reduce(&state, .filesChecked(watch.check(unchecked)))
        #expect(state.problems.count == 1 && !state.summaries.contains { $0.id == hidden.id })
        #expect(screen(state).contains("1 file could not be read"))
        // Left as it is: no poll reads anything again.
        #expect(watch.pollChecked() == nil && watch.pollChecked() == nil)

        // Repaired in place (as a chmod by its owner, nothing else in the folder changes):
        // the next poll reads it, and the patient is back.
        try overwriteInPlace(file, good)
        guard case .checked(let check) = watch.pollChecked() else { Issue.record("the repaired file was not noticed"); return }
        #expect(check.problems.isEmpty && check.changed.map(\.id) == [hidden.id])
        _ = Reducer.reduce(&state, .filesChecked(check))
        #expect(state.problems.isEmpty && state.summaries.contains { $0.id == hidden.id })
        let shown = screen(state)
        #expect(!shown.contains("could not be read") && shown.contains(hidden.name), "\(shown)")
        #expect(watch.pollChecked() == nil, "a file read is not looked at again")

        // Ctrl-L compares every file whatever the folder says: a file changed in place
        // (readable, so not looked at by the polls) is read again then.
        let other = store.folder.patientFile(try #require(demoClinic.charts.first?.patient.id))
        let otherBytes = try Data(contentsOf: URL(fileURLWithPath: other))
        try overwriteInPlace(other, Data("{".utf8))
        #expect(watch.pollChecked() == nil)
        guard case .checked(let all) = watch.pollChecked(recheckingAll: true) else { Issue.record("Ctrl-L did not check the files"); return }
        #expect(all.problems.map(\.path) == [other])
        try overwriteInPlace(other, otherBytes)
        guard case .checked(let back) = watch.pollChecked() else { Issue.record("the repaired file was not noticed"); return }
        #expect(back.problems.isEmpty)
    }
}
