/// Something a clinician should see: the engine warns, it never acts on its own.
public struct PlanWarning: Equatable, Sendable, Codable, CustomStringConvertible {
    public var code: WarningCode
    public var severity: Severity
    public var message: String
    public var sessionID: SessionID?
    public var date: CalendarDay?

    public init(_ code: WarningCode, _ severity: Severity, _ message: String, session: SessionID? = nil, date: CalendarDay? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.sessionID = session
        self.date = date
    }

    public var description: String { "[\(severity)] \(message)" }

    /// How urgent a warning is. Ordered: `critical` sorts last.
    public enum Severity: String, Sendable, Codable, Comparable, CustomStringConvertible {
        /// A reminder.
        case info
        /// Needs a look before the next session.
        case caution
        /// Needs a clinician's decision before dosing.
        case critical

        public var description: String { rawValue }
        var rank: Int { self == .info ? 0 : self == .caution ? 1 : 2 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }
}
