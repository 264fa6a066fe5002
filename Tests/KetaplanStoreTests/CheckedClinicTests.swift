import Foundation
import Testing
import KetaplanDemo
import KetaplanEngine
@testable import KetaplanStore

/// A command's checked chairs (`loadBookingsMarked`) are the checked load's
/// (`loadSummariesMarked`) without the merged, sorted list: every line compared with its
/// file, a stale line, a removed file and a file copied in counted as the files say, each
/// patient's context the whole clinic less that patient, and no bookings for a save's
/// check while a file does not load.
@Suite struct CheckedClinicTests {
    func store(_ dir: TemporaryFolder, _ user: String = "alice") -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: user, durability: .unsynced,
                    now: { Date(timeIntervalSince1970: 1_767_607_200) }) // 2026-01-05 10:00 UTC
    }

    @Test func theCheckedChairsAreTheCheckedLoadsWhateverTheIndexSays() throws {
        let dir = TemporaryFolder(), other = TemporaryFolder()
        defer { dir.cleanUp(); other.cleanUp() }
        let demo = DemoClinic.make(patients: 30, seed: 3, today: day("2026-01-05"))
        let s = store(dir)
        try s.saveClinic(ClinicFile(name: demo.name, calendar: demo.calendar, settings: demo.settings))
        try s.createAll(demo.charts)
        let booked = demo.charts.filter { !ChairBookings.chairDays(of: $0.plan).isEmpty }
        try #require(booked.count >= 3)

        // A journal line that lies (the file put back by hand as it was), a file removed
        // by hand, and one copied in from elsewhere.
        let stale = booked[0].patient.id, removed = booked[1].patient.id
        let path = s.folder.patientFile(stale)
        let asItWas = try #require(FileManager.default.contents(atPath: path))
        var cleared = booked[0]
        cleared.plan = nil
        try s.save(cleared, over: try s.loadPatient(stale))
        try asItWas.write(to: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(atPath: s.folder.patientFile(removed))
        var newcomer = booked[2]
        newcomer.patient.id = try PatientID("P-9001")
        try store(other).saveClinic(ClinicFile(calendar: demo.calendar))
        try store(other).create(newcomer)
        try FileManager.default.copyItem(atPath: store(other).folder.patientFile(newcomer.patient.id), toPath: s.folder.patientFile(newcomer.patient.id))

        let checked = s.loadBookingsMarked()
        let (snapshot, mark) = s.loadSummariesMarked()
        #expect(checked.problems.isEmpty && snapshot.problems.isEmpty)
        #expect(checked.summaries.sorted { $0.id < $1.id } == snapshot.summaries)
        #expect(checked.byDay == ChairBookings(summaries: snapshot.summaries, excluding: nil).countByDay)
        #expect(!checked.chairDays(stale).isEmpty, "the file books chairs, whatever its journal line says")
        #expect(checked.chairDays(removed).isEmpty)
        #expect(checked.chairDays(newcomer.patient.id).sorted() == ChairBookings.chairDays(of: newcomer.plan).sorted())
        for s in snapshot.summaries {
            #expect(checked.others(excluding: s.id) == ChairBookings(summaries: snapshot.summaries, excluding: s.id))
        }
        #expect(checked.others(excluding: removed) == ChairBookings(summaries: snapshot.summaries, excluding: nil))
        let bookings = try #require(checked.bookings)
        let old = try #require(CheckedBookings(snapshot, mark: mark))
        #expect(bookings.byDay == old.byDay)
        for s in snapshot.summaries { #expect(bookings.chairDays(s.id) == old.chairDays(s.id)) }

        // A file that does not load: no bookings for a save (it checks the whole clinic);
        // put right, they are given again.
        let broken = snapshot.summaries[0].id
        let bytes = try #require(FileManager.default.contents(atPath: s.folder.patientFile(broken)))
        try Data("{".utf8).write(to: URL(fileURLWithPath: s.folder.patientFile(broken)))
        let withProblem = s.loadBookingsMarked()
        #expect(withProblem.problems.count == 1 && withProblem.bookings == nil)
        try bytes.write(to: URL(fileURLWithPath: s.folder.patientFile(broken)))
        #expect(s.loadBookingsMarked().bookings != nil)
    }
}
