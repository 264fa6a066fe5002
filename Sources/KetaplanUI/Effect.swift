import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// I/O the reducer asks for; the runtime performs it and reports back with an action.
public enum Effect: Equatable, Sendable {
    case loadChart(PatientID)
    /// Read a patient's chart again because another process saved it (`.chartChanged`).
    case checkChart(PatientID)
    /// Save `chart` over the revision in `over` (nil: a new patient).
    case save(PatientChart, over: StoredChart?, intent: SaveIntent)
    /// Save `chart` if the file still holds `expected` (undo and redo).
    case replace(id: PatientID, expected: PatientChart, with: PatientChart, intent: SaveIntent)
    /// Save a change of the clinic's settings and the plans it re-plans, as `clinic set`
    /// does (`ClinicChange.save`), over clinic.json as the form was filled in from
    /// (`basedOn`, see `FormState.basedOn`); the result comes back as `.clinicSaved`.
    case saveClinic(ClinicChange, basedOn: ClinicFile?, today: CalendarDay)
    /// Keep (or, with nil, clear) the open form's input in the recovery file.
    case keepDraft(FormDraft?)
    /// Ask CUPS which printer a printout would go to (the clinic's, else CUPS's default);
    /// the answer comes back as `.printerFound`.
    case findPrinter(clinic: PrinterName?)
    /// Send a confirmed printout to its printer with lp; the job id comes back in
    /// `.outputDone`.
    case printText(PrintRequest)
    /// Write text to a file (created 0600, replaced atomically).
    case writeFile(path: String, contents: String)
    /// Write text to a file the clinician agreed to replace.
    case replaceFile(path: String, contents: String)
    case quit
}
