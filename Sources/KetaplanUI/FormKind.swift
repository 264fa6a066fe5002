import KetaplanEngine

/// Which form is open, and for what.
public enum FormKind: Equatable, Sendable {
    case newPatient
    case editPatient(PatientID)
    case newPlan(PatientID)
    case recordSession(PatientID, SessionID)
    case addScore(PatientID)
    /// Correct a given session's record, with the reason (the original is kept).
    case amendSession(PatientID, SessionID)
    /// Titrate: the planned dose from a session on.
    case titrate(PatientID, SessionID)
    /// Save a print preview's text to a file.
    case saveText(PatientID, handout: Bool, markdown: Bool)
    /// Export a patient's plan as ics, csv or fhir.
    case export(PatientID)
    /// Record a clinician's review of a warning, or acknowledge a screening finding.
    case review(PatientID)
    /// Change the plan's maintenance policy (the sessions after induction re-plan).
    case maintenance(PatientID)
    /// Pause, resume, complete or discontinue the plan, with a note.
    case planStatus(PatientID)
    /// The clinic's calendar and settings (`clinic set`).
    case clinicSettings

    public var title: String {
        switch self {
        case .newPatient: return "New patient"
        case .editPatient: return "Edit patient and screening"
        case .newPlan: return "New plan"
        case .recordSession: return "Record session"
        case .addScore: return "Add score"
        case .amendSession: return "Amend a session's record"
        case .titrate: return "Dose from this session on"
        case .saveText(_, let handout, _): return handout ? "Save the handout" : "Save the plan summary"
        case .export: return "Export"
        case .review: return "Record a clinician's review"
        case .maintenance: return "Change the maintenance policy"
        case .planStatus: return "Pause, resume or end the plan"
        case .clinicSettings: return "Clinic settings"
        }
    }

    /// The patient the form is about (nil for a new patient and the clinic's settings).
    public var patientID: PatientID? {
        switch self {
        case .newPatient, .clinicSettings: return nil
        case .editPatient(let id), .newPlan(let id), .recordSession(let id, _), .addScore(let id), .titrate(let id, _), .amendSession(let id, _),
             .saveText(let id, _, _), .export(let id), .review(let id),
             .maintenance(let id), .planStatus(let id): return id
        }
    }
}
