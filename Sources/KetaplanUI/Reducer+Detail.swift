import KetaplanEngine
import KetaplanText

/// A recorded session's whole record on the patient screen: what was given and measured,
/// who gave it, the reason for its date, and every amendment with the record as first
/// made kept in view; `a` amends it through `ChartEdit.amend` with a required reason.
extension Reducer {
    static func openDetail(_ state: AppState, _ p: inout PatientView, _ session: Session) {
        p.detail = SessionDetail(session: session.id)
        refreshDetail(state, &p)
    }

    static func detailKey(_ state: inout AppState, _ p: inout PatientView, _ key: Key) -> [Effect] {
        guard var detail = p.detail, let chart = p.stored?.chart, let plan = chart.plan, let session = plan.session(detail.session) else {
            p.detail = nil
            return []
        }
        let page = detailRows(state, p)
        switch key {
        case .escape, .char("q"):
            p.detail = nil
            return []
        case .up, .char("k"): detail.scroll -= 1
        case .down, .char("j"): detail.scroll += 1
        case .pageUp: detail.scroll -= page
        case .pageDown: detail.scroll += page
        case .home: detail.scroll = 0
        case .end: detail.scroll = detail.lines.count
        case .char("a") where state.clinicProblem != nil:
            _ = refusedChange(&state)
            return []
        case .char("a"):
            let n = plan.number(of: session.id) ?? 0
            guard session.status == .given, session.record != nil else {
                state.message = Message(.error, "Session \(n) is \(session.status): only a given session's record is amended; record a planned one with r.")
                return []
            }
            state.screens.append(.form(FormBuilder.amendSession(chart, session: session)))
            return []
        default:
            return []
        }
        detail.scroll = max(0, min(detail.scroll, detail.lines.count - page))
        p.detail = detail
        return []
    }

    /// Rows the record's lines get: from the tabs' row to the line above the hint.
    static func detailRows(_ state: AppState, _ p: PatientView) -> Int {
        let metrics = state.metrics
        return max(1, metrics.patientBottom - metrics.patientTabsRow(banner: p.facts?.banner.count ?? 0))
    }

    /// Works out the record's lines again (the chart or the width changed).
    static func refreshDetail(_ state: AppState, _ p: inout PatientView) {
        guard var detail = p.detail, let chart = p.stored?.chart, let session = chart.plan?.session(detail.session) else {
            p.detail = nil
            return
        }
        detail.lines = detailLines(state, chart, session)
        detail.scroll = max(0, min(detail.scroll, detail.lines.count - detailRows(state, p)))
        p.detail = detail
    }

    /// One record's fields in the clinic's words, in the order the record form asks them.
    static func recordRows(_ r: SessionRecord, planned: Double?, esketamine: Bool, g: Glyphs) -> [(String, String)] {
        func mg(_ v: Double?) -> String { v.map { formatNumber($0) + " mg" } ?? "none" }
        var rows: [(String, String)] = []
        var dose = mg(r.doseGivenMg)
        if let planned, r.doseGivenMg != planned { dose += " (planned \(mg(planned)))" }
        rows.append(("Dose given", dose))
        rows.append(("BP before dosing", r.bpBefore?.description ?? "none"))
        rows.append(("BP at ~40 min", r.bpAt40Minutes?.description ?? "none"))
        rows.append(("BP at discharge", r.bpAtDischarge?.description ?? "none"))
        rows.append(("Minutes monitored", r.minutesMonitored.map(String.init) ?? "none"))
        rows.append(("Dissociation (CADSS)", r.dissociationCADSS.map(String.init) ?? "none"))
        rows.append(("Side effects", r.sideEffects.isEmpty ? "none" : g.safe(r.sideEffects.joined(separator: ", "))))
        if esketamine || r.monitoringFormSubmittedOn != nil {
            rows.append(("REMS form submitted", r.monitoringFormSubmittedOn?.shortLabel ?? "not yet"))
        }
        if let d = r.deferredUntil { rows.append(("Deferred until", d.shortLabel)) }
        if let why = r.startingDoseOverride { rows.append(("Starting-dose decision", g.safe(why))) }
        rows.append(("Note", r.note.isEmpty ? "none" : g.safe(r.note)))
        rows.append(("Given by", r.givenBy.map(g.safe) ?? "not recorded"))
        return rows
    }

