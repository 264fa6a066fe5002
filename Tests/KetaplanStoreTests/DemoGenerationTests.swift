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

    /// The demo skips the hold check where no hold can stand and the re-plan after a score
    /// no spacing reads (issue 13: 100,000 patients within 60 s); every patient must come
    /// out exactly as with all of that work done, on every protocol and policy.
    @Test func skippedWorkChangesNoPatient() {
        let calendar = ClinicCalendar(chairsPerDay: 40)
        var skipped = 0
        for n in 0..<150 {
            var fast = SeededGenerator(seed: UInt64(n) &* 31 &+ 5), full = fast
            let a = DemoClinic.makePatient(n, rng: &fast, today: today, calendar: calendar, settings: ClinicSettings(), bookings: ChairBookings())
            let b = DemoClinic.makePatient(n, rng: &full, today: today, calendar: calendar, settings: ClinicSettings(), bookings: ChairBookings(), shortcuts: false)
            let same = a == b
            #expect(same, "patient \(n + 1) differs")
            #expect(fast.next() == full.next(), "patient \(n + 1) drew other numbers")
            if !DemoClinic.scoresMovePlan(a.plan) && a.assessments.count > 2 { skipped += 1 }
        }
        #expect(skipped > 10, "too few patients took the shortcut for the test to show anything")
    }

    /// A large clinic's quick history (`makePatient(quick:)`, issue 13) is lived up to
    /// yesterday as the full one is: nothing left planned in the past, every dose given
    /// as the engine allowed it, today's plans laid out in full, and about as many doses
    /// given and missed as the full history has.
    @Test func aQuickHistoryIsLivedUpToYesterdayAsTheFullOneIs() {
        let calendar = ClinicCalendar(chairsPerDay: 40)
        var (quickGiven, fullGiven, quickMissed, fullMissed) = (0, 0, 0, 0)
        let checker = SafetyChecker(context: SchedulingContext(today: today, calendar: calendar))
        for n in 0..<120 {
            var rngQ = SeededGenerator(seed: UInt64(n) &* 17 &+ 3), rngF = rngQ
            let q = DemoClinic.makePatient(n, rng: &rngQ, today: today, calendar: calendar, settings: ClinicSettings(), bookings: ChairBookings(), quick: true)
            let f = DemoClinic.makePatient(n, rng: &rngF, today: today, calendar: calendar, settings: ClinicSettings(), bookings: ChairBookings())
            #expect(q.patient == f.patient)
            let sessions = q.plan?.sessions ?? []
            #expect(!sessions.contains { $0.status == .planned && $0.date < today }, "patient \(n + 1) has a planned session in the past")
            #expect(!checker.warnings(for: q).contains { $0.code == .doseNotAllowed }, "patient \(n + 1) was given a dose the engine does not allow")
            if f.plan?.status == .active, f.plan?.sessions.contains(where: { $0.date >= today }) == true {
                #expect(sessions.contains { $0.date >= today && $0.status == .planned }, "patient \(n + 1) has no plan from today")
            }
            quickGiven += sessions.filter { $0.status == .given }.count
            quickMissed += sessions.filter { $0.status == .missed }.count
            fullGiven += (f.plan?.sessions ?? []).filter { $0.status == .given }.count
            fullMissed += (f.plan?.sessions ?? []).filter { $0.status == .missed }.count
        }
        #expect(fullGiven > 500)
        #expect(abs(quickGiven - fullGiven) * 10 < fullGiven, "given: quick \(quickGiven), full \(fullGiven)")
        #expect(abs(quickMissed - fullMissed) * 3 < max(fullMissed, 10), "missed: quick \(quickMissed), full \(fullMissed)")
    }

    @Test func aSmallClinicIsOnePartAsItAlwaysWas() {
        let grouped = DemoClinic.make(patients: 24, seed: 1, today: today)
        let single = DemoClinic.make(patients: 24, seed: 1, today: today, groups: 1)
        #expect(grouped.charts == single.charts)
        #expect(DemoClinic.groupedFrom > 24)
    }
}
