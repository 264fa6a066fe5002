/// What the first screen shows, read without reading the whole clinic: the first rows of
/// the overview (by next session) from the start of `index.tsv` and its journal, and the clinic's
/// counts when they are known to hold for today. Nothing here has been checked against the
/// patient files yet; the full load (`ClinicStore.loadSummaries`) follows in the
/// background and replaces it.
public struct FirstPage: Sendable {
    public var clinic: ClinicFile
    /// At most the rows asked for, in the overview's default order (by next session).
    public var summaries: [PatientSummary]
    /// Nil when they may not hold (judged for another day, saves since in the journal, no
    /// index yet).
    public var counts: ClinicCounts?
    public var problems: [LoadProblem]
    /// Why clinic.json did not load (nil: it did): `clinic` is then the defaults, which
    /// nothing may be shown or judged as the clinic's (the problem is also in `problems`).
    public var clinicProblem: LoadProblem?

    public init(clinic: ClinicFile, summaries: [PatientSummary], counts: ClinicCounts?, problems: [LoadProblem]) {
        self.clinic = clinic
        self.summaries = summaries
        self.counts = counts
        self.problems = problems
    }
}
