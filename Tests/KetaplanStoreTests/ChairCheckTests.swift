import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// A save's chair check never rests on an unchecked line of the summary index (issue 13):
/// the lines booking the days it checks are compared with their files first.
@Suite struct ChairCheckTests {
    func store(_ dir: TemporaryFolder) -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: "test", durability: .unsynced)
    }

    @Test func aFileChangedBehindTheIndexCountsAsItIsOnDisk() throws {
        let dir = TemporaryFolder(), elsewhere = TemporaryFolder()
        defer { dir.cleanUp(); elsewhere.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        var first = samplePatient("P-0001")
        first.plan = nil
        let firstStored = try s.create(first)
        var second = samplePatient("P-0002")
        second.plan = nil
        try s.create(second)
        let withoutPlan = try #require(fileBytes(s.folder.patientFile(pid("P-0002"))))

        // P-0002's file is replaced behind the index by a version whose plan takes the
        // chair on 2026-01-05 (restored from elsewhere); the index still says no plan.
        try store(elsewhere).create(samplePatient("P-0002"))
        let withPlan = try #require(fileBytes(store(elsewhere).folder.patientFile(pid("P-0002"))))
        try withPlan.write(to: URL(fileURLWithPath: s.folder.patientFile(pid("P-0002"))))
        #expect(SummaryIndex(folder: s.folder).read().entries[pid("P-0002")]?.summary.planned.isEmpty == true, "the index lies")

        // Refused: the chair is taken on disk, whatever the index says.
        var failure: StoreError?
        do { try s.save(samplePatient("P-0001"), over: firstStored) } catch { failure = error }
        guard case .overCapacity(_, let days, 1) = failure else { Issue.record("not refused: \(String(describing: failure))"); return }
        #expect(days.first == day("2026-01-05"))

        // Allowed once the file no longer books the day (put back as it was).
        try withoutPlan.write(to: URL(fileURLWithPath: s.folder.patientFile(pid("P-0002"))))
        try s.save(samplePatient("P-0001"), over: firstStored)
        #expect(try s.loadPatient(pid("P-0001")).chart.plan != nil)
    }

    @Test func aRemovedFileFreesItsChairs() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        try s.create(samplePatient("P-0001"))
        var second = samplePatient("P-0002")
        second.plan = nil
        let stored = try s.create(second)
        // Refused while P-0001 holds the chairs.
        #expect(throws: StoreError.self) { try s.save(samplePatient("P-0002"), over: stored) }
        // Its file removed by hand (the index still lists it): the chairs are free.
        try FileManager.default.removeItem(atPath: s.folder.patientFile(pid("P-0001")))
        try s.save(samplePatient("P-0002"), over: stored)
    }

    // MARK: Checked bookings (the screen's, a command's): only what changed since is read

    /// A clinic of one chair with P-0001 and P-0002 on file, neither with a plan, and the
    /// bookings of a checked load taken then (no chair taken).
    func clinicWithoutPlans(_ dir: TemporaryFolder) throws -> (ClinicStore, StoredChart, StoredChart, CheckedBookings) {
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        var first = samplePatient("P-0001"), second = samplePatient("P-0002")
        first.plan = nil
        second.plan = nil
        let a = try s.create(first), b = try s.create(second)
        let (snapshot, mark) = s.loadSummariesMarked()
        let checked = try #require(CheckedBookings(snapshot, mark: mark))
        #expect(checked.byDay.isEmpty)
        return (s, a, b, checked)
    }

    func refusedDays(_ body: () throws(StoreError) -> Void) -> [CalendarDay]? {
        do { try body() } catch {
            if case .overCapacity(_, let days, _) = error { return days }
            Issue.record("refused for another reason: \(error)")
        }
        return nil
    }

    @Test func checkedBookingsAreNotReadAgainFromTheClinic() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let (s, first, _, _) = try clinicWithoutPlans(dir)
        // Bookings that say 2026-01-05 is taken, where nothing on disk takes it, as of now:
        // nothing changed since, so the save counts them as given (it reads no other
        // file) and is refused; without them it reads the clinic and is allowed.
        let claimed = CheckedBookings(byDay: [day("2026-01-05"): 1], chairDays: { _ in [] }, mark: s.changeMark())
        #expect(refusedDays { () throws(StoreError) in try s.save(samplePatient("P-0001"), over: first, checked: claimed) }?.first == day("2026-01-05"))
        try s.save(samplePatient("P-0001"), over: first)
    }

    @Test func aColleaguesSaveSinceTheCheckedBookingsIsCounted() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let (s, first, second, checked) = try clinicWithoutPlans(dir)
        // A colleague books P-0002 on 2026-01-05 after the bookings were taken.
        let colleague = try s.save(samplePatient("P-0002"), over: second)
        #expect(refusedDays { () throws(StoreError) in try s.save(samplePatient("P-0001"), over: first, checked: checked) }?.first == day("2026-01-05"))
        // The colleague takes the plan off again: the same stale bookings now allow it.
        var without = samplePatient("P-0002")
        without.plan = nil
        try s.save(without, over: colleague)
        try s.save(samplePatient("P-0001"), over: first, checked: checked)
        #expect(try s.loadPatient(pid("P-0001")).chart.plan != nil)
    }

    @Test func aJournalLineIsNeverTrustedOverItsFile() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let (s, first, second, checked) = try clinicWithoutPlans(dir)
        let path = s.folder.patientFile(pid("P-0002"))
        let planless = try #require(fileBytes(path))
        // The journal's line says P-0002 books 2026-01-05; its file is then put back by
        // hand as it was (no plan): the stale line must not refuse.
        try s.save(samplePatient("P-0002"), over: second)
        let booked = try #require(fileBytes(path))
        try planless.write(to: URL(fileURLWithPath: path))
        #expect(SummaryIndex(folder: s.folder).readJournal()[pid("P-0002")]?.summary.planned.isEmpty == false, "the journal lies")
        let saved = try s.save(samplePatient("P-0001"), over: first, checked: checked)

        // The other way round: P-0001's plan taken off, P-0002 saved without a plan (the
        // line says no chair), then its file replaced by hand with the one that books the
        // day: the stale line must not allow.
        var without = samplePatient("P-0001")
        without.plan = nil
        let cleared = try s.save(without, over: saved)
        var planlessSecond = samplePatient("P-0002")
        planlessSecond.plan = nil
        try s.save(planlessSecond, over: try s.loadPatient(pid("P-0002")))
        try booked.write(to: URL(fileURLWithPath: path))
        #expect(SummaryIndex(folder: s.folder).readJournal()[pid("P-0002")]?.summary.planned.isEmpty == true, "the journal lies")
        #expect(refusedDays { () throws(StoreError) in try s.save(samplePatient("P-0001"), over: cleared, checked: checked) }?.first == day("2026-01-05"))
    }

    @Test func aFileRemovedByHandFallsBackToTheWholeClinic() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        try s.create(samplePatient("P-0001"))
        var second = samplePatient("P-0002")
        second.plan = nil
        let stored = try s.create(second)
        let (snapshot, mark) = s.loadSummariesMarked()
        let checked = try #require(CheckedBookings(snapshot, mark: mark))
        #expect(checked.byDay[day("2026-01-05")] == 1)
        // Refused while P-0001 holds the chair.
        #expect(refusedDays { () throws(StoreError) in try s.save(samplePatient("P-0002"), over: stored, checked: checked) }?.first == day("2026-01-05"))
        // Its file removed by hand (no journal line says so): the bookings taken before
        // still count it, but the save sees the folder changed and checks everything.
        try FileManager.default.removeItem(atPath: s.folder.patientFile(pid("P-0001")))
        try s.save(samplePatient("P-0002"), over: stored, checked: checked)
    }

    @Test func aFileCopiedInByHandFallsBackToTheWholeClinic() throws {
        let dir = TemporaryFolder(), elsewhere = TemporaryFolder()
        defer { dir.cleanUp(); elsewhere.cleanUp() }
        let (s, first, _, checked) = try clinicWithoutPlans(dir)
        try store(elsewhere).create(samplePatient("P-0003"))
        let copied = try #require(fileBytes(store(elsewhere).folder.patientFile(pid("P-0003"))))
        // Copied in by hand, booking the one chair: no journal line says so, the folder
        // changed, so the save checks everything and is refused.
        try copied.write(to: URL(fileURLWithPath: s.folder.patientFile(pid("P-0003"))))
        #expect(refusedDays { () throws(StoreError) in try s.save(samplePatient("P-0001"), over: first, checked: checked) }?.first == day("2026-01-05"))
        // Taken out again by hand: allowed.
        try FileManager.default.removeItem(atPath: s.folder.patientFile(pid("P-0003")))
        try s.save(samplePatient("P-0001"), over: first, checked: checked)
    }

    @Test func aColleaguesSaveFoldedIntoTheIndexIsStillCounted() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let (s, first, second, checked) = try clinicWithoutPlans(dir)
        try s.save(samplePatient("P-0002"), over: second)
        // Another screen's load folds the journal into a new index.tsv: the line is gone
        // from the journal, so the save must read the whole clinic.
        _ = s.loadSummaries(foldJournal: true)
        #expect(SummaryIndex(folder: s.folder).readJournal().isEmpty)
        #expect(refusedDays { () throws(StoreError) in try s.save(samplePatient("P-0001"), over: first, checked: checked) }?.first == day("2026-01-05"))
    }

    @Test func aLoadWithProblemsGivesNoCheckedBookings() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let (s, _, _, _) = try clinicWithoutPlans(dir)
        try Data("{".utf8).write(to: URL(fileURLWithPath: s.folder.patientsFolder + "/P-0009.json"))
        let (snapshot, mark) = s.loadSummariesMarked()
        #expect(!snapshot.problems.isEmpty)
        #expect(CheckedBookings(snapshot, mark: mark) == nil)
    }
}
