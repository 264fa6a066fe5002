/// The risk level the C-SSRS screener indicates.
///
/// ketaplan records the screener as the highest item answered "yes" (0 when all six are
/// "no"): items 1-2 (wish to be dead, non-specific thoughts) are low risk; item 3
/// (thoughts with a method) and item 6 (suicidal behaviour) moderate; items 4-5 (intent,
/// intent with a plan) high. A moderate or high result is a positive screen.
public enum SuicideRisk: Int, Comparable, Sendable {
    case none = 0, low, moderate, high

    public init(screenerScore: Int) {
        switch screenerScore {
        case ...0: self = .none
        case 1, 2: self = .low
        case 3, 6: self = .moderate
        default: self = .high
        }
    }

    /// Whether the screen is positive: automatic scheduling stops until a clinician reviews.
    public var isPositiveScreen: Bool { self >= .moderate }

    public var name: String {
        switch self {
        case .none: return "negative"
        case .low: return "low risk"
        case .moderate: return "moderate risk"
        case .high: return "high risk"
        }
    }

    public static func < (lhs: SuicideRisk, rhs: SuicideRisk) -> Bool { lhs.rawValue < rhs.rawValue }
}
