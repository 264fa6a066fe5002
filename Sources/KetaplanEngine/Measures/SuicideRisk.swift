/// The risk level the C-SSRS screener indicates.
///
/// ketaplan records the screener as the highest item answered "yes" (0 when all six are
/// "no"). Triage follows the Columbia screener: items 1-2 (wish to be dead, non-specific
/// thoughts) are low risk; item 3 (thoughts with a method) moderate; items 4-5 (intent,
/// intent with a plan) high; item 6 (suicidal behaviour) high when it was within the past
/// 3 months, moderate only when it was longer ago. A moderate or high result is a
/// positive screen.
public enum SuicideRisk: Int, Comparable, Sendable {
    case none = 0, low, moderate, high

    /// - Parameter behaviourWithin3Months: for item 6 only; when not known, pass true.
    public init(screenerScore: Int, behaviourWithin3Months: Bool = true) {
        switch screenerScore {
        case ...0: self = .none
        case 1, 2: self = .low
        case 3: self = .moderate
        case 6: self = behaviourWithin3Months ? .high : .moderate
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
