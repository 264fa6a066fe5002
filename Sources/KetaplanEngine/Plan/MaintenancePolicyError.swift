/// Why a maintenance policy was refused.
public enum MaintenancePolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "'\(text)' is not a maintenance policy: use fixed:DAYS (fixed:21), taper:D1,D2,... (taper:7,14,21,28), adaptive:MIN-MAX/STEP (adaptive:7-42/7), durability or durability:MARGIN, or on-demand"
        case .invalid(let why):
            return "maintenance policy: \(why)"
        }
    }
}
