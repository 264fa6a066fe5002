import KetaplanEngine

/// An open form: its fields, where the cursor is, and whether anything was typed.
public struct FormState: Equatable, Sendable {
    public var kind: FormKind
    public var fields: [FormField]
    public var focus: Int = 0
    /// Cursor within a multi-choice field's options.
    public var optionCursor: Int = 0
    /// Whether the clinician changed anything (Esc then asks before discarding).
    public var dirty: Bool = false
    /// Shown when saving was refused (invalid fields, or the engine said no).
    public var error: String?
    /// First row of fields shown (long forms scroll).
    public var scroll: Int = 0

    public init(kind: FormKind, fields: [FormField]) {
        self.kind = kind
        self.fields = fields
    }

    public subscript(key: String) -> FormField {
        get { fields.first { $0.key == key }! }
    }

    mutating func set(_ key: String, _ value: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = value }
    }

    /// Every field's problem, in order.
    public func problems(today: CalendarDay) -> [(field: FormField, message: String)] {
        fields.compactMap { f in f.problem(today: today).map { (f, $0) } }
    }

    /// What a recovery file keeps.
    public var draft: FormDraft { FormDraft(kind: kind, values: fields.map { [$0.key, $0.value] }) }
}

/// A form's typed input, kept in the recovery file when the program is stopped mid-form.
public struct FormDraft: Equatable, Sendable, Codable {
    public var kind: FormKindCode
    public var values: [[String]]

    public init(kind: FormKind, values: [[String]]) {
        self.kind = FormKindCode(kind)
        self.values = values
    }

    /// FormKind in a form a file can hold.
    public struct FormKindCode: Equatable, Sendable, Codable {
        public var name: String
        public var patient: String?
        public var session: Int?

        init(_ kind: FormKind) {
            switch kind {
            case .newPatient: name = "newPatient"
            case .editPatient(let p): name = "editPatient"; patient = p
            case .newPlan(let p): name = "newPlan"; patient = p
            case .recordSession(let p, let s): name = "recordSession"; patient = p; session = s.rawValue
            case .addScore(let p): name = "addScore"; patient = p
            case .moveSession(let p, let s): name = "moveSession"; patient = p; session = s.rawValue
            case .saveText(let p, let handout, let markdown): name = handout ? "saveHandout" : (markdown ? "saveMarkdown" : "saveSummary"); patient = p
            case .export(let p): name = "export"; patient = p
            case .review(let p): name = "review"; patient = p
            }
        }

        var kind: FormKind? {
            switch (name, patient, session) {
            case ("newPatient", _, _): return .newPatient
            case ("editPatient", let p?, _): return .editPatient(p)
            case ("newPlan", let p?, _): return .newPlan(p)
            case ("recordSession", let p?, let s?): return .recordSession(p, SessionID(s))
            case ("addScore", let p?, _): return .addScore(p)
            case ("moveSession", let p?, let s?): return .moveSession(p, SessionID(s))
            case ("saveHandout", let p?, _): return .saveText(p, handout: true, markdown: false)
            case ("saveSummary", let p?, _): return .saveText(p, handout: false, markdown: false)
            case ("saveMarkdown", let p?, _): return .saveText(p, handout: false, markdown: true)
            case ("export", let p?, _): return .export(p)
            case ("review", let p?, _): return .review(p)
            default: return nil
            }
        }
    }
}
