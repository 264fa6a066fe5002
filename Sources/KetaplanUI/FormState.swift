import KetaplanEngine
import KetaplanRecords

/// An open form: its fields, where the cursor is, and whether anything was typed.
public struct FormState: Equatable, Sendable {
    public var kind: FormKind
    public var fields: [FormField]
    public var focus: Int = 0
    /// Cursor within a multi-choice field's options.
    public var optionCursor: Int = 0
    /// Cursor within the focused typed field's text, in characters; nil: at the end
    /// (where a newly focused field puts it).
    public var cursor: Int?
    /// First character of the focused typed field shown (a long value scrolls sideways
    /// to keep the cursor in view); kept by the reducer, see `TextWindow`.
    public var textScroll: Int = 0
    /// Whether the clinician changed anything (Esc then asks before discarding).
    public var dirty: Bool = false
    /// Shown when saving was refused (invalid fields, or the engine said no).
    public var error: String?
    /// First row of fields shown (long forms scroll).
    public var scroll: Int = 0
    /// Each field's problem and what saving would do, worked out by the reducer when a
    /// value changes (`Reducer.refreshDerived`); the renderer only draws it.
    public var preview: FormPreview?
    /// Where the title, fields and notes go at the screen's size; worked out with the
    /// scrolling (`Reducer.clampScrolling`), drawn as it is.
    public var layout: FormLayout?
    /// The clinic settings form's clinic.json as its fields were filled in from: what the
    /// clinician changed is what the fields differ from this by, and the save applies only
    /// that over the file as it then is, refusing where a colleague changed the same
    /// setting since (`ClinicChange.save`). Nil for every other form.
    public var basedOn: ClinicFile?

    public init(kind: FormKind, fields: [FormField]) {
        self.kind = kind
        self.fields = fields
    }

    public subscript(key: FormKey) -> FormField {
        // A key the form does not have reads as an empty optional field, so a form built
        // without a field (or a recovered one from an older version) can never crash.
        get { fields.first { $0.key == key } ?? FormField(key, key.rawValue, .text(required: false)) }
    }

    /// Whether the form has the field (some appear only for some patients or protocols).
    public func has(_ key: FormKey) -> Bool { fields.contains { $0.key == key } }

    mutating func set(_ key: FormKey, _ value: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = value }
    }

    /// Where the cursor is in the focused field's text (characters from its start).
    public var cursorIndex: Int {
        guard let field = fields[safe: focus] else { return 0 }
        return min(cursor ?? field.value.count, field.value.count)
    }

    /// Moves the focus to field `index`, the cursor to the end of its text.
    mutating func focus(on index: Int) {
        focus = index
        optionCursor = 0
        cursor = nil
        textScroll = 0
    }

    /// Every field's problem, in order.
    public func problems(today: CalendarDay) -> [(field: FormField, message: String)] {
        fields.compactMap { f in f.problem(today: today).map { (f, $0) } }
    }

    /// What a recovery file keeps.
    public var draft: FormDraft { FormDraft(kind: kind, values: fields.map { ($0.key, $0.value) }, basedOn: basedOn) }

    /// Puts a kept draft's values back into the form's fields. A relative date in a date
    /// field ("today", "+3d") is turned into the day it meant when it was typed
    /// (`draft.typedOn`), so a score kept on the 27th and reopened on the 29th is still
    /// dated the 27th, and the form shows that date.
    mutating func restore(_ draft: FormDraft) {
        for (k, v) in draft.byKey { set(k, v) }
        guard let typedOn = draft.typedOn else { return }
        for i in fields.indices {
            guard case .date = fields[i].kind else { continue }
            let typed = fields[i].value.trimmingCharacters(in: " ")
            if !typed.isEmpty, case .success(let day) = DateInput.parse(typed, today: typedOn), day.iso != typed {
                fields[i].value = day.iso
            }
        }
    }
}
