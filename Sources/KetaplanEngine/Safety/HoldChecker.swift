/// Derives the holds that stand on a chart, and the gates a recorded dose must pass.
/// Pure: it reads the chart and the context and changes nothing. Every rule is in
/// docs/clinical-rules.md ("Holds") with its source and test; see `Hold` for how to add
/// a kind.
public struct HoldChecker: Sendable {
    public var context: SchedulingContext

    public init(context: SchedulingContext) { self.context = context }

    /// Age below which a plan needs a clinician's recorded reason (esketamine is approved
    /// for adults; the IV and IM evidence is in adults).
    public static let adultAge = 18

    /// Every hold standing on the chart today, in a fixed order (`HoldCode` order).
    /// Completed and discontinued plans carry none: ending the plan lifts every hold.
    public func holds(for chart: PatientChart) -> [Hold] {
        let patient = chart.patient
        let who = patient.id.rawValue
        var out: [Hold] = []
        if let plan = chart.plan, plan.status == .completed || plan.status == .discontinued { return [] }

        let uncovered = CourseRules.positiveSuicideScreensNotReviewed(chart)
        if let first = uncovered.first, let latest = uncovered.last, let worst = CourseRules.unreviewedPositiveSuicideScreen(chart) {
            // Name the highest risk since the last lifting review: a later, lower screen
            // must not hide a high-risk one.
            let also = worst.date == latest.date && worst.suicideRisk == latest.suicideRisk ? "" : "; latest on \(latest.date) (\(latest.suicideRisk.name))"
            out.append(Hold(.suicideScreen, since: first.date,
                            "positive C-SSRS screen on \(worst.date) (\(worst.suicideRisk.name))\(also): a clinician must review it before any dose",
                            howToLift: "record a clinician's review dated on or after \(latest.date): `ketaplan review \(who) --kind suicide-screen --note WHY` (or `a` on the patient's screen); a later negative screen does not lift it"))
        }
        guard let plan = chart.plan else { return out }
        let route = plan.protocolCopy.route
        let screening = patient.screening
        let answeredOn: (ScreeningItem) -> CalendarDay = { screening.lastAnswer($0)?.on ?? screening.completedOn ?? plan.startDate }

        // A "yes" on an absolute item stands until it is corrected to "no": an answer
        // changed to "unknown" keeps it. An item answered "unknown" (or never answered)
        // holds every dose too: nobody knows whether the label forbids the dose.
        let absoluteItems = ScreeningItem.allCases.filter { HoldChecker.isAbsolute($0, for: route) }
        var findings: [(item: ScreeningItem, since: CalendarDay, text: String)] = []
        for item in absoluteItems {
            if let yes = screening.uncorrectedYes(item) {
                let day = yes?.on ?? answeredOn(item)
                let now = screening.answers[item] == nil ? ", since changed to 'unknown' (only 'no' lifts it)" : ""
                findings.append((item, day, "\(item.question) (answered yes on \(day)\(now))"))
            } else if screening.answers[item] == nil {
                let day = screening.lastAnswer(item)?.on ?? plan.startDate
                findings.append((item, day, "\(item.question) not ruled out (answer unknown)"))
            }
        }
        if let firstFinding = findings.first {
            out.append(Hold(.absoluteContraindication, since: findings.map(\.since).min()!,
                            "absolute contraindication to \(route.isEsketamine ? "esketamine (Spravato label)" : "ketamine (ketamine label: a rise in blood pressure is a serious hazard)"): \(findings.map(\.text).joined(separator: "; ")). No override",
                            howToLift: "only by answering 'no' with the reason (`ketaplan screening set \(who) \(firstFinding.item.rawValue)=no --note WHY`) (on the screen: `e`, the answer and 'Why screening changed') or by ending the plan (`ketaplan plan status \(who) discontinued`)"))
        }
        // It holds the course's first dose only, so once a dose is given it holds nothing
        // and is not listed (a hold listed names what it holds).
        if !screening.isComplete, !plan.sessions.contains(where: { $0.status == .given }) {
            let missing = screening.unanswered
            out.append(Hold(.screeningIncomplete, since: missing.map { screening.lastAnswer($0)?.on ?? plan.startDate }.min()!,
                            "screening incomplete: \(missing.count) of \(ScreeningItem.allCases.count) items unanswered (\(missing.prefix(3).map(\.rawValue).joined(separator: ", "))\(missing.count > 3 ? ", ..." : ""))",
                            howToLift: "answer every item: `ketaplan screening set \(who) \(missing[0].rawValue)=yes|no ...` (`ketaplan screening show \(who)` lists them; on the screen: `e`)",
                            scope: .firstDose))
        }
        let unacknowledged = screening.present.filter { !HoldChecker.isAbsolute($0, for: route) && !screening.isAcknowledged($0) }
        if !unacknowledged.isEmpty {
            out.append(Hold(.relativeContraindication, since: unacknowledged.map(answeredOn).min()!,
                            "not yet weighed by a clinician: \(unacknowledged.map(\.question).joined(separator: "; "))",
                            howToLift: "a clinician acknowledges each: " + unacknowledged.map { "`ketaplan review \(who) --kind screening:\($0.rawValue) --note WHY`" }.joined(separator: ", ") + " (or `a` on the patient's screen)"))
        }
        let age = patient.age(on: max(context.today, plan.startDate))
        if age < Self.adultAge, !plan.overrides.contains(where: { $0.code == .underAge }), chart.latestReview(.underAge) == nil {
            out.append(Hold(.underAge, since: plan.startDate,
                            "patient is \(age): \(HoldChecker.adultsOnly(route))",
                            howToLift: "a clinician records why treatment goes ahead: `ketaplan review \(who) --kind under-18 --note REASON` (or `a` on the patient's screen)"))
        }
        if patient.conditions.contains(.bipolarDepression), !patient.hasMoodStabiliser, chart.latestReview(.noMoodStabiliser) == nil {
            out.append(Hold(.bipolarWithoutMoodStabiliser, since: plan.startDate,
                            "bipolar depression with no mood stabiliser on record\(patient.moodStabiliserChoice.map { $0 == .none ? " (none)" : " ('\($0)' is not a recognised one: \(MoodStabiliser.accepted))" } ?? ""): ketamine is given on top of lithium or valproate",
                            howToLift: "record the mood stabiliser (`ketaplan patient set \(who) --mood-stabiliser NAME`, or `e` on the patient's screen), or a clinician's review: `ketaplan review \(who) --kind no-mood-stabiliser --note WHY` (or `a`)"))
        }
        // It stands once the induction's last dose is due: from then on week 5 waits.
        if let point = CourseRules.inductionReviewPoint(plan), context.today >= min(point.lastInduction, point.weekFive),
           !CourseRules.inductionReviewed(chart, lastInduction: point.lastInduction) {
            out.append(Hold(.inductionReview, since: point.weekFive,
                            "end-of-induction review not recorded: the esketamine label asks to assess benefit after week 4 (last induction dose \(point.lastInduction)) before week 5 begins on \(point.weekFive)",
                            howToLift: "on or after \(point.lastInduction), a clinician records the review: `ketaplan review \(who) --kind end-of-induction --note WHAT WAS DECIDED` (or `a` on the patient's screen)",
                            scope: .dosesFrom(point.weekFive)))
        }
        return out
    }

