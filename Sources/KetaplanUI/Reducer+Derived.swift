import ClinicEdits
import KetaplanEngine
import KetaplanText

/// What the screens show that the engine works out: a patient's warnings and holds, a
/// form's problems and preview, a print preview's text. Worked out here when their
/// inputs change, and kept in the screens' state, so a render only reads.
extension Reducer {
    /// Works out what is missing or stale. After an action other than a key (a chart or
    /// summaries arriving, a save, a resize, a new day) everything is worked out again,
    /// since any input may have changed; after a key, only what that key could change:
    /// a newly opened screen, a form whose values changed, a preview switched.
    static func refreshDerived(_ state: inout AppState, everything: Bool) {
        for i in state.screens.indices {
            switch state.screens[i] {
            case .patient(var p):
                guard let stored = p.stored else {
                    if p.facts != nil { p.facts = nil; state.screens[i] = .patient(p) }
                    continue
                }
                if everything || p.facts == nil {
                    p.facts = patientFacts(state, stored.chart)
                    state.screens[i] = .patient(p)
                }
                if p.move != nil {
                    refreshMove(state, &p, everything: everything)
                    state.screens[i] = .patient(p)
                }
                if let detail = p.detail, everything || detail.lines.isEmpty {
                    refreshDetail(state, &p)
                    state.screens[i] = .patient(p)
                }
            case .form(var f):
                if everything || f.preview?.values != f.fields.map(\.value) {
                    f.preview = formPreview(state, f)
                    state.screens[i] = .form(f)
                }
            case .preview(var p):
                if everything || p.lines == nil {
                    p.lines = previewLines(state, p)
                    state.screens[i] = .preview(p)
                }
            case .overview, .agenda:
                break
            }
        }
        clampScrolling(&state)
    }

    /// Keeps every screen's scrolling inside what it shows and its selection in view, at
    /// the screen's size and with what was just worked out (a hold banner takes rows, a
    /// form's preview takes the fields' room). The renderer draws from these as they are.
    static func clampScrolling(_ state: inout AppState) {
        let metrics = state.metrics
        func fit(_ scroll: Int, selected: Int, count: Int, page: Int) -> Int {
            max(0, min(scrolled(scroll, selected: selected, page: page), count - page))
        }
        // A box scrolled at one size keeps no stale offset at another: showing whole, it
        // starts at its first line; otherwise its last page ends at its last line.
        switch state.overlay {
        case .help(let kind, let scroll):
            let count = KeyTable.helpLines(for: kind, in: state.current, width: metrics.helpTextWidth).count
            state.overlay = .help(kind, scroll: boxScroll(scroll, count: count, metrics: metrics))
        case .log(let scroll):
            let count = Message.logLines(state.messageLog, width: metrics.helpTextWidth).count
            state.overlay = .log(scroll: boxScroll(scroll, count: count, metrics: metrics))
        default:
            break
        }
        for i in state.screens.indices {
            switch state.screens[i] {
            case .overview(var o):
                o.scroll = fit(o.scroll, selected: o.selected, count: o.visible.count, page: metrics.overviewRows)
                state.screens[i] = .overview(o)
            case .agenda(var a):
                // Scrolled by lines: in the week view a day with no session takes one too.
                let lines = agendaLines(state, a)
                let selectable = lines.indices.filter { lines[$0].row != nil }
                a.scroll = fit(a.scroll, selected: selectable[safe: a.selected] ?? 0, count: lines.count, page: metrics.agendaRows)
                state.screens[i] = .agenda(a)
            case .patient(var p):
                let banner = p.facts?.banner.count ?? 0
                if p.pane == .sessions {
                    let count = p.stored?.chart.plan?.sessions.count ?? 0
                    p.scroll = fit(p.scroll, selected: p.selected, count: count, page: metrics.sessionRows(banner: banner))
                } else {
                    p.scroll = min(p.scroll, paneScrollLimit(state, p))
                }
                state.screens[i] = .patient(p)
            case .form(var f):
                // Fields scroll by their rows (a wrapped label or note takes more than one).
                let layout = FormLayout(state, f)
                f.layout = layout
                f.scroll = layout.scroll(focus: f.focus, from: f.scroll)
                if let field = f.fields[safe: f.focus], field.isTyped {
                    f.textScroll = TextWindow.scroll(Array(state.glyphs.safe(field.value)), cursor: f.cursorIndex, from: f.textScroll, width: metrics.formValueWidth)
                }
                state.screens[i] = .form(f)
            case .preview(var p):
                p.scroll = max(0, min(p.scroll, (p.lines?.count ?? 0) - metrics.previewRows))
                state.screens[i] = .preview(p)
            }
        }
    }

