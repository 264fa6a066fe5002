/// One scored rating on one day.
public struct Assessment: Equatable, Codable, Sendable {
    public var date: CalendarDay
    public var instrument: Instrument
    public var score: Int
    public var note: String

    /// - Throws: `AssessmentError.scoreOutOfRange` naming the instrument's valid range.
    public init(date: CalendarDay, instrument: Instrument, score: Int, note: String = "") throws(AssessmentError) {
        guard instrument.range.contains(score) else {
            throw .scoreOutOfRange(instrument: instrument, score: score)
        }
        self.date = date
        self.instrument = instrument
        self.score = score
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case date, instrument, score, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let date = try c.decode(CalendarDay.self, forKey: .date)
        let instrument = try c.decode(Instrument.self, forKey: .instrument)
        let score = try c.decode(Int.self, forKey: .score)
        let note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        do { try self.init(date: date, instrument: instrument, score: score, note: note) } catch {
            throw DecodingError.dataCorruptedError(forKey: .score, in: c, debugDescription: error.description)
        }
    }
}

/// Why a score was refused.
public enum AssessmentError: Error, Equatable, Sendable, CustomStringConvertible {
    case scoreOutOfRange(instrument: Instrument, score: Int)

    public var description: String {
        switch self {
        case .scoreOutOfRange(let instrument, let score):
            return "\(instrument.name) score \(score) is outside the scale: enter a whole number from \(instrument.range.lowerBound) to \(instrument.range.upperBound)"
        }
    }
}