    /// The standing holds that stop `session` from being given.
    public func holds(on session: Session, in chart: PatientChart) -> [Hold] {
        guard let plan = chart.plan else { return [] }
        return holds(for: chart).filter { $0.applies(to: session, in: plan) }
    }

    /// Planned sessions that are on hold, with the holds on each.
    public func heldSessions(in chart: PatientChart) -> [SessionID: [Hold]] {
        guard let plan = chart.plan else { return [:] }
        let standing = holds(for: chart)
        var held: [SessionID: [Hold]] = [:]
        for session in plan.sessions {
            let on = standing.filter { $0.applies(to: session, in: plan) }
            if !on.isEmpty { held[session.id] = on }
        }
        return held
    }

    /// The gates recording `record` as given at `session` must pass, beyond the standing
    /// holds: a pre-dose blood pressure above the route's limit, or none before
    /// esketamine. Each is overridable with a reason.
    public func gates(recording record: SessionRecord, at session: Session, in plan: Plan) -> [Hold] {
        let route = plan.protocolCopy.route
        let number = plan.number(of: session.id) ?? 0
        let lift = "recheck and record the reading, or give the dose with `--override REASON` (the record form's Override reason; the label asks to weigh the risk, and the reason records that it was)"
        if let bp = record.bpBefore {
            guard let warning = SafetyChecker(context: context).bloodPressureBeforeDosing(bp, route: route) else { return [] }
            return [Hold(.preDoseBloodPressure, since: session.date, "session \(number): \(warning.message)", howToLift: lift,
                         scope: .session(session.id), overridable: true)]
        }
        guard route.isEsketamine else { return [] }
        return [Hold(.preDoseBloodPressure, since: session.date,
                     "session \(number): no pre-dose blood pressure recorded; the esketamine label asks for one before every dose",
                     howToLift: "record it with `--bp SYS/DIA` (the record form's BP before dosing), or give the dose with `--override REASON` (Override reason)",
                     scope: .session(session.id), overridable: true)]
    }

    /// Screening items that hold dosing on `route` with no override: the esketamine
    /// label's contraindications; for racemic ketamine (IV, IM, other routes) also those
    /// where a rise in blood pressure is a serious hazard (ketamine label).
    public static func isAbsolute(_ item: ScreeningItem, for route: Route) -> Bool {
        route.isEsketamine ? item.isEsketamineContraindication : item.isKetamineContraindication
    }

    /// Why age matters on `route`, in words for the under-18 hold and refusal.
    public static func adultsOnly(_ route: Route) -> String {
        route.isEsketamine
            ? "esketamine is approved for adults only (safety and effectiveness below 18 are not established)"
            : "ketamine for depression is off-label and its evidence is in adults only"
    }
}
