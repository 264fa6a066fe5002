/// What a warning is about; stable names for files, filters and tests.
public enum WarningCode: String, CaseIterable, Sendable, Codable {
    case screeningIncomplete
    case absoluteContraindication
    case relativeContraindication
    case doseNotComputed
    case doseNotAllowed
    case bloodPressureReview
    case remsSiteNotCertified
    case remsMonitoringTooShort
    case remsFormDue
    case remsFormOverdue
    case noDriving
    case futilityReview
    case assessmentBeforeMaintenance
    case bipolarWithoutMoodStabiliser
    case maniaAlert
    case suicideScreenPositive
    case suicideScreenLowRisk
    case beyondEvaluatedDuration
    case courseEndsForReview
    case overdueRecord
    case phaseIncomplete
    case intervalOutsideLabel
    case relapse
    case noResponseYet
    case maniaRise
    case hypertensiveUrgency
    case notReadyForDischarge
    case bloodPressureRise
    case remsFormIncomplete
    case startingDoseOverridden
    case inductionStretched
    case scoringVisitDue
    /// A planned session a clinician moved despite a rule, or one on a day the clinic is closed.
    case movedDespiteRules
}

extension WarningCode {
    /// A few words for tables where the full message does not fit.
    public var shortLabel: String {
        switch self {
        case .screeningIncomplete: return "screening incomplete"
        case .absoluteContraindication: return "contraindication"
        case .relativeContraindication: return "needs acknowledgement"
        case .doseNotComputed: return "no dose"
        case .doseNotAllowed: return "dose not allowed"
        case .bloodPressureReview: return "BP review"
        case .remsSiteNotCertified: return "site not REMS-certified"
        case .remsMonitoringTooShort: return "monitoring < 120 min"
        case .remsFormDue: return "REMS form due"
        case .remsFormOverdue: return "REMS form overdue"
        case .noDriving: return "no driving"
        case .futilityReview: return "futility review"
        case .assessmentBeforeMaintenance: return "assess first"
        case .bipolarWithoutMoodStabiliser: return "no mood stabiliser"
        case .maniaAlert: return "mania alert"
        case .suicideScreenPositive: return "C-SSRS positive"
        case .suicideScreenLowRisk: return "C-SSRS low risk"
        case .beyondEvaluatedDuration: return "beyond 4 weeks"
        case .courseEndsForReview: return "course ends"
        case .overdueRecord: return "record it"
        case .phaseIncomplete: return "phase incomplete"
        case .intervalOutsideLabel: return "interval off label"
        case .relapse: return "relapse"
        case .noResponseYet: return "no response yet"
        case .maniaRise: return "YMRS rising"
        case .hypertensiveUrgency: return "BP urgent"
        case .notReadyForDischarge: return "not ready for discharge"
        case .bloodPressureRise: return "BP rise"
        case .remsFormIncomplete: return "REMS form incomplete"
        case .startingDoseOverridden: return "start dose overridden"
        case .inductionStretched: return "induction stretched"
        case .scoringVisitDue: return "scoring visit due"
        case .movedDespiteRules: return "moved despite rules"
        }
    }
}
