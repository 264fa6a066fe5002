import ClinicEdits
import KetaplanEngine
import KetaplanText

/// Moving a session from the patient screen: choose the day on a strip of the clinic's
/// chair load, see every session the save would change and every rule it breaks, then
/// save exactly that. A move that breaks a rule is saved only on an explicit `y`
/// (docs/clinical-rules.md, "Manual moves").
extension Reducer {
    /// Opens the move for the selected session (`m`), or says why it cannot be moved.
    static func startMove(_ state: inout AppState, _ p: inout PatientView) {
        guard let plan = p.stored?.chart.plan, let s = plan.sessions[safe: p.selected] else {
            state.message = Message(.info, "No session to move: create a plan with n.")
            return
        }
        guard s.status == .planned else {
            state.message = Message(.error, "Session \(p.selected + 1) is \(s.status): only planned sessions can be moved.")
            return
        }
        p.move = MoveChoice(session: s.id, from: s.date)
        refreshMove(state, &p, everything: true)
    }

    /// Keys while a move is open. Nothing else on the patient screen acts until it is
    /// saved or cancelled.
    static func moveKey(_ state: inout AppState, _ p: inout PatientView, _ key: Key) -> [Effect] {
        guard var move = p.move, let stored = p.stored else { p.move = nil; return [] }
        switch key {
        case .escape, .char("q"):
            p.move = nil
            state.message = Message(.info, "Not moved.")
            return []
        case .left, .char("h"): move.day = move.day.adding(days: -1)
        case .right, .char("l"): move.day = move.day.adding(days: 1)
        case .up, .char("k"): move.day = move.day.adding(days: -7)
        case .down, .char("j"): move.day = move.day.adding(days: 7)
        case .home: move.day = move.from
        case .pageUp: move.scroll = max(0, move.scroll - 3)
        case .pageDown: move.scroll += 3
        case .enter, .char("y"):
            guard move.isCurrent, let outcome = move.outcome else { return [] }
            switch outcome {
            case .refused(_, let why):
                state.message = Message(.error, "Not moved: " + why)
                return []
            case .applied(let day, let applied, let breaks):
                if day == move.from {
                    state.message = Message(.info, "Session is on \(day.shortLabel) already: choose another day, or Esc.")
                    return []
                }
                if !breaks.isEmpty && key != .char("y") {
                    state.message = Message(.error, "Not moved: the move breaks \(Plural.count(breaks.count, "rule")); press y to move it anyway, or choose another day.")
                    return []
                }
                guard !state.saving else {
                    state.message = Message(.info, "A save is still in progress; press \(key == .enter ? "Enter" : "y") again in a moment.")
                    return []
                }
                p.move = nil
                // The preview's own result is saved: no second application of the edit.
                return save(&state, edit: .move(move.session, day), stored: stored, update: applied.update)
            }
        default:
            return []
        }
        p.move = move
        refreshMove(state, &p, everything: false)
        return []
    }

    /// Works out the move's preview, strip and lines when the day changed (or, with
    /// `everything`, when the chart, the bookings or the width may have).
    static func refreshMove(_ state: AppState, _ p: inout PatientView, everything: Bool) {
        guard var move = p.move, let chart = p.stored?.chart else { return }
        guard let plan = chart.plan, plan.session(move.session)?.status == .planned else {
            // The session was recorded or removed meanwhile (another clinician's save).
            p.move = nil
            return
        }
        if everything || !move.isCurrent {
            let scheduler = Scheduler(context: state.context(for: p.id))
            let edit = ChartEdit.move(move.session, move.day)
            do {
                let applied = try edit.applied(to: chart, scheduler: scheduler)
                move.outcome = .applied(day: move.day, applied, breaks: scheduler.concerns(moving: move.session, to: move.day, in: chart))
            } catch {
                move.outcome = .refused(day: move.day, error.message)
            }
            move.strip = moveStrip(state, chart, around: move.day)
            move.lines = moveLines(state, chart, move)
            let prompt = movePrompt(move)
            move.prompt = Renderer.wrap(prompt.text, width: max(10, state.width - 2)).map { StyledLine($0, prompt.style) }
        }
        move.scroll = max(0, min(move.scroll, move.lines.count - moveRows(state, p)))
        p.move = move
    }

    /// Rows the move's preview lines get: between the strip and the prompt.
    static func moveRows(_ state: AppState, _ p: PatientView) -> Int {
        let metrics = state.metrics
        let top = metrics.patientTabsRow(banner: p.facts?.banner.count ?? 0) + 1 + Renderer.moveStripRows
        return max(1, metrics.patientBottom + 1 - top - (p.move?.prompt.count ?? 1))
    }

