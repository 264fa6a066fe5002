import KetaplanEngine
import KetaplanStore

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
        public var patient: PatientID?
        public var session: Int?

        init(_ kind: FormKind) {
            switch kind {
            case .newPatient: name = "newPatient"
            case .editPatient(let p): name = "editPatient"; patient = p
            case .newPlan(let p): name = "newPlan"; patient = p
            case .recordSession(let p, let s): name = "recordSession"; patient = p; session = s.rawValue
            case .addScore(let p): name = "addScore"; patient = p
            case .moveSession(let p, let s): name = "moveSession"; patient = p; session = s.rawValue
            case .titrate(let p, let s): name = "titrate"; patient = p; session = s.rawValue
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
            case ("titrate", let p?, let s?): return .titrate(p, SessionID(s))
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
