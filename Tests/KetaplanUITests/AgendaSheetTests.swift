import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// The agenda as the day sheet (issue 14 item 3): time, chair and flags on every row,
/// every session of the day with its status, and record, score, move and open from it.
@Suite struct AgendaSheetTests {
    static let sizes = [(80, 24), (60, 18), (160, 48)]

    /// The demo clinic with P-0006 missed, P-0007 deferred and P-0008 cancelled today
    /// (as their summaries would say after recording), on the agenda's day view.
    func sheet(width: Int = 80, height: Int = 24) -> AppState {
        var summaries = demoClinic.charts.map { PatientSummary(chart: $0, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar) }
        for (id, status) in [("P-0006", SessionStatus.missed), ("P-0007", .deferred), ("P-0008", .cancelled)] {
            let i = summaries.firstIndex { $0.id.rawValue == id }!
            switch status {
            case .missed: summaries[i].missed = [testToday]
            case .deferred: summaries[i].deferred = [testToday]
            default: summaries[i].cancelled = [testToday]
            }
        }
        var state = AppState(today: testToday, clinic: demoClinicFile(), summaries: summaries, problems: [], width: width, height: height, glyphs: .unicode, user: "test")
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: demoClinicFile(), summaries: summaries, problems: [])))
        press(&state, [.char("a")])
        return state
    }

    func agenda(_ state: AppState) -> AgendaState? {
        if case .agenda(let a) = state.current { return a }
        return nil
    }

    /// Selects the agenda row of patient `id`.
    func select(_ state: inout AppState, _ id: String) throws {
        let a = try #require(agenda(state))
        let rows = Reducer.agendaDays(a).flatMap { Reducer.agendaRows(state, day: $0) }
        let n = try #require(rows.firstIndex { state.summaries[$0.patient].id.rawValue == id }, "\(id) on the agenda")
        press(&state, [.home] + Array(repeating: Key.down, count: n))
    }

    @Test func everySessionOfTheDayShowsWithItsStatusAndChair() throws {
        let state = sheet()
        let lines = Renderer.render(state).lines
        for (id, status) in [("P-0006", "missed"), ("P-0007", "deferred"), ("P-0008", "cancelled"), ("P-0004", "ON HOLD"), ("P-0005", "planned")] {
            let line = try #require(lines.first { $0.contains(id) }, "\(id) listed")
            #expect(line.contains(status), "\(line)")
        }
        // Chairs are numbered in the day's order; sessions that take no chair have none,
        // and the day's load counts chairs only.
        let a = try #require(agenda(state))
        let rows = Reducer.agendaRows(state, day: a.day)
        #expect(rows.compactMap(\.chair) == [1, 2])
        #expect(rows.filter { $0.unkept != nil }.allSatisfy { $0.chair == nil })
        #expect(lines[1].contains("2 of 4 chairs booked"))
        let missed = try #require(lines.first { $0.contains("P-0006") })
        #expect(missed.split(separator: " ").contains("-"), "no chair for a missed session: \(missed)")
        let first = try #require(lines.first { $0.contains("P-0004") })
        #expect(first.contains(" 1 "), "the first session has chair 1: \(first)")
    }

    /// P-0004 starts today with its screening incomplete: held, first dose, screening.
    @Test func flagsAreLettersWithALegend() throws {
        let state = sheet()
        let lines = Renderer.render(state).lines
        let a = try #require(agenda(state))
        let row = try #require(Reducer.agendaRows(state, day: a.day).first { state.summaries[$0.patient].id.rawValue == "P-0004" })
        let flags = Renderer.agendaFlags(state.summaries[row.patient], row)
        #expect(flags.contains("H") && flags.contains("1") && flags.contains("S"), "\(flags)")
        #expect(!flags.contains("!") && !flags.contains("F"))
        #expect(try #require(lines.first { $0.contains("P-0004") }).contains(flags))
        let legend = lines.joined(separator: "\n")
        for entry in Renderer.agendaLegend { #expect(legend.contains(entry), "legend names \(entry)") }
        // A patient flagged critical shows "!" on every row.
        var critical = state.summaries[row.patient]
        critical.criticalWarnings = 1
        #expect(Renderer.agendaFlags(critical, row).hasPrefix("!"))
    }

    @Test func rOpensTheRecordFormForThatSession() throws {
        var state = sheet()
        try select(&state, "P-0005")
        press(&state, [.char("r")])
        guard case .form(let f) = state.current, case .recordSession(let id, let sid) = f.kind else {
            Issue.record("no record form: \(state.current.kind)"); return
        }
        #expect(id.rawValue == "P-0005")
        let chart = storedChart("P-0005").chart
        #expect(chart.plan?.session(sid)?.date == testToday)
        // Esc leaves the form, then the patient, back to the agenda.
        press(&state, [.escape])
        if state.overlay != nil { press(&state, [.char("y")]) }
        press(&state, [.escape])
        #expect(agenda(state) != nil)
    }

    @Test func mOpensTheMoveAndSAddsAScore() throws {
        var state = sheet()
        try select(&state, "P-0005")
        press(&state, [.char("m")])
        guard case .patient(let p) = state.current, let move = p.move else {
            Issue.record("no move open: \(state.current.kind)"); return
        }
        #expect(p.id.rawValue == "P-0005")
        #expect(storedChart("P-0005").chart.plan?.session(move.session)?.date == testToday)
        var score = sheet()
        try select(&score, "P-0006")
        press(&score, [.char("s")])
        guard case .form(let g) = score.current, case .addScore(let sid) = g.kind else { Issue.record("no score form"); return }
        #expect(sid.rawValue == "P-0006")
    }

    /// Record and move need a planned session: on a missed one the agenda says why and
    /// stays; the planned row right after still opens.
    @Test func rAndMOnAnUnkeptSessionAreRefusedAndSaySo() throws {
        var state = sheet()
        try select(&state, "P-0006")
        press(&state, [.char("r")])
        #expect(agenda(state) != nil)
        #expect(state.message?.text.contains("recorded as missed") == true, "\(state.message?.text ?? "")")
        #expect(state.message?.text.contains("only a planned session") == true)
        press(&state, [.char("m")])
        #expect(agenda(state) != nil)
        try select(&state, "P-0005")
        press(&state, [.char("r")])
        guard case .form(let f) = state.current, case .recordSession = f.kind else { Issue.record("no record form"); return }
    }

    @Test func enterOpensThePatientAtThatSession() throws {
        var state = sheet()
        try select(&state, "P-0005")
        press(&state, [.enter])
        guard case .patient(let p) = state.current else { Issue.record("no patient"); return }
        #expect(p.id.rawValue == "P-0005")
        #expect(p.stored?.chart.plan?.sessions[safe: p.selected]?.date == testToday)
    }

    @Test func theWeekViewShowsTheLoadOfEachDay() throws {
        var state = sheet(width: 100, height: 40)
        press(&state, [.char("w")])
        let lines = Renderer.render(state).lines
        let a = try #require(agenda(state))
        for day in Reducer.agendaDays(a) {
            let n = state.index.bookings[day] ?? 0
            let line = try #require(lines.dropFirst(4).first { $0.contains("\(day.weekday.abbreviation) \(day.iso)") }, "a line for \(day)")
            if state.clinic.calendar.closure(on: day) == nil { #expect(line.contains("\(n) of 4 chairs booked"), "\(line)") }
        }
        // Left/Right move a week here, a day in the day view; the hint says which.
        #expect(lines.last?.contains("Left/Right week") == true)
        press(&state, [.right])
        #expect(agenda(state)?.day == testToday.adding(days: 7))
        press(&state, [.char("w"), .right])
        #expect(agenda(state)?.day == testToday.adding(days: 8))
        #expect(Renderer.render(state).lines.last?.contains("Left/Right day") == true)
    }

    /// At the minimum size the protocol gives way; time, chair, flags and status stay.
    @Test(arguments: sizes) func columnsKeepTheDaySheetFacts(size: (Int, Int)) throws {
        let state = sheet(width: size.0, height: size.1)
        let lines = Renderer.render(state).lines
        for title in ["TIME", "CHAIR", "FLAGS", "NAME", "STATUS"] { #expect(lines[2].contains(title), "\(title) at \(size)") }
        #expect(lines[2].contains("PROTOCOL") == (size.0 >= 80))
        let held = try #require(lines.first { $0.contains("P-0004") })
        #expect(held.contains("ON HOLD"), "\(held)")
        assertSnapshot(state, "agenda-sheet")
        var week = state
        press(&week, [.char("w")])
        assertSnapshot(week, "agenda-sheet-week")
    }
}

/// Missed, deferred and cancelled sessions reach the agenda through the summary and the
/// summary index.
@Suite struct UnkeptSessionSummaryTests {
    @Test func theSummaryKeepsMissedDeferredAndCancelledDays() throws {
        var chart = storedChart("P-0005").chart
        var plan = try #require(chart.plan)
        let planned = plan.sessions.indices.filter { plan.sessions[$0].status == .planned }
        try #require(planned.count >= 3)
        let statuses: [SessionStatus] = [.missed, .deferred, .cancelled]
        for (n, status) in statuses.enumerated() { plan.sessions[planned[n]].status = status }
        chart.plan = plan
        let s = PatientSummary(chart: chart, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar)
        #expect(s.missed == [plan.sessions[planned[0]].date])
        #expect(s.deferred == [plan.sessions[planned[1]].date])
        #expect(s.cancelled == [plan.sessions[planned[2]].date])
        // None of them takes a chair or counts as planned.
        #expect(!s.planned.contains(plan.sessions[planned[0]].date) || plan.sessions.filter { $0.date == plan.sessions[planned[0]].date }.count > 1)
        let index = ClinicIndex(summaries: [s], today: testToday)
        let day = plan.sessions[planned[0]].date
        #expect(index.byDay[day]?.first?.unkept == .missed)
        #expect(index.bookings[day] == nil)
    }
}
