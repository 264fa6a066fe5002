import KetaplanEngine

/// The clinic as the overview sees it: summaries, and the files that did not load.
public struct SummarySnapshot: Sendable {
    public var clinic: ClinicFile
    public var summaries: [PatientSummary]
    public var problems: [LoadProblem]
    /// Why clinic.json did not load (nil: it did): `clinic` is then the defaults, which
    /// nothing may be shown or judged as the clinic's (the problem is also in `problems`).
    public var clinicProblem: LoadProblem?

    public init(clinic: ClinicFile, summaries: [PatientSummary], problems: [LoadProblem]) {
        self.clinic = clinic
        self.summaries = summaries
        self.problems = problems
    }
}