    /// Where a box of `count` lines (help, the message log) may start: at 0 when they all
    /// fit (`Renderer.box` shows them whole), else no later than its last page.
    static func boxScroll(_ scroll: Int, count: Int, metrics: ScreenMetrics) -> Int {
        count <= metrics.height - 6 ? 0 : max(0, min(scroll, count - metrics.boxRows))
    }

    /// A scrolling box's (help, message log) scroll after `key`, clamped; nil when the key
    /// does not scroll it.
    static func scrolledBox(_ key: Key, from scroll: Int, count: Int, metrics: ScreenMetrics) -> Int? {
        let next: Int
        switch key {
        case .up, .char("k"): next = scroll - 1
        case .down, .char("j"): next = scroll + 1
        case .pageUp: next = scroll - metrics.boxRows
        case .pageDown: next = scroll + metrics.boxRows
        case .home: next = 0
        case .end: next = count
        default: return nil
        }
        return boxScroll(next, count: count, metrics: metrics)
    }

    /// The patient screen's warnings, holds, banner and panes' text for `chart`.
    public static func patientFacts(_ state: AppState, _ chart: PatientChart) -> PatientFacts {
        let g = state.glyphs
        let context = state.context(for: chart.patient.id)
        var facts = PatientFacts()
        facts.warnings = SafetyChecker(context: context).warnings(for: chart)
        facts.holds = HoldChecker(context: context).holds(for: chart)
        facts.held = Set(HoldChecker(context: context).heldSessions(in: chart).keys)
        let metrics = state.metrics
        // The banner: the first hold and what lifts it, wrapped in full (clinical text is
        // never cut), and how many more stand (the Warnings pane lists each in full).
        if let first = facts.holds.first {
            let room = max(10, metrics.width - 2)
            facts.banner = Renderer.wrap("ON HOLD (\(first.code.title)) since \(first.since): \(g.safe(first.message))", width: room)
                .map { StyledLine($0, Style(.critical, bold: true, reverse: true)) }
            facts.banner += Renderer.wrap("To lift: " + g.safe(first.howToLift), width: room).map { StyledLine($0, .critical) }
            let more = facts.holds.count - 1
            if more > 0 {
                facts.banner += Renderer.wrap("\(more) more hold\(more == 1 ? "" : "s"): " + facts.holds.dropFirst().map(\.code.title).joined(separator: ", ") + " (see Warnings)", width: room)
                    .map { StyledLine($0, .critical) }
            }
        }
        facts.warningLines = warningLines(state, chart, facts, width: metrics.paneTextWidth)
        // The latest scores of each scale in words, with the response the latest shows.
        let settings = state.clinic.settings
        let firstSession = chart.plan?.sessions.first { $0.status == .given }?.date
        for instrument in Instrument.allCases {
            let scores = chart.assessments.filter { $0.instrument == instrument }
            guard !scores.isEmpty else { continue }
            var words: [String] = []
            for a in scores.suffix(4) {
                var w = "\(a.date) \(a.score) \(instrument.band(for: a.score, settings: settings))"
                if let s = ResponseStatus.of(instrument, in: chart.assessments, asOf: a.date, baselineBefore: firstSession, settings: settings), s.latest == a {
                    w += s.inRemission ? " (remission)" : s.responding ? " (response)" : ""
                }
                words.append(w)
            }
            facts.scoreWords[instrument] = words
        }
        return facts
    }

    /// The Warnings pane: holds, then warnings, then the decisions that let dosing go
    /// ahead (kept in the chart with who and when), each wrapped to `width`.
    static func warningLines(_ state: AppState, _ chart: PatientChart, _ facts: PatientFacts, width: Int) -> [StyledLine] {
        let g = state.glyphs
        var lines: [StyledLine] = []
        if facts.warnings.isEmpty && facts.holds.isEmpty { lines.append(StyledLine("No warnings.", .muted)) }
        for h in facts.holds {
            let text = "ON HOLD (\(h.code.title)) since \(h.since): \(g.safe(h.message)). To lift: \(g.safe(h.howToLift))"
            for (i, part) in Renderer.wrap(text, width: width).enumerated() {
                lines.append(StyledLine((i == 0 ? "H  " : "   ") + part, .critical))
            }
        }
        for w in facts.warnings {
            let (mark, style): (String, Style) = switch w.severity {
            case .critical: ("!! ", .critical)
            case .caution: ("!  ", .caution)
            case .info: ("-  ", .muted)
            }
            for (i, part) in Renderer.wrap(g.safe(w.message), width: width).enumerated() {
                lines.append(StyledLine((i == 0 ? mark : "   ") + part, style))
            }
        }
        if let plan = chart.plan, !plan.overrides.isEmpty || !chart.reviews.isEmpty {
            lines.append(StyledLine("", .normal))
            lines.append(StyledLine("Overrides and reviews", .heading))
            for o in plan.overrides {
                let session = o.session.flatMap { plan.number(of: $0) }.map { ", session \($0)" } ?? ""
                for part in Renderer.wrap(g.safe("\(o.on) override (\(o.code.title)\(session)) by \(o.by): \(o.reason)"), width: width) {
                    lines.append(StyledLine("   " + part, .normal))
                }
            }
            for r in chart.reviews.sorted(by: { ($0.on, $0.entry ?? 0) < ($1.on, $1.entry ?? 0) }) {
                for part in Renderer.wrap(g.safe("\(r.on) review (\(r.kind.name)) by \(r.by)\(r.note.isEmpty ? "" : ": \(r.note)")"), width: width) {
                    lines.append(StyledLine("   " + part, .normal))
                }
            }
        }
        return lines
    }

