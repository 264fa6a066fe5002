/// Course-level facts several parts of the engine ask about.
enum CourseRules {
    /// Positive C-SSRS screens (moderate or high risk) that no clinician review covers,
    /// oldest first. A review covers a screen when it is dated on or after it and was
    /// entered after it (`ClinicianReview.covers`): a later negative screen covers
    /// nothing, and a positive screen entered after a review needs a new review, the
    /// same day included.
    static func positiveSuicideScreensNotReviewed(_ chart: PatientChart) -> [Assessment] {
        let reviews = chart.reviews.filter { $0.kind == .positiveSuicideScreen }
        return chart.assessments.filter { a in
            a.instrument == .cssrs && a.suicideRisk.isPositiveScreen && !reviews.contains { $0.covers(a) }
        }
    }

    /// The highest-risk positive C-SSRS screen no review covers (the latest of equal
    /// risk), if any: a later, lower screen never hides a high-risk one.
    static func unreviewedPositiveSuicideScreen(_ chart: PatientChart) -> Assessment? {
        positiveSuicideScreensNotReviewed(chart).reduce(nil) { worst, a in
            worst.map { a.suicideRisk >= $0.suicideRisk ? a : $0 } ?? a
        }
    }

    /// Esketamine's end-of-induction review point (Spravato PI: assess benefit at the end
    /// of induction before continuing): the last induction dose, given or planned, and the
    /// first day of week 5 (treatment weeks count from the first dose given). Nil for
    /// protocols without it (racemic ketamine keeps the `assessmentBeforeMaintenance`
    /// warning; esketamine-mdsi stops for review instead).
    static func inductionReviewPoint(_ plan: Plan) -> (lastInduction: CalendarDay, weekFive: CalendarDay)? {
        let proto = plan.protocolCopy
        guard proto.route.isEsketamine, proto.reviewPoints.contains(.assessBeforeMaintenance),
              let first = proto.phases.first, first.kind == .induction, case .weeks(let weeks) = first.length, proto.phases.count > 1
        else { return nil }
        let labelWeekFive = plan.courseStart.adding(days: 7 * weeks)
        let last = plan.sessions.filter { $0.phase == .induction && $0.status.isDose }.map(\.date).max() ?? labelWeekFive.adding(days: -1)
        // A deferral can carry induction doses past week 4 (they are kept): the review,
        // and the hold, then come after the last of them.
        return (last, max(labelWeekFive, last.adding(days: 1)))
    }

    /// Whether a clinician recorded the end-of-induction review on or after the last
    /// induction dose (a review before the induction ended does not count).
    static func inductionReviewed(_ chart: PatientChart, lastInduction: CalendarDay) -> Bool {
        chart.reviews.contains { $0.kind == .endOfInduction && $0.on >= lastInduction }
    }
}
