/// Sex as recorded for dosing (ideal body weight formulas differ by sex).
public enum Sex: String, CaseIterable, Codable, Sendable {
    case female, male
}
