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

/// A mg/kg dose with the range a clinician may titrate within.
public struct PerKilogramDose: Equatable, Sendable, Codable {
    public var mgPerKg: Double
    public var minimumMgPerKg: Double
    public var maximumMgPerKg: Double
    /// The weight the dose is computed from; nil uses the clinic's setting.
    public var weightBasis: WeightBasis?

    public init(mgPerKg: Double, minimumMgPerKg: Double, maximumMgPerKg: Double, weightBasis: WeightBasis? = nil) {
        self.mgPerKg = mgPerKg
        self.minimumMgPerKg = minimumMgPerKg
        self.maximumMgPerKg = maximumMgPerKg
        self.weightBasis = weightBasis
    }
}

/// A fixed dose in device-sized steps.
public struct FixedDose: Equatable, Sendable, Codable {
    /// The dose of the course's first session, when it differs from the usual one.
    public var firstSessionMg: Int?
    /// The dose planned for other sessions.
    public var usualMg: Int
    /// Every dose the label allows in this phase.
    public var allowedMg: [Int]
    /// Doses change in steps of this size (one esketamine device is 28 mg).
    public var stepMg: Int
    /// Start dose for older adults when the clinic uses the reduced start (nil: none).
    public var olderAdultStartMg: Int?

    public init(firstSessionMg: Int? = nil, usualMg: Int, allowedMg: [Int], stepMg: Int, olderAdultStartMg: Int? = nil) {
        self.firstSessionMg = firstSessionMg
        self.usualMg = usualMg
        self.allowedMg = allowedMg
        self.stepMg = stepMg
        self.olderAdultStartMg = olderAdultStartMg
    }
}
