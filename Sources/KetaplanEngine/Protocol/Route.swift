/// How the drug is given.
public enum Route: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case ivInfusion = "iv"
    case imInjection = "im"
    case intranasalEsketamine = "intranasal-esketamine"
    case subcutaneous = "subcutaneous"
    case oralSublingual = "oral-sublingual"

    public var name: String {
        switch self {
        case .ivInfusion: return "IV infusion"
        case .imInjection: return "IM injection"
        case .intranasalEsketamine: return "Intranasal esketamine"
        case .subcutaneous: return "Subcutaneous injection"
        case .oralSublingual: return "Oral / sublingual"
        }
    }

    public var description: String { name }

    /// Esketamine carries its own label rules (REMS, 28 mg devices, 140/90 BP check).
    public var isEsketamine: Bool { self == .intranasalEsketamine }
}
