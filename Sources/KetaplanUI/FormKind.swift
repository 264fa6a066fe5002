import KetaplanEngine

/// Which form is open, and for what.
public enum FormKind: Equatable, Sendable {
    case newPatient
    case editPatient(String)
    case newPlan(String)
    case recordSession(String, SessionID)
    case addScore(String)
    case moveSession(String, SessionID)
    /// Titrate: the planned dose from a session on.
    case titrate(String, SessionID)
    /// Save a print preview's text to a file.
    case saveText(String, handout: Bool, markdown: Bool)
    /// Export a patient's plan as ics, csv or fhir.
    case export(String)
    /// Record a clinician's review of a warning, or acknowledge a screening finding.
    case review(String)

    public var title: String {
        switch self {
        case .newPatient: return "New patient"
        case .editPatient: return "Edit patient and screening"
        case .newPlan: return "New plan"
        case .recordSession: return "Record session"
        case .addScore: return "Add score"
        case .moveSession: return "Move session"
        case .titrate: return "Dose from this session on"
        case .saveText(_, let handout, _): return handout ? "Save the handout" : "Save the plan summary"
        case .export: return "Export"
        case .review: return "Record a clinician's review"
        }
    }

    /// The patient the form is about (nil for a new patient).
    public var patientID: String? {
        switch self {
        case .newPatient: return nil
        case .editPatient(let id), .newPlan(let id), .recordSession(let id, _), .addScore(let id), .moveSession(let id, _), .titrate(let id, _),
             .saveText(let id, _, _), .export(let id), .review(let id): return id
        }
    }
}
