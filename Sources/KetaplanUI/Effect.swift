import KetaplanEngine
import KetaplanStore

/// I/O the reducer asks for; the runtime performs it and reports back with an action.
public enum Effect: Equatable, Sendable {
    case loadChart(String)
    /// Save `chart` over the revision in `over` (nil: a new patient).
    case save(PatientChart, over: StoredChart?, changes: [String], intent: SaveIntent)
    /// Save `chart` if the file still holds `expected` (undo and redo).
    case replace(id: String, expected: PatientChart, with: PatientChart, changes: [String], intent: SaveIntent)
    /// Keep (or, with nil, clear) the open form's input in the recovery file.
    case keepDraft(FormDraft?)
    /// Send text to the printer with lp.
    case printText(String)
    /// Write text to a file (created 0600, replaced atomically).
    case writeFile(path: String, contents: String)
    case quit
}
