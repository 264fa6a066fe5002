import KetaplanEngine

/// Screening answers a clinician sets (`screening set`, the screen's patient form): each
/// kept with who, when and the note. Withdrawing a finding (yes -> no or unknown) can lift
/// a hold, so it needs the reason, kept with the answer; a new finding never waits for one.
public struct ScreeningChange: Equatable, Sendable {
    /// One answer: nil is "unknown".
    public struct Answer: Equatable, Sendable {
        public var item: ScreeningItem
        public var answer: Bool?

        public init(_ item: ScreeningItem, _ answer: Bool?) {
            self.item = item
            self.answer = answer
        }
    }

    /// In the order given; an answer equal to the recorded one is kept as a confirmation.
    public var answers: [Answer]
    public var by: String
    public var on: CalendarDay
    /// Kept without the spaces and line breaks around it: one rule for `screening set
    /// --note` and the patient form's field, so the same typed note saves the same bytes.
    public var note: String

    public init(_ answers: [Answer], by: String, on: CalendarDay, note: String = "") {
        self.answers = answers
        self.by = by
        self.on = on
        self.note = String(note.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Refuses a withdrawn finding without its reason.
    public func validate(against screening: Screening) throws(EditError) {
        guard note.allSatisfy(\.isWhitespace), let withdrawn = answers.first(where: { screening.answers[$0.item] == true && $0.answer != true }) else { return }
        throw EditError(message: "say why '\(withdrawn.item.question)' is no longer 'yes' (\(withdrawn.item.rawValue)): withdrawing a finding needs its reason, kept with the answer",
                        field: .screeningNote)
    }

    /// The screening with these answers set (after `validate`).
    public func applied(to screening: Screening) -> Screening {
        var s = screening
        for a in answers { s.set(a.item, to: a.answer, by: by, on: on, note: note) }
        return s
    }

    /// One line per answer that changed from `before` to `after`, in the audit summary's
    /// words ("screening psychosis: no -> yes").
    public static func lines(from before: Screening, to after: Screening) -> [String] {
        ScreeningItem.allCases.filter { before.answers[$0] != after.answers[$0] }.map {
            "screening \($0.rawValue): \(ScreeningAnswer.name(of: before.answers[$0])) -> \(ScreeningAnswer.name(of: after.answers[$0]))"
        }
    }
}
