import KetaplanEngine
import KetaplanRecords

/// One saved change that `u` can take back: the chart before and after.
public struct UndoEntry: Equatable, Sendable {
    public var id: PatientID
    public var before: PatientChart
    public var after: PatientChart
    public var summary: String
}
