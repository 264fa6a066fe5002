/// The screening checklist answered before the first session, and the clinician's
/// acknowledgements of any relative contraindication found.
public struct Screening: Equatable, Codable, Sendable {
    /// Answers given so far: true = present, false = absent. A missing item is unanswered.
    public var answers: [ScreeningItem: Bool]
    /// Items answered "present" that a clinician has weighed and accepted.
    public var acknowledged: [ScreeningAcknowledgement]
    /// The day the screening was completed, if it was.
    public var completedOn: CalendarDay?
    /// Every answer set through `set(_:to:by:on:note:)`, oldest first: who answered
    /// each item and when, and every correction with its note.
    public var history: [ScreeningAnswer]

    public init(answers: [ScreeningItem: Bool] = [:], acknowledged: [ScreeningAcknowledgement] = [], completedOn: CalendarDay? = nil,
                history: [ScreeningAnswer] = []) {
        self.answers = answers
        self.acknowledged = acknowledged
        self.completedOn = completedOn
        self.history = history
    }

    /// Sets one item's answer (nil: unknown) and keeps who and when. A changed answer
    /// drops the item's acknowledgement: a clinician weighs the new answer afresh.
    /// The screening is complete from the day its last item is answered.
    public mutating func set(_ item: ScreeningItem, to answer: Bool?, by: String, on day: CalendarDay, note: String = "") {
        if answers[item] != answer { acknowledged.removeAll { $0.item == item } }
        answers[item] = answer
        history.append(ScreeningAnswer(item: item, answer: answer, by: by, on: day, note: note))
        if !isComplete {
            completedOn = nil
        } else if completedOn == nil {
            completedOn = day
        }
    }

    /// The latest answer set for `item` (who and when), if it was set in ketaplan.
    public func lastAnswer(_ item: ScreeningItem) -> ScreeningAnswer? {
        history.last { $0.item == item }
    }

    /// The "yes" on `item` that no later "no" corrected: `.some(answer)` when it was set
    /// in ketaplan, `.some(nil)` for a "yes" from before answers were kept, nil when the
    /// item is not standing at "yes" (never yes, or corrected to "no"). Changing a "yes"
    /// to "unknown" does not correct it.
    public func uncorrectedYes(_ item: ScreeningItem) -> ScreeningAnswer?? {
        if answers[item] == false { return nil }
        let mine = history.filter { $0.item == item }
        let afterNo = mine.lastIndex { $0.answer == false }.map { Array(mine[($0 + 1)...]) } ?? mine
        if let yes = afterNo.first(where: { $0.answer == true }) { return .some(yes) }
        return answers[item] == true ? .some(nil) : nil
    }

    /// A screening with every item answered "absent" on `day`.
    public static func allClear(on day: CalendarDay) -> Screening {
        Screening(answers: Dictionary(uniqueKeysWithValues: ScreeningItem.allCases.map { ($0, false) }), completedOn: day)
    }

    /// Items not answered yet.
    public var unanswered: [ScreeningItem] {
        ScreeningItem.allCases.filter { answers[$0] == nil }
    }

    /// Whether every item has an answer.
    public var isComplete: Bool { unanswered.isEmpty }

    /// Items answered "present".
    public var present: [ScreeningItem] {
        ScreeningItem.allCases.filter { answers[$0] == true }
    }

    /// Whether a clinician has acknowledged `item`.
    public func isAcknowledged(_ item: ScreeningItem) -> Bool {
        acknowledged.contains { $0.item == item }
    }

    enum CodingKeys: String, CodingKey { case answers, acknowledged, completedOn, history }

    // Answers are written as an object keyed by item name, in a fixed order.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var named: [String: Bool] = [:]
        for (item, value) in answers { named[item.rawValue] = value }
        try c.encode(named, forKey: .answers)
        try c.encode(acknowledged, forKey: .acknowledged)
        try c.encodeIfPresent(completedOn, forKey: .completedOn)
        // Written only when there is some, so screenings set before it existed read as before.
        if !history.isEmpty { try c.encode(history, forKey: .history) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let named = try c.decode([String: Bool].self, forKey: .answers)
        var answers: [ScreeningItem: Bool] = [:]
        for (key, value) in named {
            guard let item = ScreeningItem(rawValue: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .answers, in: c,
                    debugDescription: "unknown screening item '\(key)'; known items: \(ScreeningItem.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            answers[item] = value
        }
        self.answers = answers
        acknowledged = try c.decodeIfPresent([ScreeningAcknowledgement].self, forKey: .acknowledged) ?? []
        completedOn = try c.decodeIfPresent(CalendarDay.self, forKey: .completedOn)
        history = try c.decodeIfPresent([ScreeningAnswer].self, forKey: .history) ?? []
    }
}
