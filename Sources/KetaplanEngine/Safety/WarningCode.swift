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
}
