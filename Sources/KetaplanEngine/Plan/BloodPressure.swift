/// A blood pressure reading in mmHg.
public struct BloodPressure: Equatable, Sendable, Codable, CustomStringConvertible {
    public var systolic: Int
    public var diastolic: Int

    /// - Throws: `BloodPressureError` for readings no living patient has.
    public init(systolic: Int, diastolic: Int) throws(BloodPressureError) {
        guard (50...300).contains(systolic), (20...200).contains(diastolic), diastolic < systolic else {
            throw .implausible("\(systolic)/\(diastolic)")
        }
        self.systolic = systolic
        self.diastolic = diastolic
    }

    /// Parses `SYS/DIA`, e.g. `128/82`.
    public init(text: String) throws(BloodPressureError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = Int(parts[0]), let d = Int(parts[1]) else { throw .unreadable(text) }
        try self.init(systolic: s, diastolic: d)
    }

    /// `SYS/DIA`.
    public var description: String { "\(systolic)/\(diastolic)" }

    /// Whether either value is above the limit (e.g. above 140/90).
    public func isAbove(systolic s: Int, diastolic d: Int) -> Bool { systolic > s || diastolic > d }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { try self.init(text: text) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Why a blood pressure was refused.
public enum BloodPressureError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case implausible(String)
    public var description: String {
        switch self {
        case .unreadable(let t): return "'\(t)' is not a blood pressure: write SYSTOLIC/DIASTOLIC in mmHg, e.g. 128/82"
        case .implausible(let t): return "blood pressure \(t) is not plausible: systolic 50-300, diastolic 20-200 and below systolic"
        }
    }
}
