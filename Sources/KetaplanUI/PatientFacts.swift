import KetaplanEngine

/// What the engine says about an open chart, as the patient screen shows it. The reducer
/// works it out when the chart, the day, the clinic, other patients' bookings or the
/// screen's width change (`Reducer.refreshDerived`); drawing only reads it.
public struct PatientFacts: Equatable, Sendable {
    /// Every warning the chart carries today.
    public var warnings: [PlanWarning] = []
    /// The holds that stop dosing until a clinician acts.
    public var holds: [Hold] = []
    /// The sessions a hold stops.
    public var held: Set<SessionID> = []
    /// The banner over a held patient's screen: the first hold and what lifts it,
    /// wrapped to the width. Empty when none.
    public var banner: [StyledLine] = []
    /// The Warnings pane: holds, warnings, overrides and reviews, wrapped to the width.
    public var warningLines: [StyledLine] = []
    /// Per scale, the latest scores in words with the response they show.
    public var scoreWords: [Instrument: [String]] = [:]

    public init() {}

    /// The count on the Warnings tab: warnings that need attention, and holds.
    public var attentionCount: Int { warnings.filter { $0.severity != .info }.count + holds.count }
}
