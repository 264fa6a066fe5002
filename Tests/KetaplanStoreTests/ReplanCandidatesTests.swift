import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// A clinic change finds the plans it may move from the summaries (`ReplanSaves.candidates`):
/// an index line is used where its file still has the size and time it recorded, whatever
/// settings it was judged under (a settings change makes every line's judgement stale, not
/// its planned and given days); a file that changed behind the index is read; a file that
/// does not load is named in `unread` and never offered for re-planning.
@Suite struct ReplanCandidatesTests {
    @Test func linesAreTrustedWhereTheirFileMatchesAndFilesAreReadWhereNot() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        var store = ClinicStore(folder: DataFolder(path: dir.path), user: "test", durability: .unsynced)
        store.fixedDay = day("2026-01-05")
        try store.saveClinic(ClinicFile())
        let first = try store.create(samplePatient("P-0001"))
        let second = try store.create(samplePatient("P-0002"))
        var planless = samplePatient("P-0003")
        planless.plan = nil
        try store.create(planless)
        _ = store.loadSummaries(foldJournal: true)
        // Another settings identity: every line was judged under other settings.
        var clinic = try store.loadClinic()
        clinic.settings.remsCertified.toggle()
        try store.saveClinic(clinic)

        // P-0001's file changed to something unreadable, at the size and time its line
        // recorded: the line is used, the file not read.
        let path1 = store.folder.patientFile(pid("P-0001"))
        var st = stat()
        #expect(lstat(path1, &st) == 0)
        let bytes = try #require(FileManager.default.contents(atPath: path1))
        try Data(repeating: 0x20, count: bytes.count).write(to: URL(fileURLWithPath: path1))
        var times = [st.st_atim, st.st_mtim]
        #expect(utimensat(AT_FDCWD, path1, &times, AT_SYMLINK_NOFOLLOW) == 0)
        // P-0002's plan taken off behind the index (its journal line lost): its file is read.
        var off = second.chart
        off.plan = nil
        try store.save(off, over: second)
        try Data().write(to: URL(fileURLWithPath: SummaryIndex(folder: store.folder).journalFile))
        // A file a newer ketaplan wrote: named, not offered.
        let newer = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\":1", with: "\"schemaVersion\":7")
            .replacingOccurrences(of: "P-0001", with: "P-0004")
        try Data(newer.utf8).write(to: URL(fileURLWithPath: store.folder.patientFile(pid("P-0004"))))

        let saves = ReplanSaves(store: store)
        var asked: [PatientID] = []
        let found = saves.candidates { summary, _ in
            asked.append(summary.id)
            return true
        }
        #expect(found.map(\.id) == [pid("P-0001")], "P-0002 has no plan now, P-0003 never had one, P-0004 did not load")
        #expect(asked == [pid("P-0001")])
        #expect(saves.unread.map(\.path) == [store.folder.patientFile(pid("P-0004"))])
        #expect(!saves.isChecked, "a file did not load: each save checks the whole clinic")
        // The chairs: P-0001's from its line, none of P-0002's.
        let monday = day("2026-01-05")
        #expect(saves.bookings[monday] == 1)
        #expect(first.chart.plan?.sessions.contains { $0.date == monday } == true)

        // With the newer file gone, the same read counts as checked.
        unlink(store.folder.patientFile(pid("P-0004")))
        let again = ReplanSaves(store: store)
        #expect(again.candidates { _, _ in false }.map(\.mayMove) == [false])
        #expect(again.unread.isEmpty && again.isChecked)
    }
}
