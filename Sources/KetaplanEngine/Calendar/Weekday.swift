/// A day of the week, Monday first as in ISO 8601 and in most clinics' rotas.
public enum Weekday: Int, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Three-letter lower-case name used in files and flags: `mon` ... `sun`.
    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue]
    }

    /// The English name, e.g. "Thursday".
    public var name: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
    }

    /// Three-letter title-case abbreviation, e.g. "Thu".
    public var abbreviation: String { String(name.prefix(3)) }

    public var description: String { name }

    /// Reads `mon`, `Monday`, `THU` and the like.
    public init?(name text: String) {
        let lowered = text.lowercased()
        guard lowered.count >= 3,
              let day = Weekday.allCases.first(where: { $0.name.lowercased().hasPrefix(lowered) })
        else { return nil }
        self = day
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Weekday(name: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a weekday: use mon, tue, wed, thu, fri, sat or sun")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(shortName)
    }
}
