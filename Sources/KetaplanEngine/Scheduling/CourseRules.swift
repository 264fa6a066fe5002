/// Course-level facts several parts of the engine ask about.
enum CourseRules {
    /// The latest C-SSRS screen if it is positive and no review of it is recorded on or
    /// after its day.
    static func unreviewedPositiveSuicideScreen(_ chart: PatientChart) -> Assessment? {
        guard let latest = chart.assessments.last(where: { $0.instrument == .cssrs }),
              SuicideRisk(screenerScore: latest.score).isPositiveScreen
        else { return nil }
        if let review = chart.latestReview(.positiveSuicideScreen), review.on >= latest.date { return nil }
        return latest
    }
}
