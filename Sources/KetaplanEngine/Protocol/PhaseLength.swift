/// How long a phase lasts.
public enum PhaseLength: Equatable, Sendable, Codable {
    /// A number of sessions, however many weeks they take (e.g. six infusions).
    case sessions(Int)
    /// A number of treatment weeks counted from the phase's first day (e.g. esketamine
    /// weeks 1-4); sessions missed inside the window are not made up after it.
    case weeks(Int)
    /// Open-ended: sessions follow the maintenance policy up to the forecast horizon.
    case openEnded

    enum CodingKeys: String, CodingKey { case sessions, weeks, openEnded }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let n = try c.decodeIfPresent(Int.self, forKey: .sessions) {
            guard n >= 1 else { throw DecodingError.dataCorruptedError(forKey: .sessions, in: c, debugDescription: "sessions must be at least 1") }
            self = .sessions(n)
        } else if let n = try c.decodeIfPresent(Int.self, forKey: .weeks) {
            guard n >= 1 else { throw DecodingError.dataCorruptedError(forKey: .weeks, in: c, debugDescription: "weeks must be at least 1") }
            self = .weeks(n)
        } else if try c.decodeIfPresent(Bool.self, forKey: .openEnded) == true {
            self = .openEnded
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "length needs one of {\"sessions\": N}, {\"weeks\": N} or {\"openEnded\": true}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .sessions(let n): try c.encode(n, forKey: .sessions)
        case .weeks(let n): try c.encode(n, forKey: .weeks)
        case .openEnded: try c.encode(true, forKey: .openEnded)
        }
    }
}
