/// An input of an edit that a refusal can name: an option on the command line
/// (`rawValue`, as `--date-of-birth` is spelt without its dashes) and a field on a form
/// (`label`).
public enum EditField: String, Equatable, Sendable {
    case name, birth, weight, measured, height, moodStabiliser = "mood-stabiliser", screeningNote = "note"
    case chairs, bpUrgent = "bp-urgent", reopen, printer
    case minGap = "min-gap", bpRise = "bp-rise", scoringInterval = "scoring-interval", ymrsRise = "ymrs-rise"
    case timeZone = "time-zone", closed, openDays = "open-days"

    /// The field's label on the screen's forms.
    public var label: String {
        switch self {
        case .name: return "Name"
        case .birth: return "Date of birth"
        case .weight: return "Weight"
        case .measured: return "Weight measured on"
        case .height: return "Height"
        case .moodStabiliser: return "Mood stabiliser"
        case .screeningNote: return "Why screening changed"
        case .chairs: return "Chairs"
        case .bpUrgent: return "Post-dose urgency"
        case .reopen: return "Reopen"
        case .printer: return "Printer"
        case .minGap: return "Minimum gap"
        case .bpRise: return "BP rise caution"
        case .scoringInterval: return "Scoring interval"
        case .ymrsRise: return "YMRS rise caution"
        case .timeZone: return "Time zone"
        case .closed: return "Closed dates"
        case .openDays: return "Open days"
        }
    }
}
