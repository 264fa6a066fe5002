import KetaplanEngine
import KetaplanText

/// Where a form's parts go at the screen's size: the title and every label wrapped (never
/// cut), each field's note beside it or, when too long, wrapped under it, and how many
/// rows the fields get. The reducer scrolls the fields with it (the focused field always
/// shows) and the renderer draws from it, so both agree on every row.
public struct FormLayout: Equatable, Sendable {
    /// One field's rows.
    public struct Block: Equatable, Sendable {
        public var labelWidth: Int
        public var valueWidth: Int
        /// The label, wrapped to its column (the first line carries the focus mark).
        public var label: [String]
        /// The note beside the value (what the field accepts, or what is wrong with it).
        public var note: String
        /// The note wrapped under the field when it does not fit beside it (then `note` is empty).
        public var noteUnder: [String]
        public var noteStyle: Style
        public var rows: Int { max(1, label.count) + noteUnder.count }
    }

    public var title: [String]
    public var blocks: [Block]
    /// "! Not saved: ..." wrapped.
    public var error: [String]
    /// Rows the fields get.
    public var page: Int

    public init(_ state: AppState, _ f: FormState) {
        let g = state.glyphs
        let metrics = state.metrics
        let width = metrics.width
        title = Renderer.wrap(Self.title(state, f), width: max(10, width - 2))
        error = f.error.map { Renderer.wrap("! Not saved: " + g.safe($0), width: max(10, width - 2)) } ?? []
        blocks = f.fields.enumerated().map { i, field in
            let focused = i == f.focus
            var labelWidth = metrics.formLabelWidth, valueWidth = metrics.formValueWidth
            // Screening questions are long and their answers short; choice lists are wide.
            if case .screening = field.kind { labelWidth = max(metrics.formLabelWidth, min(52, width - 30)); valueWidth = 5 }
            if case .multi = field.kind { valueWidth = max(valueWidth, width - labelWidth - 2) }
            let label = Renderer.wrap(g.safe(field.label), width: max(4, labelWidth - 2))
            let problem = f.preview?.problems[safe: i] ?? nil
            var note = ""
            var noteStyle = Style.muted
            if let problem, !field.value.isEmpty || focused && f.error != nil {
                note = "! " + g.safe(problem)
                noteStyle = .critical
            } else if focused {
                note = g.safe(field.hint)
            }
            let room = width - labelWidth - valueWidth - 3
            var under: [String] = []
            if !note.isEmpty, note.displayWidth > room {
                under = Renderer.wrap(note, width: max(10, width - 6))
                note = ""
            }
            return Block(labelWidth: labelWidth, valueWidth: valueWidth, label: label, note: note, noteUnder: under, noteStyle: noteStyle)
        }
        let extra = (title.count - 1) + error.count
        page = max(3, metrics.formFieldRows(previewLines: f.preview?.lines.count ?? 0) - extra)
    }

    /// The form's heading: what it is, for whom, for which session.
    static func title(_ state: AppState, _ f: FormState) -> String {
        var title = f.kind.title
        if let id = f.kind.patientID {
            let name = state.summaries.first { $0.id == id }?.name ?? id.rawValue
            title += ": \(state.glyphs.safe(name)) (\(id))"
        }
        if case .recordSession(let id, let sid) = f.kind, let plan = state.stored(id)?.chart.plan, let s = plan.session(sid) {
            title += ", session \(plan.number(of: sid) ?? 0) on \(s.date.weekday.abbreviation) \(s.date)"
        }
        return title
    }

    /// The first field to show so that the focused field's rows all show (when they fit),
    /// moving as little as possible from `current`, and no rows are left empty below.
    public func scroll(focus: Int, from current: Int) -> Int {
        let heights = blocks.map(\.rows)
        guard heights.indices.contains(focus) else { return 0 }
        var scroll = max(0, min(current, focus))
        while scroll < focus, heights[scroll...focus].reduce(0, +) > page { scroll += 1 }
        while scroll > 0, heights[(scroll - 1)...].reduce(0, +) <= page { scroll -= 1 }
        return scroll
    }
}