    /// A form's field problems and what saving would do.
    public static func formPreview(_ state: AppState, _ f: FormState) -> FormPreview {
        var preview = FormPreview()
        preview.values = f.fields.map(\.value)
        preview.problems = f.fields.map { $0.problem(today: state.today) }
        preview.lines = formContext(state, f) + formPreviewLines(state, f, problems: preview.problems)
        return preview
    }

    /// What a form changes as it stands now, and what it accepts, shown before anything is
    /// typed: the plan's current maintenance policy or status in the engine's words.
    static func formContext(_ state: AppState, _ f: FormState) -> [StyledLine] {
        guard let id = f.kind.patientID, let plan = state.stored(id)?.chart.plan else { return [] }
        switch f.kind {
        case .maintenance:
            return [StyledLine("Now: " + (plan.maintenancePolicy?.description ?? "none (the course ends for review)"), .muted),
                    StyledLine("Accepted: fixed:DAYS, taper:D1,D2,..., adaptive:MIN-MAX/STEP, durability[:MARGIN] or on-demand", .muted)]
        case .planStatus:
            return [StyledLine("Now: \(plan.status)" + (plan.statusNote.isEmpty ? "" : " (\(plan.statusNote))"), .muted),
                    StyledLine("paused takes every planned session from today on off the schedule (their chairs are freed) until the plan is active again, which plans them anew; completed and discontinued archive it", .muted)]
        default:
            return []
        }
    }

    /// The clinic settings form's preview: the change list `clinic set` would print, in its
    /// words (`ClinicChange.applied`), and what follows on saving.
    static func clinicPreviewLines(_ state: AppState, _ f: FormState, problems: [String?]) -> [StyledLine] {
        guard problems.allSatisfy({ $0 == nil }) else { return [] }
        let change: ClinicChange
        switch FormSubmission.clinicChange(f, clinic: state.clinic, today: state.today) {
        case .success(let c): change = c
        case .failure(let e) where e.message == FormSubmission.nothingToChange:
            return [StyledLine("Nothing changed yet: every setting is as clinic.json has it.", .muted)]
        case .failure(let e): return [StyledLine(e.message, .muted)]
        }
        do {
            let (clinic, said) = try change.applied(to: state.clinic)
            var lines = [StyledLine("On saving: " + said.joined(separator: "; "), .caution)]
            // Said before Enter, not only after (tester F7): a change that re-plans cannot
            // re-plan a chart it cannot read, which keeps its sessions even on a day closed.
            if clinic.calendar != state.clinic.calendar || clinic.settings != state.clinic.settings {
                lines += unreadPreviewLines(state.problems)
            }
            lines.append(StyledLine("Active plans with sessions the change no longer allows (a closed day, fewer chairs) re-plan on saving; : lists them.", .muted))
            lines.append(StyledLine("u does not undo a clinic change: it re-plans other patients' plans; change the setting back here.", .muted))
            return lines
        } catch {
            return [StyledLine("! Saving will refuse this: " + (error.field.map { FormField.labelled($0.label, error.message) } ?? error.message), .critical)]
        }
    }

