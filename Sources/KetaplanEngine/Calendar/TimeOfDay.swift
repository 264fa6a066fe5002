/// A time of day on the clinic's wall clock, kept apart from plan dates so that a
/// session's day never shifts with time zones.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// - Throws: `TimeOfDayError.invalid` outside 00:00-23:59.
    public init(hour: Int, minute: Int) throws(TimeOfDayError) {
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw .invalid("\(hour):\(minute)")
        }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour clock).
    public init(text: String) throws(TimeOfDayError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1])
        else { throw .invalid(text) }
        try self.init(hour: h, minute: m)
    }

    /// Minutes since midnight.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// `HH:MM`.
    public var description: String { pad2(hour) + ":" + pad2(minute) }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

/// Why a text could not be read as a time of day.
public enum TimeOfDayError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let text):
            return "'\(text)' is not a time of day: write it as HH:MM on the 24-hour clock, e.g. 09:30"
        }
    }
}

extension TimeOfDay: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
