import KetaplanEngine

/// One patient's file, `patients/ID.json`: the chart and the facts that let two
/// clinicians save without losing each other's work.
struct PatientFile: Codable {
    var schemaVersion: Int
    /// Counts saves; a save must name the revision it was loaded at.
    var revision: Int
    /// Login name of whoever saved it last, and when (ISO 8601, UTC).
    var savedBy: String
    var savedAt: String
    var chart: PatientChart
}
