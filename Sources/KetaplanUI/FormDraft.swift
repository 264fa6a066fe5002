import KetaplanEngine
import KetaplanRecords

/// A form's typed input, kept in the recovery file when the program is stopped mid-form.
/// Decoding refuses a form or a field name no form has (the recovery file then reports the
/// file rather than dropping it), so a decoded draft always reopens its form.
public struct FormDraft: Equatable, Sendable, Codable {
    public var kind: FormKind
    /// Each field's text exactly as typed, in the form's order.
    public var values: [Value]
    /// The clinic settings form's clinic.json as it was filled in from
    /// (`FormState.basedOn`), so that the reopened form still saves only what was typed
    /// and never puts back a colleague's change made before the program was stopped.
    public var basedOn: ClinicFile?
    /// The clinician's day when the form was kept: a relative date typed in it ("today",
    /// "+3d") means a day counted from this one, not from the day the form is reopened
    /// (`FormState.restore`). Nil only in a file kept before it was recorded.
    public var typedOn: CalendarDay?
    /// The form's heading when it was kept ("Add score: Ann Example (P-0011)"), so the
    /// question that offers it back names the form and the patient.
    public var about: String?

    /// One field's text.
    public struct Value: Equatable, Sendable, Codable {
        public var key: FormKey
        public var value: String
    }

    public init(kind: FormKind, values: [(FormKey, String)], basedOn: ClinicFile? = nil, typedOn: CalendarDay? = nil, about: String? = nil) {
        self.kind = kind
        self.values = values.map { Value(key: $0.0, value: $0.1) }
        self.basedOn = basedOn
        self.typedOn = typedOn
        self.about = about
    }

    /// What the question offering the form back calls it: its heading as kept, else (a
    /// file from before headings were kept) the form and the patient's id.
    public var heading: String {
        if let about { return about }
        return kind.title + (kind.patientID.map { ": \($0)" } ?? "")
    }

    /// The typed values by field.
    public var byKey: [FormKey: String] {
        Dictionary(values.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    enum CodingKeys: String, CodingKey { case kind, values, basedOn, typedOn, about }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(FormKindCode.self, forKey: .kind)
        guard let kind = code.kind else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "'\(code.name)' is not a form this version knows (or lacks its patient or session)")
        }
        self.kind = kind
        basedOn = try container.decodeIfPresent(ClinicFile.self, forKey: .basedOn)
        typedOn = try container.decodeIfPresent(CalendarDay.self, forKey: .typedOn)
        about = try container.decodeIfPresent(String.self, forKey: .about)
        if let values = try? container.decode([Value].self, forKey: .values) {
            self.values = values
            return
        }
        // schemaVersion 1 kept [field, text] pairs; each must name a field a form has.
        let pairs = try container.decode([[String]].self, forKey: .values)
        values = try pairs.map { pair in
            guard pair.count == 2 else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: "\(pair) is not a [field, text] pair")
            }
            guard let key = FormKey(rawValue: pair[0]) else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: "'\(pair[0])' is not a field of any form")
            }
            return Value(key: key, value: pair[1])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(FormKindCode(kind), forKey: .kind)
        try container.encode(values, forKey: .values)
        try container.encodeIfPresent(basedOn, forKey: .basedOn)
        try container.encodeIfPresent(typedOn, forKey: .typedOn)
        try container.encodeIfPresent(about, forKey: .about)
    }

    /// FormKind in a form a file can hold.
    struct FormKindCode: Equatable, Sendable, Codable {
        var name: String
        var patient: PatientID?
        var session: Int?

        init(_ kind: FormKind) {
            switch kind {
            case .newPatient: name = "newPatient"
            case .editPatient(let p): name = "editPatient"; patient = p
            case .newPlan(let p): name = "newPlan"; patient = p
            case .recordSession(let p, let s): name = "recordSession"; patient = p; session = s.rawValue
            case .addScore(let p): name = "addScore"; patient = p
            case .titrate(let p, let s): name = "titrate"; patient = p; session = s.rawValue
            case .amendSession(let p, let s): name = "amendSession"; patient = p; session = s.rawValue
            case .saveText(let p, let handout, let markdown): name = handout ? "saveHandout" : (markdown ? "saveMarkdown" : "saveSummary"); patient = p
            case .export(let p): name = "export"; patient = p
            case .review(let p): name = "review"; patient = p
            case .maintenance(let p): name = "maintenance"; patient = p
            case .planStatus(let p): name = "planStatus"; patient = p
            case .clinicSettings: name = "clinicSettings"
            }
        }

        var kind: FormKind? {
            switch (name, patient, session) {
            case ("newPatient", _, _): return .newPatient
            case ("editPatient", let p?, _): return .editPatient(p)
            case ("newPlan", let p?, _): return .newPlan(p)
            case ("recordSession", let p?, let s?): return .recordSession(p, SessionID(s))
            case ("addScore", let p?, _): return .addScore(p)
            case ("titrate", let p?, let s?): return .titrate(p, SessionID(s))
            case ("amendSession", let p?, let s?): return .amendSession(p, SessionID(s))
            case ("saveHandout", let p?, _): return .saveText(p, handout: true, markdown: false)
            case ("saveSummary", let p?, _): return .saveText(p, handout: false, markdown: false)
            case ("saveMarkdown", let p?, _): return .saveText(p, handout: false, markdown: true)
            case ("export", let p?, _): return .export(p)
            case ("review", let p?, _): return .review(p)
            case ("maintenance", let p?, _): return .maintenance(p)
            case ("planStatus", let p?, _): return .planStatus(p)
            case ("clinicSettings", _, _): return .clinicSettings
            default: return nil
            }
        }
    }
}
