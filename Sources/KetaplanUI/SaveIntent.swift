import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// Why a save was made, so its result lands in the right place.
public enum SaveIntent: Equatable, Sendable {
    /// A clinician's edit; `before` is kept for undo.
    case edit(ChartEdit, before: PatientChart, summary: String)
    case created(PatientID)
    case undo(UndoEntry)
    case redo(UndoEntry)
}