    /// What the settings form's preview says of the files the screen could not read (its
    /// load problems, each naming the file): saving cannot re-plan them. Empty when every
    /// file read.
    static func unreadPreviewLines(_ problems: [String]) -> [StyledLine] {
        guard !problems.isEmpty else { return [] }
        let one = problems.count == 1
        var lines = [StyledLine("! " + (one ? "1 file could not be read: saving cannot re-plan the plan in it"
                                              : "\(problems.count) files could not be read: saving cannot re-plan the plans in them")
                                + ", which keep\(one ? "s its" : " their") sessions even on a day this closes:", .critical)]
        lines += problems.map { StyledLine("  " + $0, .critical) }
        lines.append(StyledLine("  Fix \(one ? "it" : "them") first (`ketaplan validate` says how), or save and move \(one ? "its" : "their") sessions by hand once \(one ? "it reads" : "they read").", .caution))
        return lines
    }

    /// What saving would do, worked out by the engine as the clinician types.
    static func formPreviewLines(_ state: AppState, _ f: FormState, problems: [String?]) -> [StyledLine] {
        if case .clinicSettings = f.kind { return clinicPreviewLines(state, f, problems: problems) }
        guard let id = f.kind.patientID, let stored = state.stored(id), problems.allSatisfy({ $0 == nil }) else { return [] }
        guard case .success(.edit(_, let edit)) = FormSubmission.outcome(f, chart: stored.chart, clinic: state.clinic, today: state.today, user: state.user, newID: { PatientID.numbered(0) }) else {
            return []
        }
        var lines: [StyledLine] = []
        let scheduler = Scheduler(context: state.context(for: id))
        // An amendment names every field it changes, the record as it stands beside it.
        if case .amend(let sid, let record, _, _) = edit, let old = stored.chart.plan?.session(sid)?.record {
            let changed = SessionAmendment.differences(old, record)
            lines.append(StyledLine("Amends: " + (changed.isEmpty ? "nothing yet (change a field)" : changed.joined(separator: "; ")), changed.isEmpty ? .muted : .caution))
        }
        // Blood pressure checks as the readings are typed: the same function and words the
        // chart's warnings use after saving.
        var checks: [StyledLine] = []
        if case .record(_, let outcome) = edit, outcome.status == .given, let route = stored.chart.plan?.protocolCopy.route {
            let checker = SafetyChecker(context: state.context(for: id))
            if let bp = outcome.record.bpBefore, let w = checker.bloodPressureBeforeDosing(bp, route: route) {
                checks.append(StyledLine("!! " + w.message, .critical))
            }
            for w in checker.bloodPressureAfterDosing(outcome.record, route: route) {
                checks.append(StyledLine((w.severity == .critical ? "!! " : "! ") + w.message, w.severity == .critical ? .critical : .caution))
            }
        }
        do {
            // The edit's own preview (AppliedEdit): what a save writes, worded as it will be.
            let applied = try edit.applied(to: stored.chart, scheduler: scheduler)
            guard let plan = applied.chart.plan else { return checks + lines }
            if case .newPlan = edit {
                lines.append(StyledLine("Preview: " + Plural.count(plan.sessions.count, "session"), .heading))
                let dates = plan.sessions.prefix(12).map { "\($0.date.weekday.abbreviation) \($0.date.iso)" }
                for chunk in stride(from: 0, to: dates.count, by: 4) {
                    lines.append(StyledLine("  " + dates[chunk..<min(dates.count, chunk + 4)].joined(separator: "  "), .normal))
                }
                if plan.sessions.count > 12, let last = plan.sessions.last { lines.append(StyledLine("  … to \(last.date)", .muted)) }
                // Said before saving: a stretched induction, and what the clinician can do.
                for stretch in scheduler.stretchedPhases(plan) {
                    lines.append(StyledLine("! " + stretch.message, .caution))
                    lines.append(StyledLine("  Saving accepts it (the plan carries a warning); or set Full chairs to 'over capacity'.", .caution))
                }
                let over = plan.sessions.filter(\.overCapacity)
                if !over.isEmpty { lines.append(StyledLine("Booked over capacity: " + over.map(\.date.iso).joined(separator: ", "), .caution)) }
                return checks + lines
            }
            let moves = applied.changeLines
            if moves.isEmpty {
                lines.append(StyledLine("On saving: no other dates move.", .muted))
            } else {
                // A change of status takes sessions off the schedule or puts them back, in
                // the words the command line prints.
                let heading: String = if case .setStatus(let status, _) = edit {
                    status == .active ? "On saving, scheduled again:" : "On saving, taken off the schedule:"
                } else { "On saving, these dates change:" }
                lines.append(StyledLine(heading, .heading))
                for m in moves.prefix(8) { lines.append(StyledLine("  " + m, .caution)) }
                if moves.count > 8 { lines.append(StyledLine("  … and \(moves.count - 8) more", .muted)) }
            }
        } catch {
            lines.append(StyledLine("! The engine will refuse this: " + error.message, .critical))
        }
        return checks + lines
    }
}
