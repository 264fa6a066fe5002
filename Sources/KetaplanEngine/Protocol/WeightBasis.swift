/// Which body weight a mg/kg dose is computed from.
public enum WeightBasis: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// The measured weight.
    case actual
    /// Ideal body weight (Devine formula), from height and sex.
    case ideal
    /// Ideal + 0.4 x (actual - ideal), the usual compromise for obesity.
    case adjusted

    public var description: String {
        switch self {
        case .actual: return "actual body weight"
        case .ideal: return "ideal body weight"
        case .adjusted: return "adjusted body weight"
        }
    }
}
