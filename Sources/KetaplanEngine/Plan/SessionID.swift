/// A session's identifier within its plan. It stays with the session when a re-plan
/// moves it, so "session 4" can be followed through changes.
public struct SessionID: SingleValueIdentifier, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "#\(rawValue)" }
}