    /// The days around `day` that fit across the screen, with the clinic's chair load.
    static func moveStrip(_ state: AppState, _ chart: PatientChart, around day: CalendarDay) -> [DayLoad] {
        var count = max(3, (state.width - 2) / Renderer.moveCellWidth)
        if count % 2 == 0 { count -= 1 }
        let mine = Set(ChairBookings.chairDays(of: chart.plan))
        let calendar = state.clinic.calendar
        return (0..<count).map { i in
            let d = day.adding(days: i - count / 2)
            return DayLoad(day: d, booked: state.index.bookings[d] ?? 0, capacity: calendar.chairsPerDay, closure: calendar.closure(on: d),
                           patientBooked: mine.contains(d))
        }
    }

    /// The preview in words: every session the save changes (numbered as the clinician
    /// sees them now), every rule broken, and what to press.
    static func moveLines(_ state: AppState, _ chart: PatientChart, _ move: MoveChoice) -> [StyledLine] {
        let g = state.glyphs
        let width = max(10, state.width - 4)
        var lines: [StyledLine] = []
        func add(_ text: String, _ style: Style, indent: String = " ") {
            for (i, part) in Renderer.wrap(g.safe(text), width: width).enumerated() {
                lines.append(StyledLine((i == 0 ? indent : indent + "  ") + part, style))
            }
        }
        switch move.outcome {
        case nil:
            break
        case .refused(_, let why)?:
            add("! The engine refuses this: " + why, .critical)
        case .applied(let day, let applied, let breaks)?:
            if day == move.from {
                add("The session is on \(day.shortLabel) now: choose the day to move it to.", .muted)
                break
            }
            // The session moved first, then the rules it breaks, then what else moves:
            // the rules stay in view however long the list of other changes is.
            let before = chart.plan
            let after = applied.chart.plan
            let others = applied.update.changes.filter { $0.session != move.session }
            for change in applied.update.changes where change.session == move.session {
                add("On saving, " + moveChangeLine(change, before: before, after: after), .heading)
            }
            if breaks.isEmpty {
                add("The engine's checks: no rule is broken on \(day.shortLabel).", .good)
            } else {
                add("Breaks \(Plural.count(breaks.count, "rule")) (kept with the session and in the audit log):", .critical)
                for b in breaks { add("! " + b.message, .caution, indent: "   ") }
            }
            if others.isEmpty {
                add("No other session changes.", .muted)
            } else {
                add("The save also changes \(Plural.count(others.count, "other session")):", .normal)
                for change in others { add(moveChangeLine(change, before: before, after: after), .caution, indent: "   ") }
            }
        }
        return lines
    }

    /// One change, keyed by session: "session 3: Wed 2026-12-02 -> Sat 2026-12-05".
    static func moveChangeLine(_ change: PlanChange, before: Plan?, after: Plan?) -> String {
        func n(_ id: SessionID) -> String {
            (before?.number(of: id) ?? after?.number(of: id)).map { "session \($0)" } ?? "session \(id)"
        }
        switch change {
        case .moved(let id, let from, let to): return "\(n(id)): \(from.shortLabel) -> \(to.shortLabel)"
        case .added(let id, let day): return "\(n(id)): added on \(day.shortLabel)"
        case .removed(let id, let day): return "\(n(id)): \(day.shortLabel) removed"
        case .doseChanged(let id, let from, let to):
            return "\(n(id)): planned dose \(from.map(formatNumber) ?? "none") -> \(to.map(formatNumber) ?? "none") mg"
        }
    }

    /// What to press now, said where the move is drawn.
    static func movePrompt(_ move: MoveChoice) -> StyledLine {
        switch move.outcome {
        case .applied(let day, _, let breaks)? where day != move.from:
            if breaks.isEmpty { return StyledLine("Enter moves it; Esc cancels.", Style(.accent, bold: true)) }
            return StyledLine("Press y to move it despite the rules above (Enter does not); Esc cancels.", Style(.critical, bold: true))
        default:
            return StyledLine("Left/Right a day, Up/Down a week; Esc cancels.", .muted)
        }
    }
}

extension PlanChange {
    /// The session the change concerns.
    var session: SessionID {
        switch self {
        case .moved(let id, _, _), .added(let id, _), .removed(let id, _), .doseChanged(let id, _, _): return id
        }
    }
}
