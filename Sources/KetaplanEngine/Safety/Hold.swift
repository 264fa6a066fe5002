/// A condition that stops dosing for a patient until a named clinician action lifts it.
///
/// Holds are derived from the chart on demand (`HoldChecker`), never stored, so they
/// cannot go stale: a hold stands exactly as long as its condition does and the action
/// that lifts it is not in the chart. While a hold stands, the sessions in its `scope`
/// stay on the schedule (chairs may stay reserved) but are shown as on hold, are left
/// out of handouts and calendar exports, and `Scheduler.record` refuses to record them
/// as given, naming the hold and `howToLift`.
///
/// Adding a hold kind (one mechanism for every kind):
/// 1. add a case to `HoldCode` (with its `title`);
/// 2. in `HoldChecker.holds(for:)`, append a `Hold` while the condition stands and the
///    lifting action (usually a `ClinicianReview` of a `ReviewKind`, found with
///    `PatientChart.latestReview`) is not recorded; pick the `scope` (every dose, the
///    first dose, doses from a day, or one session) and say in `howToLift` exactly what
///    the clinician runs or presses;
/// 3. write the rule, its source and its test in docs/clinical-rules.md.
/// Nothing else changes: refusals, screens, prints, exports and `plan show --json` all
/// read holds through `HoldChecker`.
public struct Hold: Equatable, Sendable, Codable, CustomStringConvertible {
    public var code: HoldCode
    /// The day the condition arose (the screen's day, the answer's day, the plan's start).
    public var since: CalendarDay
    /// What stands, in the clinic's words.
    public var message: String
    /// The clinician action that lifts it, as a command or key the clinician can use.
    public var howToLift: String
    public var scope: Scope
    /// Whether `--override REASON` at recording lifts it for that one session (the label
    /// asks the clinician to weigh the risk; the reason records that it was weighed).
    /// Standing holds are never overridable.
    public var overridable: Bool

    public init(_ code: HoldCode, since: CalendarDay, _ message: String, howToLift: String, scope: Scope = .everyDose, overridable: Bool = false) {
        self.code = code
        self.since = since
        self.message = message
        self.howToLift = howToLift
        self.scope = scope
        self.overridable = overridable
    }

    /// Which sessions a hold stops.
    public enum Scope: Equatable, Sendable, Codable {
        /// Every planned session.
        case everyDose
        /// Only the course's first dose (no session given yet).
        case firstDose
        /// Planned sessions on or after a day (e.g. from week 5 of a course).
        case dosesFrom(CalendarDay)
        /// One session.
        case session(SessionID)
    }

    /// Whether this hold stops `session` of `plan` from being given. A session dated
    /// before the hold began is not held: what was given then can still be recorded.
    public func applies(to session: Session, in plan: Plan) -> Bool {
        guard session.status == .planned, session.date >= since else { return false }
        switch scope {
        case .everyDose: return true
        case .firstDose: return !plan.sessions.contains { $0.status == .given }
        case .dosesFrom(let day): return session.date >= day
        case .session(let id): return session.id == id
        }
    }

    /// "since DAY: MESSAGE. To lift: HOW".
    public var description: String { "on hold since \(since): \(message). To lift: \(howToLift)" }
}
