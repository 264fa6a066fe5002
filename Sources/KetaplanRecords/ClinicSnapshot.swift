import KetaplanEngine

/// Everything read from a data folder in one pass: the clinic, every chart that loaded,
/// and every file that did not.
public struct ClinicSnapshot: Sendable {
    public var clinic: ClinicFile
    public var charts: [StoredChart]
    public var problems: [LoadProblem]

    public init(clinic: ClinicFile, charts: [StoredChart], problems: [LoadProblem]) {
        self.clinic = clinic
        self.charts = charts
        self.problems = problems
    }

    /// The charts with their revisions, by patient id.
    public func chart(_ id: PatientID) -> StoredChart? { charts.first { $0.id == id } }
}
