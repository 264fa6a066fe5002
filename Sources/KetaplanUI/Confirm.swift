import ClinicEdits
import KetaplanEngine
import KetaplanStore

/// A yes/no question.
public enum Confirm: Equatable, Sendable {
    case discardForm
    case reloadAfterConflict(id: PatientID, edit: ChartEdit, message: String)
    case recover(FormDraft, savedAt: String)
    case print(PrintRequest)
    case replaceFile(path: String, contents: String)
    /// Ctrl-C with typed input in a form.
    case leave

    public var question: String {
        switch self {
        case .discardForm: return "Discard what you typed in this form?"
        case .reloadAfterConflict(_, _, let message): return message + "\nReload the patient and apply your change again?"
        case .recover(_, let at): return "ketaplan was stopped with a form open on \(at). Reopen it with what was typed?"
        case .replaceFile(let path, _): return "\(path) already exists.\nReplace it?"
        case .leave:
            return "Leave ketaplan now?\nWhat you typed in this form is not saved to the chart; it is kept and offered back the next time ketaplan starts."
        case .print(let r):
            return "Print \(r.title) (\(r.pages) \(r.pages == 1 ? "page" : "pages"))\non \(r.printer.description),\n\(r.setup.summaryLine)?"
        }
    }
}
