import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// Issue 9 on the screen: over-capacity bookings and on-demand scoring visits on the
/// agenda; a stretched induction said in the new-plan form before saving.
@Suite struct CourseScreenTests {
    /// A patient booked over capacity and one on demand, on a 1-chair clinic on 2026-01-19.
    func clinic(closed: [String] = []) throws -> AppState {
        let today = try CalendarDay(iso: "2026-01-19")
        let calendar = ClinicCalendar(closedDates: Set(try closed.map { try CalendarDay(iso: $0) }), chairsPerDay: 1)
        let settings = ClinicSettings()
        func patient(_ id: String, _ name: String) throws -> Patient {
            try Patient(id: PatientID(id), name: name, dateOfBirth: CalendarDay(iso: "1980-01-01"),
                        weight: WeightMeasurement(kilograms: 70, measuredOn: today), conditions: [.treatmentResistantDepression],
                        screening: .allClear(on: try CalendarDay(iso: "2026-01-02")))
        }
        // Over capacity: the only chair is taken on Monday 19 January.
        let busy = SchedulingContext(today: today, calendar: calendar, settings: settings, bookings: ChairBookings(countByDay: [today: 1]))
        var over = PatientChart(patient: try patient("P-0001", "Over Booked"))
        over.plan = try Scheduler(context: busy).makePlan(for: over, protocol: BuiltInProtocols.ivKetamine3x, start: today, bookOverCapacity: true)
        // On demand: series given 5-16 January, last score 16 January; visit due 30 January.
        var onDemand = PatientChart(patient: try patient("P-0002", "On Demand"),
                                    assessments: [try Assessment(date: CalendarDay(iso: "2026-01-02"), instrument: .phq9, score: 20)])
        let early = try CalendarDay(iso: "2026-01-05")
        onDemand.plan = try Scheduler(context: SchedulingContext(today: early, calendar: calendar, settings: settings))
            .makePlan(for: onDemand, protocol: BuiltInProtocols.ivKetamine3x, start: early, maintenance: .onDemand)
        for session in onDemand.plan!.sessions where session.status == .planned {
            onDemand = try Scheduler(context: SchedulingContext(today: session.date, calendar: calendar, settings: settings))
                .record(SessionOutcome(status: .given), for: session.id, in: onDemand).chart
        }
        onDemand.add(try Assessment(date: CalendarDay(iso: "2026-01-16"), instrument: .phq9, score: 6))
        let summaries = [over, onDemand].map { PatientSummary(chart: $0, day: today, settings: settings, calendar: calendar) }
        let file = ClinicFile(name: "Test clinic", calendar: calendar, settings: settings)
        var state = AppState(today: today, clinic: file, summaries: summaries, problems: [], width: 100, height: 30, glyphs: .unicode, user: "test")
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: file, summaries: summaries, problems: [])))
        return state
    }

    @Test func theAgendaShowsOverCapacityAndScoringVisits() throws {
        var state = try clinic()
        press(&state, [.char("a")])
        var lines = Renderer.render(state).lines
        let booked = try #require(lines.first { $0.contains("Over Booked") })
        #expect(booked.contains("OVERCAP"))
        // Scoring visits take no chair: 30 January lists the visit and 1 of 1 chair for the other patient.
        press(&state, [.right, .right, .right, .right, .right, .right, .right, .right, .right, .right, .right])
        lines = Renderer.render(state).lines
        #expect(lines.joined(separator: "\n").contains("Friday 2026-01-30"))
        let visit = try #require(lines.first { $0.contains("On Demand") })
        #expect(visit.contains("score"))
        #expect(lines.joined(separator: "\n").contains("1 of 1 chair booked"))
    }

    /// A scoring visit due on a day the clinic is closed shows on its next open day: the
    /// summaries behind the agenda use the clinic's calendar, not a default one.
    @Test func aScoringVisitNeverShowsOnAClosedDay() throws {
        let state = try clinic(closed: ["2026-01-30"])
        let visits = try #require(state.summaries.first { $0.id.rawValue == "P-0002" }?.scoringVisits)
        #expect(!visits.contains(try CalendarDay(iso: "2026-01-30")))
        #expect(visits.first == (try CalendarDay(iso: "2026-02-02")))
    }

    /// The new-plan form says before saving that closures stretch the induction, and
    /// offers booking over capacity.
    @Test func theNewPlanFormSaysTheInductionIsStretched() throws {
        var state = makeState(width: 100, height: 30)
        state.clinic.calendar.closedDates = Set(try ["2026-12-24", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"].map { try CalendarDay(iso: $0) })
        guard case .overview(let o) = state.current, let row = o.visible.firstIndex(where: { state.summaries[$0].id.rawValue == "P-0009" }) else {
            Issue.record("no P-0009"); return
        }
        press(&state, [.home] + Array(repeating: Key.down, count: row) + [.enter, .char("n")])
        guard case .form(var f) = state.current, case .newPlan = f.kind else { Issue.record("no new-plan form"); return }
        f.fields[f.fields.firstIndex { $0.key == .protocolID }!].value = "iv-ketamine-3x"
        f.fields[f.fields.firstIndex { $0.key == .start }!].value = "2026-12-21"
        let lines = Reducer.formPreview(state, f).lines.map(\.text)
        #expect(lines.contains { $0.hasPrefix("! induction laid over") && $0.contains("clinic closed 2026-12-24") })
        #expect(lines.contains { $0.contains("or set Full chairs to 'over capacity'") })
        #expect(f.fields.contains { $0.key == .fullChairs && $0.value == "stretch" })
        // A start with no closures says nothing of the kind.
        f.fields[f.fields.firstIndex { $0.key == .start }!].value = "2027-01-11"
        #expect(!Reducer.formPreview(state, f).lines.map(\.text).contains { $0.contains("laid over") })
    }
}
