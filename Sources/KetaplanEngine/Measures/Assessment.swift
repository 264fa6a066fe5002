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
    /// C-SSRS screener only: whether the suicidal behaviour (item 6) was within the past
    /// 3 months. Nil means "not said", read as yes (the safer reading).
    public var behaviourWithin3Months: Bool?
    /// The order in which scores and reviews were entered in the chart (1, 2, ...),
    /// stamped by `PatientChart.add`, so that a review entered after a screen on the same
    /// day covers it and one entered before does not. Nil in older files.
    public var entry: Int?

    /// - Throws: `AssessmentError.scoreOutOfRange` naming the instrument's valid range.
    public init(date: CalendarDay, instrument: Instrument, score: Int, note: String = "", afterDose: Bool = false,
                behaviourWithin3Months: Bool? = nil) throws(AssessmentError) {
        guard instrument.range.contains(score) else {
            throw .scoreOutOfRange(instrument: instrument, score: score)
        }
        self.date = date
        self.instrument = instrument
        self.score = score
        self.note = note
        self.afterDose = afterDose
        self.behaviourWithin3Months = instrument == .cssrs ? behaviourWithin3Months : nil
    }

    /// The C-SSRS triage of this score (meaningful for the screener only).
    public var suicideRisk: SuicideRisk {
        SuicideRisk(screenerScore: score, behaviourWithin3Months: behaviourWithin3Months ?? true)
    }

    enum CodingKeys: String, CodingKey { case date, instrument, score, note, afterDose, behaviourWithin3Months, entry }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let date = try c.decode(CalendarDay.self, forKey: .date)
        let instrument = try c.decode(Instrument.self, forKey: .instrument)
        let score = try c.decode(Int.self, forKey: .score)
        let note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        let afterDose = try c.decodeIfPresent(Bool.self, forKey: .afterDose) ?? false
        let recent = try c.decodeIfPresent(Bool.self, forKey: .behaviourWithin3Months)
        do { try self.init(date: date, instrument: instrument, score: score, note: note, afterDose: afterDose, behaviourWithin3Months: recent) } catch {
            throw DecodingError.dataCorruptedError(forKey: .score, in: c, debugDescription: error.description)
        }
        entry = try c.decodeIfPresent(Int.self, forKey: .entry)
    }

    // `afterDose`, `behaviourWithin3Months` and `entry` are written only when set, so
    // files of clinics that never use them do not change.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(instrument, forKey: .instrument)
        try c.encode(score, forKey: .score)
        try c.encode(note, forKey: .note)
        if afterDose { try c.encode(true, forKey: .afterDose) }
        try c.encodeIfPresent(behaviourWithin3Months, forKey: .behaviourWithin3Months)
        try c.encodeIfPresent(entry, forKey: .entry)
    }

    /// Where the score falls against a dose given on `day`: true when it was taken after it.
    public func isAfterDose(on day: CalendarDay) -> Bool { date > day || (date == day && afterDose) }
}

/// Why a score was refused.
extension Assessment {
    /// Checks the day a score is entered for, on `today`: a score is recorded on or after
    /// the day it was taken, never ahead of it. The command line and the screen's form (while
    /// typing and on saving) all call this one rule.
    /// - Throws: `AssessmentError.scoredAfterToday`.
    public static func checkDate(_ day: CalendarDay, today: CalendarDay) throws(AssessmentError) {
        guard day <= today else { throw .scoredAfterToday(day) }
    }
}

public enum AssessmentError: Error, Equatable, Sendable, CustomStringConvertible {
    case scoreOutOfRange(instrument: Instrument, score: Int)
    /// A score dated after the day it is entered.
    case scoredAfterToday(CalendarDay)

    public var description: String {
        switch self {
        case .scoreOutOfRange(let instrument, let score):
            return "\(instrument.name) score \(score) is outside the scale: enter a whole number from \(instrument.range.lowerBound) to \(instrument.range.upperBound)"
        case .scoredAfterToday(let day):
            return "\(day) is after today; scores are recorded on or after the day they are taken"
        }
    }
}
