/// What an open form shows beside what was typed: each field's problem and what saving
/// would do, worked out by the reducer (with the engine) when a value, the chart or the
/// day changes, so drawing the form runs no check.
public struct FormPreview: Equatable, Sendable {
    /// The field values it was worked out for: a key press that changes none of them
    /// (moving the focus) does not work it out again.
    public var values: [String] = []
    /// Each field's problem, by field index; nil when the value is accepted.
    public var problems: [String?] = []
    /// What saving would do, as the engine says: checks, moved dates, a refusal.
    public var lines: [StyledLine] = []

    public init() {}
}
