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

    @Test func aSmallClinicIsOnePartAsItAlwaysWas() {
        let grouped = DemoClinic.make(patients: 24, seed: 1, today: today)
        let single = DemoClinic.make(patients: 24, seed: 1, today: today, groups: 1)
        #expect(grouped.charts == single.charts)
        #expect(DemoClinic.groupedFrom > 24)
    }
}
