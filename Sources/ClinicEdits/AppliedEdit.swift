import KetaplanEngine

/// An edit applied to a chart: the chart to save, what moved, and the words for it. It is
/// also the edit's preview: what a save would write, computed before the clinician
/// confirms.
public struct AppliedEdit: Equatable, Sendable {
    /// The new chart and the plan changes the engine made.
    public var update: ChartUpdate
    /// The edit in a few words ("session 4 2026-01-07 given").
    public var summary: String
    /// One line per date or dose that changed, numbered in the plan they concern.
    public var changeLines: [String]

    public init(update: ChartUpdate, summary: String, changeLines: [String]) {
        self.update = update
        self.summary = summary
        self.changeLines = changeLines
    }

    /// The chart a save writes.
    public var chart: PatientChart { update.chart }

    /// The edit and everything it moved, as one line: the saved message and the undo
    /// entry's text.
    public var text: String { summary + (changeLines.isEmpty ? "" : "; " + changeLines.joined(separator: "; ")) }
}
