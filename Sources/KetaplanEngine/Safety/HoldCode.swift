/// What a hold is about; stable names for files, exports and tests.
public enum HoldCode: String, CaseIterable, Sendable, Codable {
    /// A positive C-SSRS screen (moderate or high risk) not yet reviewed.
    case suicideScreen
    /// An absolute contraindication for the plan's route is answered "present".
    case absoluteContraindication
    /// Screening items are unanswered (holds the course's first dose only).
    case screeningIncomplete
    /// A relative contraindication is answered "present" and not yet acknowledged.
    case relativeContraindication
    /// The patient is under 18 and no clinician has recorded why treatment goes ahead.
    case underAge
    /// Bipolar depression with no mood stabiliser on record and no review of it.
    case bipolarWithoutMoodStabiliser
    /// Pre-dose blood pressure above the route's limit, or missing before esketamine
    /// (raised when a dose is recorded; `--override REASON` lifts it for that session).
    case preDoseBloodPressure
    /// Esketamine: the end-of-induction review (after week 4) is not yet recorded, so
    /// week 5 on waits (Spravato PI: assess benefit at the end of induction).
    case inductionReview

    /// A few words for tables and flags.
    public var title: String {
        switch self {
        case .suicideScreen: return "positive C-SSRS screen"
        case .absoluteContraindication: return "absolute contraindication"
        case .screeningIncomplete: return "screening incomplete"
        case .relativeContraindication: return "contraindication not acknowledged"
        case .underAge: return "patient under 18"
        case .bipolarWithoutMoodStabiliser: return "no mood stabiliser"
        case .preDoseBloodPressure: return "pre-dose blood pressure"
        case .inductionReview: return "induction review"
        }
    }
}
