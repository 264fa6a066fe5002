/// How a phase's dose is worked out, and which doses it allows.
public enum DoseRule: Equatable, Sendable, Codable {
    /// Milligrams per kilogram of body weight (racemic ketamine).
    case perKilogram(PerKilogramDose)
    /// A fixed dose from a list of allowed values (esketamine devices of 28 mg).
    case fixed(FixedDose)

    enum CodingKeys: String, CodingKey { case perKilogram, fixed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let rule = try c.decodeIfPresent(PerKilogramDose.self, forKey: .perKilogram) {
            self = .perKilogram(rule)
        } else if let rule = try c.decodeIfPresent(FixedDose.self, forKey: .fixed) {
            self = .fixed(rule)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "dose needs {\"perKilogram\": {...}} or {\"fixed\": {...}}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .perKilogram(let rule): try c.encode(rule, forKey: .perKilogram)
        case .fixed(let rule): try c.encode(rule, forKey: .fixed)
        }
    }

    /// The rule in words, e.g. "0.5 mg/kg (0.5-1 mg/kg)" or "56 mg (56 or 84 mg)".
    public var summary: String {
        switch self {
        case .perKilogram(let r):
            return "\(formatNumber(r.mgPerKg)) mg/kg (allowed \(formatNumber(r.minimumMgPerKg))-\(formatNumber(r.maximumMgPerKg)) mg/kg)"
        case .fixed(let r):
            let first = r.firstSessionMg.map { "first session \($0) mg, then " } ?? ""
            return "\(first)\(r.usualMg) mg (allowed \(r.allowedMg.map(String.init).joined(separator: "/")) mg)"
        }
    }
}
