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
}
