import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// Moving a session from the patient screen (issue 14, item 1/2): the preview is keyed by
/// session and is what the save writes; every broken rule is listed and a move that breaks
/// one saves only on `y`; a strip shows the chair load of the days around the chosen one.
@Suite struct MoveScreenTests {
    /// P-0006 opens on session 15, Mon 2026-11-30: Thu 12-03 breaks no rule (and moves
    /// later sessions), Tue 12-01 is not one of the patient's days, Sat 11-28 is closed.
    func moving(width: Int = 100, height: Int = 30) -> AppState {
        var state = openedPatient("P-0006", width: width, height: height)
        press(&state, [.char("m")])
        return state
    }

    func move(_ state: AppState) -> MoveChoice? {
        if case .patient(let p) = state.current { return p.move }
        return nil
    }

    func text(_ state: AppState) -> String { Renderer.render(state).lines.joined(separator: "\n") }

    @Test func thePreviewIsWhatTheSaveWrites() throws {
        var state = moving(width: 160, height: 48)
        let start = try #require(move(state))
        #expect(start.from == (try CalendarDay(iso: "2026-11-30")))
        // The session's own day: nothing to save yet.
        #expect(press(&state, [.enter]).isEmpty)
        press(&state, [.right, .right, .right])
        let chosen = try #require(move(state))
        #expect(chosen.day == (try CalendarDay(iso: "2026-12-03")))
        guard case .applied(_, let applied, let breaks)? = chosen.outcome else { Issue.record("no preview: \(String(describing: chosen.outcome))"); return }
        #expect(breaks.isEmpty)
        let screen = text(state)
        #expect(screen.contains("session 15: Mon 2026-11-30 -> Thu 2026-12-03"), "\(screen)")
        #expect(screen.contains("no rule is broken on Thu 2026-12-03"))
        // Every other session the save changes is listed too, keyed by session.
        #expect(applied.update.changes.count > 1)
        let before = try #require(storedChart("P-0006").chart.plan)
        for change in applied.update.changes {
            guard case .moved(let id, let from, let to) = change else { continue }
            #expect(screen.contains("session \(before.number(of: id)!): \(from.shortLabel) -> \(to.shortLabel)"), "\(change)")
        }
        let effects = press(&state, [.enter])
        guard case .save(let chart, _, .edit(let edit, _, let summary))? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(chart == applied.chart, "the save writes the preview's chart")
        #expect(edit == .move(start.session, chosen.day))
        #expect(summary.contains("session 15 moved to 2026-12-03 by hand"))
        #expect(move(state) == nil, "the move closes once saved")
        // The old day is freed.
        #expect(chart.plan?.vacatedDays.contains(start.from) == true)
        #expect(chart.plan?.sessions.contains { $0.date == start.from } == false)
    }

    @Test func aRuleBreakingMoveNeedsAnExplicitY() throws {
        var state = moving()
        press(&state, [.left, .left])   // Sat 2026-11-28: closed, and not the patient's day
        let chosen = try #require(move(state))
        let concerns = Scheduler(context: state.context(for: pid("P-0006"))).concerns(moving: chosen.session, to: chosen.day, in: storedChart("P-0006").chart)
        #expect(concerns.count >= 2)
        #expect(chosen.breaks == concerns)
        let screen = text(state)
        for c in concerns { #expect(screen.contains(c.message), "every broken rule is listed: \(c.message)") }
        #expect(screen.contains("Press y to move it despite the rules above (Enter does not)"))
        // Enter refuses, and says what lifts the refusal.
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message?.text.contains("press y to move it anyway") == true)
        #expect(move(state) != nil, "the move stays open")
        // y saves exactly the preview, the rules kept with the session.
        guard case .applied(_, let applied, _)? = move(state)?.outcome else { Issue.record("no preview"); return }
        let effects = press(&state, [.char("y")])
        guard case .save(let chart, _, _)? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(chart == applied.chart)
        let moved = try #require(chart.plan?.session(chosen.session))
        #expect(moved.date == chosen.day && moved.movedDespiteRules)
    }

    /// After a move made despite a rule, the plan says so until the session is recorded:
    /// the session, its day and the rule, in the Warnings pane and the session's row.
    @Test func aMoveDespiteRulesLeavesAWarningOnThePlan() throws {
        var state = moving()
        press(&state, [.left, .left])
        let effects = press(&state, [.char("y")])
        guard case .save(let chart, _, let intent)? = effects.first else { Issue.record("no save"); return }
        _ = Reducer.reduce(&state, .saved(StoredChart(chart: chart, revision: 2, savedBy: "test", savedAt: "now"), intent))
        guard case .patient(let p) = state.current, let facts = p.facts else { Issue.record("no patient"); return }
        let warning = try #require(facts.warnings.first { $0.code == .movedDespiteRules })
        #expect(warning.message.contains("session 15 on Sat 2026-11-28"), "\(warning.message)")
        #expect(warning.message.contains("clinic closed that weekday"))
        #expect(Renderer.render(state).lines.contains { $0.contains("2026-11-28") && $0.contains("moved despite rules") })
        press(&state, [.tab, .tab, .tab])
        #expect(Renderer.render(state).lines.joined().contains("session 15 on Sat 2026-11-28 was moved there despite"))
    }

