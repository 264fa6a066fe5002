import KetaplanEngine

/// What checking every patient file against summaries read unchecked from the index found
/// (`ClinicStore.check`): only the differences, so that a screen that already shows the
/// summaries patches a few rows instead of receiving the whole clinic a second time.
public struct SummaryCheck: Equatable, Sendable {
    public var clinic: ClinicFile
    /// Summaries rebuilt from their files: changed behind the index, judged for another
    /// day, or with no line in it.
    public var changed: [PatientSummary]
    /// Patients the summaries listed whose file is gone or no longer loads (its problem is
    /// in `problems`).
    public var removed: [PatientID]
    public var problems: [LoadProblem]

    public init(clinic: ClinicFile, changed: [PatientSummary], removed: [PatientID], problems: [LoadProblem]) {
        self.clinic = clinic
        self.changed = changed
        self.removed = removed
        self.problems = problems
    }
}
