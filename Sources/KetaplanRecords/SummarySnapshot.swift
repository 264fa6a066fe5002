import KetaplanEngine

/// The clinic as the overview sees it: summaries, and the files that did not load.
public struct SummarySnapshot: Sendable {
    public var clinic: ClinicFile
    public var summaries: [PatientSummary]
    public var problems: [LoadProblem]

    public init(clinic: ClinicFile, summaries: [PatientSummary], problems: [LoadProblem]) {
        self.clinic = clinic
        self.summaries = summaries
        self.problems = problems
    }
}
