/// A condition the patient is treated for.
public enum Condition: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case treatmentResistantDepression = "trd"
    case majorDepression = "mdd"
    case mddWithSuicidalIdeation = "mdd-si"
    case bipolarDepression = "bipolar-depression"
    case ptsd = "ptsd"
    case generalisedAnxiety = "gad"

    /// The name a clinician reads.
    public var name: String {
        switch self {
        case .treatmentResistantDepression: return "Treatment-resistant depression"
        case .majorDepression: return "Major depression"
        case .mddWithSuicidalIdeation: return "MDD with acute suicidal ideation"
        case .bipolarDepression: return "Bipolar depression"
        case .ptsd: return "PTSD"
        case .generalisedAnxiety: return "Generalised anxiety"
        }
    }

    public var description: String { name }

    /// The instrument that tracks this condition's response.
    public var primaryInstrument: Instrument {
        switch self {
        case .ptsd: return .pcl5
        case .generalisedAnxiety: return .gad7
        default: return .phq9
        }
    }

    /// Whether the condition is a depression (its response counts on every depression scale).
    public var isDepressive: Bool {
        switch self {
        case .treatmentResistantDepression, .majorDepression, .mddWithSuicidalIdeation, .bipolarDepression: return true
        case .ptsd, .generalisedAnxiety: return false
        }
    }

    public static func < (lhs: Condition, rhs: Condition) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
