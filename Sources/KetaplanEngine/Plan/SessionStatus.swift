/// What happened to a session.
public enum SessionStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Booked, not yet happened (or not yet recorded).
    case planned
    /// The dose was given.
    case given
    /// The patient did not come; the session is made up where the phase counts sessions.
    case missed
    /// Postponed by the clinic (e.g. blood pressure too high); made up like a missed one,
    /// no earlier than the day it was deferred to.
    case deferred
    /// Cancelled: will not happen and is not made up (the series is one shorter).
    case cancelled

    public var description: String { rawValue }

    /// Whether a dose was or will be given on this session (it counts for gaps and
    /// sessions-per-week limits).
    public var isDose: Bool { self == .planned || self == .given }

    /// Whether the session uses up one of the phase's sessions.
    public var consumesPhaseSlot: Bool { self == .planned || self == .given || self == .cancelled }
}
