/// A protocol's identifier, e.g. `esketamine-trd`; scripts name protocols by it.
public struct ProtocolID: SingleValueIdentifier, Comparable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
}
