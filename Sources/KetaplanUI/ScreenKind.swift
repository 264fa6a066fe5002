/// The screens a clinician moves between (for help, keys and docs).
public enum ScreenKind: String, CaseIterable, Sendable {
    case overview, agenda, patient, form, preview

    public var title: String {
        switch self {
        case .overview: return "Clinic overview"
        case .agenda: return "Agenda"
        case .patient: return "Patient plan"
        case .form: return "Forms"
        case .preview: return "Print preview"
        }
    }
}
