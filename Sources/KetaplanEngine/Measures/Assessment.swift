/// One scored rating on one day.
public struct Assessment: Equatable, Codable, Sendable {
    public var date: CalendarDay
    public var instrument: Instrument
    public var score: Int
    public var note: String
    /// Scored after that day's dose. Clinics score before dosing, so a score on a
    /// session's day normally belongs to the interval that session ends; `true` puts it
    /// in the interval the dose begins.
    public var afterDose: Bool

    /// - Throws: `AssessmentError.scoreOutOfRange` naming the instrument's valid range.
    public init(date: CalendarDay, instrument: Instrument, score: Int, note: String = "", afterDose: Bool = false) throws(AssessmentError) {
        guard instrument.range.contains(score) else {
            throw .scoreOutOfRange(instrument: instrument, score: score)
        }
        self.date = date
        self.instrument = instrument
        self.score = score
        self.note = note
        self.afterDose = afterDose
    }

    enum CodingKeys: String, CodingKey { case date, instrument, score, note, afterDose }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let date = try c.decode(CalendarDay.self, forKey: .date)
        let instrument = try c.decode(Instrument.self, forKey: .instrument)
        let score = try c.decode(Int.self, forKey: .score)
        let note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        let afterDose = try c.decodeIfPresent(Bool.self, forKey: .afterDose) ?? false
        do { try self.init(date: date, instrument: instrument, score: score, note: note, afterDose: afterDose) } catch {
            throw DecodingError.dataCorruptedError(forKey: .score, in: c, debugDescription: error.description)
        }
    }

    // `afterDose` is written only when set, so files of clinics that never use it do not change.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(instrument, forKey: .instrument)
        try c.encode(score, forKey: .score)
        try c.encode(note, forKey: .note)
        if afterDose { try c.encode(true, forKey: .afterDose) }
    }

    /// Where the score falls against a dose given on `day`: true when it was taken after it.
    public func isAfterDose(on day: CalendarDay) -> Bool { date > day || (date == day && afterDose) }
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
