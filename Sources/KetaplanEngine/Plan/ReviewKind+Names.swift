extension ReviewKind {
    /// The name used on the command line and in forms.
    public var name: String {
        switch self {
        case .futility: return "futility"
        case .positiveSuicideScreen: return "suicide-screen"
        case .endOfInduction: return "end-of-induction"
        case .beyondEvaluatedDuration: return "beyond-evaluated"
        case .noMoodStabiliser: return "no-mood-stabiliser"
        case .underAge: return "under-18"
        }
    }

    /// What the clinician confirms by recording it.
    public var meaning: String {
        switch self {
        case .futility: return "treatment goes on although there is no response yet"
        case .positiveSuicideScreen: return "the positive C-SSRS screen was reviewed; scheduling may resume"
        case .endOfInduction: return "benefit was assessed at the end of induction; the next phase may go ahead"
        case .beyondEvaluatedDuration: return "treatment continues beyond the evaluated duration"
        case .noMoodStabiliser: return "treatment goes ahead without a mood stabiliser on record"
        case .underAge: return "treatment of a patient under 18 goes ahead (the reason is in the note)"
        }
    }

    /// The review that answers a warning, if the warning is one a review settles.
    public init?(answering code: WarningCode) {
        switch code {
        case .futilityReview: self = .futility
        case .suicideScreenPositive: self = .positiveSuicideScreen
        case .assessmentBeforeMaintenance: self = .endOfInduction
        case .beyondEvaluatedDuration: self = .beyondEvaluatedDuration
        case .bipolarWithoutMoodStabiliser: self = .noMoodStabiliser
        default: return nil
        }
    }

    /// The review that lifts a hold, if a review is what lifts it.
    public init?(lifting code: HoldCode) {
        switch code {
        case .suicideScreen: self = .positiveSuicideScreen
        case .bipolarWithoutMoodStabiliser: self = .noMoodStabiliser
        case .underAge: self = .underAge
        case .inductionReview: self = .endOfInduction
        case .absoluteContraindication, .screeningIncomplete, .relativeContraindication, .preDoseBloodPressure: return nil
        }
    }

    public init?(name: String) {
        guard let kind = ReviewKind.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }
}
