import KetaplanEngine

/// Which form is open, and for what.
public enum FormKind: Equatable, Sendable {
    case newPatient
    case editPatient(String)
    case newPlan(String)
    case recordSession(String, SessionID)
    case addScore(String)
    case moveSession(String, SessionID)

    public var title: String {
        switch self {
        case .newPatient: return "New patient"
        case .editPatient: return "Edit patient and screening"
        case .newPlan: return "New plan"
        case .recordSession: return "Record session"
        case .addScore: return "Add score"
        case .moveSession: return "Move session"
        }
    }

    /// The patient the form is about (nil for a new patient).
    public var patientID: String? {
        switch self {
        case .newPatient: return nil
        case .editPatient(let id), .newPlan(let id), .recordSession(let id, _), .addScore(let id), .moveSession(let id, _): return id
        }
    }
}
