import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// Everything that can happen to the app: keys, resizes, and the results of I/O.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case summariesLoaded(SummarySnapshot)
    /// The first screen's rows, read from the start of the index (`LoadStage.firstPage`).
    case firstPageLoaded(FirstPage)
    /// Every summary from the index, not yet checked against the files (`.checking`).
    case summariesRead(SummarySnapshot)
    /// Every summary checked against its file: differences patch the screen (`.checked`).
    case summariesChecked(SummarySnapshot)
    /// Every patient file checked against the summaries `.summariesRead` brought: only what
    /// differs (`.checked`).
    case filesChecked(SummaryCheck)
    /// Patients another process saved, from the index journal (each checked against its
    /// file): patched in with the selection kept (live updates, issue 13).
    case patientsChanged([PatientSummary])
    /// A patient's chart as another process left it (answer to `.checkChart`).
    case chartChanged(StoredChart)
    /// The clock passed midnight: "today" moves (the summaries judged for the new day follow
    /// as `.summariesChecked`).
    case dayChanged(CalendarDay)
    /// What the screen shows is known to be out of date and is being worked out again off
    /// the screen's thread (`.refreshing`): midnight passed (the new day), or a reload found
    /// more differences than can be patched (nil). `.indexRebuilt` follows.
    case refreshing(newDay: CalendarDay?)
    /// Every summary with its index, rebuilt off the screen's thread after a check too large
    /// to patch or a new day (`.checked`): taken whole, the selection kept on its patient.
    case indexRebuilt(RebuiltIndex)
    case chartLoaded(StoredChart)
    case chartFailed(id: PatientID, message: String)
    case saved(StoredChart, SaveIntent)
    case saveFailed(StoreError, SaveIntent)
    /// The clinic's settings saved, with the plans the change re-planned (`.saveClinic`).
    case clinicSaved(SavedClinicChange)
    /// The clinic's settings were not saved: why (nothing was written).
    case clinicSaveFailed(String)
    /// How far a clinic change's save has come (it runs off the screen's thread): shown on
    /// the status line in place of "Saving…" until `.clinicSaved` or `.clinicSaveFailed`.
    case clinicSaveProgress(String)
    case recoveryFound(FormDraft, savedAt: String)
    /// A recovery file is there but cannot be reopened: which file and why (it is left in place).
    case recoveryUnreadable(String)
    /// CUPS's answer to `.findPrinter`.
    case printerFound(PrinterStatus)
    /// The outcome of printing or writing a file, for the status line.
    case outputDone(Message)
    /// `.writeFile` found a file at the path: ask before replacing it.
    case fileExists(path: String, contents: String)
}

extension FirstPage: Equatable {
    public static func == (a: FirstPage, b: FirstPage) -> Bool {
        a.clinic == b.clinic && a.summaries == b.summaries && a.counts == b.counts && a.problems == b.problems
    }
}

extension SummarySnapshot: Equatable {
    public static func == (a: SummarySnapshot, b: SummarySnapshot) -> Bool {
        a.clinic == b.clinic && a.summaries == b.summaries && a.problems == b.problems
    }
}
