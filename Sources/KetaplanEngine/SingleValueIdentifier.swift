/// A small identifier that wraps one checked value (`PatientID`, `SessionID`,
/// `ProtocolID`, the store's `PrinterName`): in files it is that bare value, and decoding
/// goes through the same checking initialiser as typed input, so a file cannot hold an id
/// that a clinician could not have typed.
///
/// The conforming type declares `rawValue` and `init(_:)`; this protocol supplies the
/// Codable conformance, `description` and, for `Comparable` types, ordering by the raw value.
public protocol SingleValueIdentifier: Hashable, Sendable, Codable, CustomStringConvertible {
    associatedtype RawValue: Codable & Hashable & Sendable
    var rawValue: RawValue { get }
    /// Checks `rawValue`; the error's description says what is accepted.
    init(_ rawValue: RawValue) throws
}

extension SingleValueIdentifier {
    public var description: String { "\(rawValue)" }

    /// Reads the bare value; one the initialiser refuses is a `DecodingError` carrying
    /// the initialiser's message, so the load problem names what is accepted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(RawValue.self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension SingleValueIdentifier where Self: Comparable, RawValue: Comparable {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
