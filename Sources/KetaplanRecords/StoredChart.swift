import KetaplanEngine

/// A chart as it was read from disk, with the revision a later save must match.
public struct StoredChart: Equatable, Sendable {
    public var chart: PatientChart
    public var revision: Int
    public var savedBy: String
    public var savedAt: String

    public init(chart: PatientChart, revision: Int, savedBy: String, savedAt: String) {
        self.chart = chart
        self.revision = revision
        self.savedBy = savedBy
        self.savedAt = savedAt
    }

    public var id: PatientID { chart.patient.id }
}
