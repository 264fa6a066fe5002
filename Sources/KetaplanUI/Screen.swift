import KetaplanEngine
import KetaplanRecords

/// A screen on the stack.
public enum Screen: Equatable, Sendable {
    case overview(OverviewState)
    case agenda(AgendaState)
    case patient(PatientView)
    case form(FormState)
    case preview(PreviewState)

    /// Whether keys are typed into a list's `/` filter.
    public var filtering: Bool {
        switch self {
        case .overview(let o): return o.filtering
        case .agenda(let a): return a.filtering
        default: return false
        }
    }

    public var kind: ScreenKind {
        switch self {
        case .overview: return .overview
        case .agenda: return .agenda
        case .patient: return .patient
        case .form: return .form
        case .preview: return .preview
        }
    }
}
