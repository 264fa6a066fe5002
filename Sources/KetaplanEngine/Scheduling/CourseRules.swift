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

    /// The latest positive C-SSRS screen no review covers, if any.
    static func unreviewedPositiveSuicideScreen(_ chart: PatientChart) -> Assessment? {
        positiveSuicideScreensNotReviewed(chart).last
    }
}
