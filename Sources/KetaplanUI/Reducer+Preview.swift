import KetaplanEngine
import KetaplanPrint
import KetaplanText

extension Reducer {
    /// The text a preview shows (and prints or saves).
    public static func previewText(_ state: AppState, _ p: PreviewState) -> String? {
        guard let chart = state.stored(p.id)?.chart else { return nil }
        let context = PrintContext(clinic: state.clinic, today: state.today, printedBy: state.user)
        if p.handout { return PatientHandout.text(chart, context) }
        return PlanSummary.render(chart, context, format: p.markdown ? .markdown : .text)
    }

    /// The export file's text in `format` (ics, csv or fhir).
    static func exportText(_ state: AppState, id: PatientID, format: String) -> String? {
        guard let chart = state.stored(id)?.chart else { return nil }
        let context = PrintContext(clinic: state.clinic, today: state.today, printedBy: state.user)
        switch format {
        case "ics": return ICalendarExport.ics([chart], context, at: state.now, revisions: [state.stored(id)?.revision ?? 0])
        case "csv": return CSVExport.csv([chart], context: context)
        default: return FHIRExport.bundle([chart], context)
        }
    }

    /// The preview's lines; a form feed becomes a line of its own (drawn as a page break).
    static func previewLines(_ state: AppState, _ p: PreviewState) -> [String] {
        (previewText(state, p) ?? "").split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            line.hasPrefix("\u{0C}") ? ["\u{0C}", String(line.dropFirst())] : [String(line)]
        }
    }

    /// How far Left/Right scroll a preview sideways.
    static let previewColumnStep = 8

    static func previewKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .preview(var p) = state.current else { return [] }
        let at = state.screens.count - 1
        defer { if state.screens.indices.contains(at), case .preview = state.screens[at] { state.screens[at] = .preview(p) } }
        let count = p.lines?.count ?? 0
        let page = state.metrics.previewRows
        switch key {
        case .up, .char("k"): p.scroll = max(0, p.scroll - 1)
        case .down, .char("j"): p.scroll = min(max(0, count - page), p.scroll + 1)
        case .pageUp: p.scroll = max(0, p.scroll - page)
        case .pageDown, .char(" "): p.scroll = min(max(0, count - page), p.scroll + page)
        case .home: p.scroll = 0
        case .end: p.scroll = max(0, count - page)
        // Left/Right mean left/right here as everywhere: they scroll wide lines sideways.
        case .left, .char("h"): p.column = max(0, p.column - previewColumnStep)
        case .right, .char("l"):
            let widest = (p.lines ?? []).map { DisplayWidth.of($0) }.max() ?? 0
            p.column = min(max(0, widest - (state.width - 2)), p.column + previewColumnStep)
        case .char("t"): p.handout.toggle(); p.scroll = 0; p.column = 0; p.lines = nil
        case .char("m"):
            guard !p.handout else {
                state.message = Message(.info, "The handout has one layout; m switches the plan summary between text and Markdown (t shows it).")
                return []
            }
            p.markdown.toggle(); p.scroll = 0; p.column = 0; p.lines = nil
        case .char("p") where state.clinicProblem != nil, .char("w") where state.clinicProblem != nil:
            // The page carries the defaults' name and phone as the clinic's.
            _ = refusedChange(&state)
            return []
        case .char("p"):
            // Printing asks first; nothing prints on one key press.
            guard !p.markdown || p.handout else {
                state.message = Message(.error, "Markdown is for saving (w); press m for the page layout, then p to print.")
                return []
            }
            switch p.printer {
            case .asking:
                state.message = Message(.info, "Still asking CUPS for the printer; try again in a moment.")
            case .unavailable(let why):
                state.message = Message(.error, why)
                p.printer = .asking
                return [.findPrinter(clinic: state.clinic.printer)]
            case .ready(let choice):
                guard let text = previewText(state, p) else { return [] }
                let setup = p.handout ? PageSetup.handout(paper: state.clinic.paper) : PageSetup.summary(paper: state.clinic.paper)
                state.overlay = .confirm(.print(PrintRequest(text: text, setup: setup, printer: choice,
                                                             title: "\(p.id) \(p.handout ? "handout" : "plan summary")")))
            }
        case .char("w"):
            state.screens[at] = .preview(p)
            state.screens.append(.form(FormBuilder.saveText(p, folder: state.exportFolder, today: state.today)))
        case .escape, .char("q"):
            state.screens.removeLast()
        default:
            break
        }
        return []
    }
}

