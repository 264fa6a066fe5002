/// Why the engine refused to plan or record something. Each message says what to do.
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    case contraindicated([ScreeningItem])
    case suicideScreenNeedsReview(CalendarDay, SuicideRisk)
    case noPlan
    case planNotActive(PlanStatus)
    case unknownSession(String)
    case sessionAlreadyRecorded(Int, SessionStatus)
    case sessionInFuture(Int, CalendarDay)
    case dose(DoseError)
    case policy(MaintenancePolicyError)
    case protocolInvalid(ProtocolError)
    case noMaintenance(ProtocolID)
    case deferralBeforeSession(CalendarDay)
    case invalidRecord(String)
    /// Session number and the holds that stop it being recorded as given.
    case held(Int, [Hold])
    /// The patient's age at the plan's start and the plan's route; a plan needs `--override REASON`.
    case underAge(Int, Route)
    /// A review of a kind with nothing of that kind to review; says what it is for.
    case nothingToReview(ReviewKind, String)
    /// The course's first dose is not the label's starting dose and no reason was given.
    case notTheStartingDose(given: Double, starting: Double)
    /// The patient's days cannot hold a phase's sessions per week at its minimum gap.
    case preferredDaysTooFew([Weekday], phase: PhaseKind, perWeek: Int, gap: Int, suggestion: [Weekday])

    public var description: String {
        switch self {
        case .contraindicated(let items):
            return "esketamine cannot be planned: absolute contraindication on the label (\(items.map(\.question).joined(separator: "; "))). Choose another treatment."
        case .suicideScreenNeedsReview(let day, let risk):
            return "positive C-SSRS screen on \(day) (\(risk.name)): a clinician must review it now; automatic scheduling stays paused until the review is recorded"
        case .noPlan:
            return "this patient has no plan yet: create one with a protocol and a start date"
        case .planNotActive(let status):
            return "the plan is \(status): resume it before scheduling or recording sessions"
        case .unknownSession(let text):
            return "no session '\(text)' in this plan: give the session's number (1, 2, ...) or its date (YYYY-MM-DD)"
        case .sessionAlreadyRecorded(let n, let status):
            if status == .given {
                return "session \(n) is already recorded as given: a given session never moves or changes; to correct its record use `session amend` (on the screen: Enter on the session, then a)"
            }
            return "session \(n) is already recorded as \(status): a recorded session never moves or changes; record a correction in a note"
        case .sessionInFuture(let n, let day):
            return "session \(n) is on \(day), after today: it cannot be recorded as given or missed yet (defer or cancel it instead)"
        case .dose(let e): return e.description
        case .policy(let e): return e.description
        case .protocolInvalid(let e): return e.description
        case .noMaintenance(let id):
            return "protocol \(id) has no maintenance phase: the course stops for clinician review at its end"
        case .deferralBeforeSession(let day):
            return "a deferral must be to a day after the session; \(day) is not"
        case .invalidRecord(let why):
            return why
        case .held(let n, let holds):
            return "session \(n) cannot be recorded as given: " + holds.map { "on hold (\($0.code.title)) since \($0.since): \($0.message). To lift: \($0.howToLift)" }.joined(separator: "; ")
        case .nothingToReview(let kind, let why):
            return "nothing to review for '\(kind.name)': \(why); the review was not recorded"
        case .underAge(let age, let route):
            return "the patient is \(age), under \(HoldChecker.adultAge): \(HoldChecker.adultsOnly(route)); a clinician who decides to treat gives the reason with --override REASON (on the screen: the new-plan form's Reason (under 18)); it is kept on the plan and printed on its summary"
        case .preferredDaysTooFew(let days, let phase, let perWeek, let gap, let suggestion):
            return "the patient's days (\(days.map(\.shortName).joined(separator: ","))) cannot hold the \(phase)'s \(perWeek) sessions a week at least \(gap) days apart: choose days that can, e.g. \(suggestion.map(\.shortName).joined(separator: ","))"
        case .notTheStartingDose(let given, let starting):
            return "the course's first dose must be the label's starting dose of \(formatNumber(starting)) mg, not \(formatNumber(given)) mg: record \(formatNumber(starting)) mg, or record the clinician's reason for another dose (session record --override REASON; on the screen, 'Override reason')"
        }
    }
}
