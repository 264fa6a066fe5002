/// Where a plan stands.
public enum PlanStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Sessions are scheduled and re-planned.
    case active
    /// Kept as it is; nothing is re-planned until it is resumed.
    case paused
    /// The course ended as planned.
    case completed
    /// Stopped early.
    case discontinued
    public var description: String { rawValue }
}
