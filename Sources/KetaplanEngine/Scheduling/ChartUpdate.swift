/// A changed chart and the list of what moved, for the UI to show and undo.
public struct ChartUpdate: Equatable, Sendable {
    public var chart: PatientChart
    public var changes: [PlanChange]

    public init(chart: PatientChart, changes: [PlanChange]) {
        self.chart = chart
        self.changes = changes
    }
}
