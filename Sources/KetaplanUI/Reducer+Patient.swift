import KetaplanEngine

extension Reducer {
    /// Rows of the sessions table that fit on screen (fewer under a hold banner).
    static func patientPage(_ state: AppState, _ p: PatientView) -> Int {
        state.metrics.sessionRows(banner: p.facts?.banner.count ?? 0)
    }

    static func patientKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .patient(var p) = state.current else { return [] }
        let at = state.screens.count - 1
        defer { if state.screens.indices.contains(at), case .patient(let view) = state.screens[at], view.id == p.id { state.screens[at] = .patient(p) } }
        if p.move != nil { return moveKey(&state, &p, key) }
        if p.detail != nil { return detailKey(&state, &p, key) }
        if key == .escape || key == .char("q") {
            state.screens.removeLast()
            return []
        }
        guard let stored = p.stored else { return [] }
        if patientChangeKeys.contains(key), refusedChange(&state) { return [] }
        let sessions = stored.chart.plan?.sessions ?? []
        let page = patientPage(state, p)
        switch key {
        case .tab: p.pane = PatientView.Pane(rawValue: (p.pane.rawValue + 1) % 4)!; p.scroll = 0
        case .backTab: p.pane = PatientView.Pane(rawValue: (p.pane.rawValue + 3) % 4)!; p.scroll = 0
        case .up, .char("k"):
            if p.pane == .sessions { p.selected = max(0, p.selected - 1) } else { p.scroll = max(0, p.scroll - 1) }
        case .down, .char("j"):
            if p.pane == .sessions { p.selected = min(max(0, sessions.count - 1), p.selected + 1) } else { p.scroll = min(p.scroll + 1, paneScrollLimit(state, p)) }
        case .pageUp: p.selected = max(0, p.selected - page)
        case .pageDown: p.selected = min(max(0, sessions.count - 1), p.selected + page)
        case .home: p.selected = 0
        case .end: p.selected = max(0, sessions.count - 1)
        case .left, .char("h"): if p.pane == .calendar { p.month = p.month.adding(days: -1).firstOfMonth }
        case .right, .char("l"): if p.pane == .calendar { p.month = p.month.adding(days: 32).firstOfMonth }
        case .enter where sessions[safe: p.selected].map { $0.status != .planned } ?? false:
            // A recorded session opens its whole record; a planned one says why its date.
            openDetail(state, &p, sessions[p.selected])
        case .enter, .char("y"):
            guard let s = sessions[safe: p.selected] else { return [] }
            state.overlay = .text(title: "Why \(s.date.weekday.name) \(s.date)? (session \(p.selected + 1))", body: s.reason)
        case .char("r"):
            guard let s = sessions[safe: p.selected] else { state.message = Message(.info, "No session to record: create a plan with n."); return [] }
            guard s.status == .planned else {
                state.message = Message(.error, "Session \(p.selected + 1) is already recorded as \(s.status); given sessions never change.")
                return []
            }
            state.screens.append(.form(FormBuilder.recordSession(stored.chart, session: s, today: state.today, user: state.user)))
        case .char("i"):
            // The header lines whole: the maintenance policy and its reason are never cut.
            let (line1, line2) = Renderer.headerLines(state, stored.chart)
            state.overlay = .text(title: "Patient and plan in full", body: ([line1] + (line2.map { [$0] } ?? [])).joined(separator: " \(state.glyphs.bullet) "))
        case .char("s"):
            state.screens.append(.form(FormBuilder.addScore(stored.chart)))
        case .char("m"):
            startMove(&state, &p)
        case .char("d"):
            guard let s = sessions[safe: p.selected] else { return [] }
            guard s.status == .planned else {
                state.message = Message(.error, "Session \(p.selected + 1) is \(s.status): titrate from a planned session.")
                return []
            }
            state.screens.append(.form(FormBuilder.titrate(stored.chart, session: s)))
        case .char("e"):
            state.screens.append(.form(FormBuilder.patient(stored.chart.patient, today: state.today)))
        case .char("p"):
            state.screens.append(.preview(PreviewState(id: p.id)))
            return [.findPrinter(clinic: state.clinic.printer)]
        case .char("a"):
            let warnings = SafetyChecker(context: state.context(for: p.id)).warnings(for: stored.chart)
            let holds = HoldChecker(context: state.context(for: p.id)).holds(for: stored.chart)
            guard let form = FormBuilder.review(stored.chart, warnings: warnings, holds: holds) else {
                state.message = Message(.info, "Nothing waits for a clinician's review.")
                return []
            }
            state.screens.append(.form(form))
        case .char("x"):
            state.screens.append(.form(FormBuilder.export(p.id, folder: state.exportFolder)))
        case .char("M"), .char("P"):
            guard stored.chart.plan != nil else { state.message = Message(.info, "No plan yet: create one with n."); return [] }
            state.screens.append(.form(key == .char("M") ? FormBuilder.maintenance(stored.chart) : FormBuilder.planStatus(stored.chart)))
        case .char("n"):
            if let plan = stored.chart.plan, plan.sessions.contains(where: { $0.status != .planned }) {
                state.message = Message(.error, "This patient's plan has recorded sessions; it is kept as it is.")
                return []
            }
            state.screens.append(.form(FormBuilder.newPlan(stored.chart, clinic: state.clinic, today: state.today)))
        default:
            return []
        }
        if p.pane == .sessions { p.scroll = scrolled(p.scroll, selected: p.selected, page: page) }
        p.scroll = min(p.scroll, p.pane == .sessions ? max(0, sessions.count - page) : paneScrollLimit(state, p))
        if p.pane == .sessions, let s = sessions[safe: p.selected] { p.month = s.date.firstOfMonth }
        return []
    }

    /// How far a scrolled pane (warnings) may scroll: its last line at the bottom.
    static func paneScrollLimit(_ state: AppState, _ p: PatientView) -> Int {
        guard p.pane == .warnings, let facts = p.facts else { return 0 }
        return max(0, facts.warningLines.count - state.metrics.paneRows(banner: facts.banner.count))
    }
}
