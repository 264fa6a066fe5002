import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// One rule for what takes a chair (`ChairBookings.takesChair`: planned and given
/// sessions, whatever the plan's status), read the same from charts, from summaries and
/// from the screen's index.
@Suite struct ChairRuleTests {
    func patient(_ id: String) -> Patient {
        try! Patient(id: PatientID(id), name: "Chair \(id)", dateOfBirth: CalendarDay(iso: "1980-01-01"),
                     weight: WeightMeasurement(kilograms: 70, measuredOn: CalendarDay(iso: "2026-01-01")), conditions: [.treatmentResistantDepression],
                     screening: .allClear(on: CalendarDay(iso: "2026-01-01")))
    }

    @Test func aSessionGivenTodayKeepsItsChairAndAPausedPlansPastSessionsTakeNoFutureDay() throws {
        let today = try CalendarDay(iso: "2026-01-05")
        let oneChair = ClinicCalendar(chairsPerDay: 1)
        let context = SchedulingContext(today: today, calendar: oneChair, settings: ClinicSettings())
        var first = PatientChart(patient: patient("P-0001"))
        first.plan = try Scheduler(context: context).makePlan(for: first, protocol: BuiltInProtocols.ivKetamine3x, start: today)
        let session = try #require(first.plan?.sessions.first)
        #expect(session.date == today)
        first = try Scheduler(context: context).record(SessionOutcome(status: .given), for: session.id, in: first).chart

        // Given today: its chair stays taken today, so the next patient starts tomorrow.
        let taken = ChairBookings(charts: [first], excluding: nil)
        #expect(taken[today] == 1)
        let scheduler = Scheduler(context: SchedulingContext(today: today, calendar: oneChair, settings: ClinicSettings(), bookings: taken))
        let second = PatientChart(patient: patient("P-0002"))
        let plan = try scheduler.makePlan(for: second, protocol: BuiltInProtocols.ivKetamine3x, start: today)
        #expect(plan.sessions.first?.date == today.adding(days: 1))

        // Paused: the planned sessions from today on are off the schedule, the given one stays.
        let paused = try Scheduler(context: context).setStatus(.paused, in: first).chart
        #expect(ChairBookings(charts: [paused], excluding: nil).countByDay == [today: 1])
        // Missed, deferred and cancelled sessions take none.
        var missed = PatientChart(patient: patient("P-0003"))
        missed.plan = try Scheduler(context: context).makePlan(for: missed, protocol: BuiltInProtocols.ivKetamine3x, start: today)
        let firstMissed = try #require(missed.plan?.sessions.first)
        missed = try Scheduler(context: context).record(SessionOutcome(status: .missed), for: firstMissed.id, in: missed).chart
        #expect(ChairBookings(charts: [missed], excluding: nil)[today] == 0)
    }

    @Test func chartsSummariesAndTheScreensIndexCountTheSameChairs() throws {
        // The demo clinic, with one plan paused and one discontinued.
        var charts = demoClinic.charts
        let scheduler = Scheduler(context: SchedulingContext(today: testToday, calendar: demoClinic.calendar, settings: demoClinic.settings))
        let active = charts.indices.filter { charts[$0].plan?.status == .active }
        try #require(active.count >= 2)
        charts[active[0]] = try scheduler.setStatus(.paused, in: charts[active[0]]).chart
        charts[active[1]] = try scheduler.setStatus(.discontinued, in: charts[active[1]]).chart
        let summaries = charts.map { PatientSummary(chart: $0, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar) }
        let index = ClinicIndex(summaries: summaries, today: testToday)
        #expect(ChairBookings(charts: charts, excluding: nil).countByDay.values.reduce(0, +) > 0)
        for (chart, summary) in [(PatientChart?.none, PatientSummary?.none)] + zip(charts, summaries).map({ (Optional($0), Optional($1)) }) {
            let id = chart?.patient.id
            let fromCharts = ChairBookings(charts: charts, excluding: id)
            #expect(ChairBookings(summaries: summaries, excluding: id) == fromCharts)
            #expect(index.bookings(excluding: summary) == fromCharts)
        }
    }
}
