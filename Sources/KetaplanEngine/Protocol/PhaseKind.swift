/// The stage of a treatment course a session belongs to.
public enum PhaseKind: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case induction, continuation, maintenance
    public var description: String { rawValue }
    /// "Induction", "Continuation", "Maintenance".
    public var title: String {
        switch self {
        case .induction: "Induction"
        case .continuation: "Continuation"
        case .maintenance: "Maintenance"
        }
    }
}