    /// The record in lines wrapped to the width: the record now, beside it (or, narrower,
    /// under it) the record as first made when it was amended, each amendment, and why
    /// the session is on its day. Nothing is cut.
    static func detailLines(_ state: AppState, _ chart: PatientChart, _ session: Session) -> [StyledLine] {
        let g = state.glyphs
        let width = max(20, state.width - 2)
        let plan = chart.plan
        let n = plan?.number(of: session.id) ?? 0
        let esketamine = plan?.protocolCopy.route.isEsketamine ?? false
        var lines: [StyledLine] = []
        func add(_ text: String, _ style: Style, indent: String = "") {
            for (i, part) in Renderer.wrap(text, width: max(10, width - indent.displayWidth - 2)).enumerated() {
                lines.append(StyledLine(indent + (i == 0 ? "" : "  ") + part, style))
            }
        }
        add("Session \(n), \(session.date.shortLabel)\(session.time.map { " \($0)" } ?? ""), \(session.phase.rawValue): \(session.status)", .heading)
        guard let record = session.record else {
            add("Nothing was recorded beyond the outcome.", .muted)
            add("Why this date: " + g.safe(session.reason), .muted)
            return lines
        }
        let now = recordRows(record, planned: session.plannedDoseMg, esketamine: esketamine, g: g)
        let first = session.amendments.first.map { recordRows($0.original, planned: session.plannedDoseMg, esketamine: esketamine, g: g) }
        let labelWidth = 23
        if let first, width >= 96 {
            // The original beside the amended record, row by row; values wrap in their column.
            let column = (width - labelWidth - 2) / 2
            lines.append(StyledLine("".padded(toWidth: labelWidth) + "Record now (amended)".padded(toWidth: column + 1) + " As first recorded", .heading))
            for row in now {
                let was = first.first { $0.0 == row.0 }?.1 ?? "none"
                let left = Renderer.wrap(row.1, width: column), right = Renderer.wrap(was, width: column)
                let style: Style = was == row.1 ? .normal : .caution
                for k in 0..<max(left.count, right.count, 1) {
                    let label = k == 0 ? row.0 : ""
                    lines.append(StyledLine(label.padded(toWidth: labelWidth) + (left[safe: k] ?? "").padded(toWidth: column + 1) + " " + (right[safe: k] ?? ""), style))
                }
            }
        } else {
            if first != nil { add("Record now (amended):", .heading) }
            for row in now { addRow(&lines, row, labelWidth: labelWidth, width: width, style: .normal) }
            if let first {
                add("As first recorded:", .heading)
                for row in first { addRow(&lines, row, labelWidth: labelWidth, width: width, style: .muted) }
            }
        }
        if !session.amendments.isEmpty {
            add("Amendments, oldest first:", .heading)
            for (i, a) in session.amendments.enumerated() {
                let next = session.amendments[safe: i + 1]?.original ?? record
                add("\(a.on) by \(g.safe(a.by)): " + g.safe(a.reason), .normal, indent: "  ")
                let changed = SessionAmendment.differences(a.original, next)
                add("changed: " + (changed.isEmpty ? "nothing" : g.safe(changed.joined(separator: "; "))), .caution, indent: "    ")
            }
        }
        add("Why this date: " + g.safe(session.reason), .muted)
        return lines
    }

    /// A "label  value" row; a long value wraps under itself.
    static func addRow(_ lines: inout [StyledLine], _ row: (String, String), labelWidth: Int, width: Int, style: Style) {
        for (k, part) in Renderer.wrap(row.1, width: max(10, width - labelWidth)).enumerated() {
            lines.append(StyledLine((k == 0 ? row.0 : "").padded(toWidth: labelWidth) + part, style))
        }
    }
}
