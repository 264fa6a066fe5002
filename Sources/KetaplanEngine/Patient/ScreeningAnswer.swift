/// One answer given to a screening item: what, who and when, and the note given with it
/// (a correction says why). The chart keeps every answer ever given, so a corrected
/// answer stays readable; the audit log records only that an item changed.
public struct ScreeningAnswer: Equatable, Codable, Sendable {
    public var item: ScreeningItem
    /// true = present, false = absent, nil = unknown (the item is unanswered again).
    public var answer: Bool?
    public var by: String
    public var on: CalendarDay
    public var note: String

    public init(item: ScreeningItem, answer: Bool?, by: String, on: CalendarDay, note: String = "") {
        self.item = item
        self.answer = answer
        self.by = by
        self.on = on
        self.note = note
    }

    /// "yes", "no" or "unknown", as typed on the command line.
    public var answerName: String { ScreeningAnswer.name(of: answer) }

    public static func name(of answer: Bool?) -> String {
        switch answer {
        case true?: return "yes"
        case false?: return "no"
        case nil: return "unknown"
        }
    }

    enum CodingKeys: String, CodingKey { case item, answer, by, on, note }

    // `answer` is always written (null for unknown), so a file says what was set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(answer, forKey: .answer)
        try c.encode(by, forKey: .by)
        try c.encode(on, forKey: .on)
        try c.encode(note, forKey: .note)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        item = try c.decode(ScreeningItem.self, forKey: .item)
        answer = try c.decodeIfPresent(Bool.self, forKey: .answer)
        by = try c.decode(String.self, forKey: .by)
        on = try c.decode(CalendarDay.self, forKey: .on)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
    }
}