    @Test func aDayBeforeTodayIsRefusedAndAnotherDayStillSaves() throws {
        var state = moving()
        press(&state, [.up])   // Mon 2026-11-23, before today
        guard case .refused(_, let why)? = move(state)?.outcome else { Issue.record("not refused: \(String(describing: move(state)?.outcome))"); return }
        #expect(why.contains("before today"))
        #expect(text(state).contains("The engine refuses this"))
        #expect(press(&state, [.enter]).isEmpty)
        #expect(press(&state, [.char("y")]).isEmpty)
        #expect(state.message?.text.contains("Not moved") == true)
        // The allowed path right after: back to a day with no broken rule, and Enter saves.
        press(&state, [.down, .right, .right, .right])
        guard case .save? = press(&state, [.enter]).first else { Issue.record("the allowed move did not save"); return }
    }

    @Test func escCancelsAndNothingMoves() {
        var state = moving()
        press(&state, [.right, .right])
        #expect(press(&state, [.escape]).isEmpty)
        #expect(move(state) == nil)
        guard case .patient = state.current else { Issue.record("Esc left the patient screen"); return }
        #expect(state.message?.text == "Not moved.")
    }

    @Test func theStripShowsTheChairLoadOfTheDaysAround() throws {
        var state = moving(width: 100)
        press(&state, [.right])
        let m = try #require(move(state))
        #expect(m.strip.count == 11)
        #expect(m.strip[m.strip.count / 2].day == m.day, "the chosen day in the middle")
        for d in m.strip {
            #expect(d.booked == (state.index.bookings[d.day] ?? 0))
            #expect(d.capacity == state.clinic.calendar.chairsPerDay)
            #expect((d.closure != nil) == !state.clinic.calendar.isOpen(d.day))
        }
        #expect(m.strip.contains { $0.patientBooked && $0.day == m.from })
        let screen = Renderer.render(state).lines
        #expect(screen.contains { $0.contains("Sat 28") && $0.contains("Tue 01") })
        #expect(screen.contains { $0.contains("closed") })
        let monday = try #require(m.strip.first { $0.day == m.from })
        #expect(screen.contains { $0.contains("\(monday.booked)/\(monday.capacity) P") })
    }

    /// The agenda's m opens the patient and the move of the session it was on.
    @Test func aMoveCanBeAskedForBeforeTheChartArrives() throws {
        var state = makeState()
        let day = try CalendarDay(iso: "2026-12-07")
        var view = PatientView(id: pid("P-0006"), month: day.firstOfMonth)
        view.focusDate = day
        view.then = .char("m")
        state.screens.append(.patient(view))
        _ = Reducer.reduce(&state, .chartLoaded(storedChart("P-0006")))
        let m = try #require(move(state))
        #expect(m.from == day && m.day == day)
    }

    @Test func onlyPlannedSessionsMove() {
        var state = openedPatient("P-0006")
        press(&state, [.up, .char("m")])   // session 14: missed
        #expect(move(state) == nil)
        #expect(state.message?.text.contains("only planned sessions can be moved") == true)
    }

    /// The strip's days carry no month ("Mon 30  Tue 01"): the row above says it over the
    /// strip's first day and over every first of a month, the year with it, so a day is
    /// not read as the wrong month's across a month's (or a year's) end.
    @Test func theStripSaysTheMonthWhereItChanges() throws {
        var state = moving(width: 80, height: 24)
        func rows() -> (months: String, days: String) {
            let lines = Renderer.render(state).lines
            let title = lines.firstIndex { $0.contains("Move session") } ?? 0
            return (lines[title + 1], lines[title + 2])
        }
        func column(_ text: String, in line: String) -> Int? {
            line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        // Mon 30 November chosen: Thu 26 ... Fri 04, December from the sixth day.
        var (months, days) = rows()
        #expect(column("Nov 2026", in: months) == column("Thu 26", in: days), "\(months)\n\(days)")
        #expect(column("Dec 2026", in: months) == column("Tue 01", in: days), "\(months)\n\(days)")
        // Four weeks on (Mon 28 December): December, and January 2027 over Fri 01.
        press(&state, [.down, .down, .down, .down])
        #expect(move(state)?.day == (try CalendarDay(iso: "2026-12-28")))
        (months, days) = rows()
        #expect(column("Dec 2026", in: months) == column("Thu 24", in: days), "\(months)\n\(days)")
        #expect(column("Jan 2027", in: months) == column("Fri 01", in: days), "\(months)\n\(days)")
        // When the next day starts a month, the first day's month leaves it the room.
        press(&state, [.up, .up, .up, .up, .right, .right, .right, .right])
        #expect(move(state)?.day == (try CalendarDay(iso: "2026-12-04")))
        (months, days) = rows()
        #expect(months.hasPrefix("    Nov     Dec 2026"), "\(months)\n\(days)")
        #expect(column("Dec 2026", in: months) == column("Tue 01", in: days))
    }

    @Test(arguments: [(80, 24), (60, 18), (160, 48)])
    func snapshots(size: (Int, Int)) {
        var state = moving(width: size.0, height: size.1)
        press(&state, [.right, .right, .right])
        assertSnapshot(state, "move-clean")
        press(&state, [.home, .left, .left])
        assertSnapshot(state, "move-breaks-rules")
        press(&state, [.char("?")])
        assertSnapshot(state, "move-help")
    }
}
