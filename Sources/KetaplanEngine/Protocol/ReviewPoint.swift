/// A point in a course where a clinician must look before it goes on.
public enum ReviewPoint: Equatable, Sendable, Codable, CustomStringConvertible {
    /// Assess response at the end of induction before maintenance sessions are given.
    case assessBeforeMaintenance
    /// If no response after this many given sessions, review before giving more (futility).
    case futilityAfterSessions(Int)
    /// The course ends with its last phase: no automatic continuation; review.
    case stopAfterLastPhase
    /// The course has not been evaluated beyond this many weeks.
    case maximumWeeks(Int)

    public var description: String {
        switch self {
        case .assessBeforeMaintenance: return "assess response before maintenance"
        case .futilityAfterSessions(let n): return "futility review after \(n) sessions without response"
        case .stopAfterLastPhase: return "stop after the last phase for clinician review (no automatic continuation)"
        case .maximumWeeks(let n): return "not evaluated beyond \(n) weeks"
        }
    }

    enum CodingKeys: String, CodingKey { case kind, sessions, weeks }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "assessBeforeMaintenance": self = .assessBeforeMaintenance
        case "futilityAfterSessions":
            // Counted in given sessions: 0 or fewer names no session to review after.
            let n = try c.decode(Int.self, forKey: .sessions)
            guard (1...100).contains(n) else {
                throw DecodingError.dataCorruptedError(forKey: .sessions, in: c, debugDescription: "futilityAfterSessions needs 1 to 100 sessions; found \(n)")
            }
            self = .futilityAfterSessions(n)
        case "stopAfterLastPhase": self = .stopAfterLastPhase
        case "maximumWeeks":
            let n = try c.decode(Int.self, forKey: .weeks)
            guard (1...520).contains(n) else {
                throw DecodingError.dataCorruptedError(forKey: .weeks, in: c, debugDescription: "maximumWeeks needs 1 to 520 weeks; found \(n)")
            }
            self = .maximumWeeks(n)
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown review point '\(kind)': use assessBeforeMaintenance, futilityAfterSessions, stopAfterLastPhase or maximumWeeks")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .assessBeforeMaintenance: try c.encode("assessBeforeMaintenance", forKey: .kind)
        case .futilityAfterSessions(let n):
            try c.encode("futilityAfterSessions", forKey: .kind)
            try c.encode(n, forKey: .sessions)
        case .stopAfterLastPhase: try c.encode("stopAfterLastPhase", forKey: .kind)
        case .maximumWeeks(let n):
            try c.encode("maximumWeeks", forKey: .kind)
            try c.encode(n, forKey: .weeks)
        }
    }
}
