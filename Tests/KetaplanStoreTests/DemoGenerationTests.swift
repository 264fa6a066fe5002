import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanDemo

/// `ketaplan demo` makes a large clinic in independent parts on every core (issue 13);
/// the clinic must still be the same for the same seed, and never book more chairs than
/// the clinic has.
@Suite struct DemoGenerationTests {
    let today = try! CalendarDay(iso: "2026-11-26")

    func chairsUsed(_ clinic: DemoClinic) -> [CalendarDay: Int] {
        var used: [CalendarDay: Int] = [:]
        for chart in clinic.charts { for d in ChairBookings.chairDays(of: chart.plan) { used[d, default: 0] += 1 } }
        return used
    }

    @Test func partsMadeAtOnceGiveTheSameClinicForTheSameSeed() {
        let a = DemoClinic.make(patients: 96, seed: 7, today: today, groups: 8)
        let b = DemoClinic.make(patients: 96, seed: 7, today: today, groups: 8)
        #expect(a.charts == b.charts)
        #expect(a.charts.map(\.patient.id) == (1...96).map { PatientID.numbered($0) }, "every patient in its place")
        let other = DemoClinic.make(patients: 96, seed: 8, today: today, groups: 8)
        #expect(other.charts != a.charts, "another seed, another clinic")
    }

    @Test func partsShareTheChairsWithoutOverbooking() {
        // Few chairs for many patients, so that days fill up.
        let clinic = DemoClinic.make(patients: 96, seed: 3, today: today, groups: 8)
        let used = chairsUsed(clinic)
        #expect(!used.isEmpty)
        let full = used.filter { $0.value >= clinic.calendar.chairsPerDay }
        #expect(used.values.allSatisfy { $0 <= clinic.calendar.chairsPerDay }, "over capacity: \(used.filter { $0.value > clinic.calendar.chairsPerDay })")
        #expect(full.count < used.count)
    }

    @Test func madeAChunkAtATimeItIsTheSameClinic() {
        // `ketaplan demo` makes and writes a large clinic in chunks; uneven chunks that cut
        // across the parts must give exactly the clinic made at once.
        let whole = DemoClinic.make(patients: 100, seed: 9, today: today, groups: 8)
        let maker = DemoClinic.Maker(patients: 100, seed: 9, today: today, groups: 8)
        var chunks: [[PatientChart]] = []
        var reported: [Int] = []
        for size in [1, 13, 7, 50, 40] { chunks.append(maker.next(size) { reported.append($0) }) }
        #expect(chunks.map(\.count) == [1, 13, 7, 50, 29], "the last chunk is what is left")
        #expect(maker.next(10).isEmpty, "nothing after the last patient")
        #expect(Array(chunks.joined()) == whole.charts)
        #expect(maker.calendar == whole.calendar && maker.name == whole.name)
        #expect(reported.last == 100 && reported == reported.sorted(), "progress counts every chunk so far")
    }

    @Test func aSmallClinicIsOnePartAsItAlwaysWas() {
        let grouped = DemoClinic.make(patients: 24, seed: 1, today: today)
        let single = DemoClinic.make(patients: 24, seed: 1, today: today, groups: 1)
        #expect(grouped.charts == single.charts)
        #expect(DemoClinic.groupedFrom > 24)
    }
}
