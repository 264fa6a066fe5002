import KetaplanEngine
import KetaplanRecords

/// The clinic overview: selection, scroll, filter and sort.
public struct OverviewState: Equatable, Sendable {
    /// The order patients are listed in.
    public enum Sort: Equatable, Sendable { case nextSession, name }
    public var selected = 0
    public var scroll = 0
    public var filter = ""
    public var filtering = false
    public var sort = Sort.nextSession
    /// Lists the archived patients (plan completed or discontinued) instead of those
    /// under care, as `ketaplan patients --archived` does.
    public var archived = false
    /// Indices into the summaries, filtered and sorted (kept so keys need not re-sort).
    public var visible: [Int] = []
    /// Every summary in the chosen order; filtering narrows it without sorting again.
    public var order: [Int] = []
    /// The rows shown before each letter of the filter was typed, so Backspace goes back
    /// without searching again.
    public var narrowed: [[Int]] = []
    public init() {}
}
