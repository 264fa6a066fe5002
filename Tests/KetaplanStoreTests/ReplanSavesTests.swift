import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// A clinic change's re-plans are saved with chairs counted once from every chart read
/// and kept current from the journal (`ReplanSaves`): each re-plan's own booking, and a
/// colleague's save in between, count for the next save, and a refusal is followed by the
/// allowed save right after.
@Suite struct ReplanSavesTests {
    func store(_ dir: TemporaryFolder, _ user: String = "test") -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: user, durability: .unsynced)
    }

    func refused(_ body: () throws(StoreError) -> Void) -> [CalendarDay]? {
        do { try body() } catch {
            if case .overCapacity(_, let days, _) = error { return days }
            Issue.record("refused for another reason: \(error)")
        }
        return nil
    }

    @Test func eachSaveCountsTheOnesBeforeItAndAColleaguesInBetween() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        for id in ["P-0001", "P-0002", "P-0003"] {
            var chart = samplePatient(id)
            chart.plan = nil
            try s.create(chart)
        }
        let counted = LockedCount()
        let saves = ReplanSaves(store: s) { counted.add($0) }
        let charts = Dictionary(uniqueKeysWithValues: saves.loadCharts().map { ($0.id.rawValue, $0) })
        #expect(charts.count == 3 && saves.isChecked)

        // The first re-plan takes the one chair on 2026-01-05; the second, on the same
        // day, is refused: the first counts.
        let first = try saves.save(samplePatient("P-0001"), over: try #require(charts["P-0001"]))
        #expect(refused { () throws(StoreError) in _ = try saves.save(samplePatient("P-0002"), over: try! #require(charts["P-0002"])) }?.first == day("2026-01-05"))
        // A colleague takes P-0001's plan off: the same save goes through right after.
        var off = samplePatient("P-0001")
        off.plan = nil
        try store(dir, "colleague").save(off, over: first)
        let second = try saves.save(samplePatient("P-0002"), over: try #require(charts["P-0002"]))
        #expect(try s.loadPatient(pid("P-0002")).chart.plan != nil)

        // A colleague's booking between two re-plans counts too; freed again, allowed.
        var none = samplePatient("P-0002")
        none.plan = nil
        let freed = try saves.save(none, over: second)
        let colleague = try store(dir, "colleague").save(samplePatient("P-0003"), over: try #require(charts["P-0003"]))
        let latest = try s.loadPatient(pid("P-0001"))
        #expect(refused { () throws(StoreError) in _ = try saves.save(samplePatient("P-0001"), over: latest) }?.first == day("2026-01-05"))
        var off3 = samplePatient("P-0003")
        off3.plan = nil
        try store(dir, "colleague").save(off3, over: colleague)
        _ = try saves.save(samplePatient("P-0001"), over: latest)
        #expect(saves.isChecked, "every save used the kept bookings, never a full check")
        #expect(saves.saved == 4 && counted.values == [1, 2, 3, 4])
        _ = freed
    }

    final class LockedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Int] = []
        func add(_ n: Int) { lock.withLock { seen.append(n) } }
        var values: [Int] { lock.withLock { seen } }
    }
}
