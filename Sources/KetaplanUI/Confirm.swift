import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// A yes/no question.
public enum Confirm: Equatable, Sendable {
    case discardForm
    case reloadAfterConflict(id: PatientID, edit: ChartEdit, message: String)
    /// Another clinician saved the open form's patient since the form was opened.
    case reloadChanged(StoredChart)
    case recover(FormDraft, savedAt: String)
    case print(PrintRequest)
    case replaceFile(path: String, contents: String)
    /// Ctrl-C with typed input in a form.
    case leave

    public var question: String {
        switch self {
        case .discardForm: return "Discard what you typed in this form?"
        case .reloadAfterConflict(_, _, let message): return message + "\nReload the patient and apply your change again?"
        case .reloadChanged(let s):
            return "\(s.id) was saved by \(s.savedBy) at \(s.savedAt) since this form was opened.\n"
                + "Reload the form from that version? What you typed here is dropped; n keeps it, and saving then offers to apply it to their version."
        case .recover(let draft, let at): return "ketaplan was stopped with a form open on \(at):\n\(draft.heading).\nReopen it with what was typed?"
        case .replaceFile(let path, _): return "\(path) already exists.\nReplace it?"
        case .leave:
            return "Leave ketaplan now?\nWhat you typed in this form is not saved to the chart; it is kept and offered back the next time ketaplan starts."
        case .print(let r):
            return "Print \(r.title) (\(r.pages) \(r.pages == 1 ? "page" : "pages"))\non \(r.printer.description),\n\(r.setup.summaryLine)?"
        }
    }
}
