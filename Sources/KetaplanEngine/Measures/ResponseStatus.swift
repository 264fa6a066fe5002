/// Where a patient stands on a symptom scale compared with their baseline.
///
/// Response is a drop of at least 50% from baseline; response is lost when the score is
/// back above 50% of baseline; remission uses the instrument's cut-off (clinical
/// reference, "Measures").
public struct ResponseStatus: Equatable, Sendable {
    public var baseline: Assessment
    public var latest: Assessment
    public var inRemission: Bool
    public var responding: Bool

    /// Relapse as the maintenance policies use it: out of remission or response lost.
    /// A patient who never reached remission relapses only when response is lost.
    public var isRelapse: Bool { !responding || (!inRemission && everRemitted) }

    /// Whether the patient had reached remission before the latest score.
    public var everRemitted: Bool

    /// The status of `instrument` in `assessments` on or before `day`, or nil without a
    /// baseline and a later score.
    ///
    /// - Parameters:
    ///   - baselineBefore: scores on or before this day can serve as the baseline (the
    ///     plan's first session); the latest such score is used. Without one, the first
    ///     score is the baseline.
    public static func of(
        _ instrument: Instrument, in assessments: [Assessment], asOf day: CalendarDay,
        baselineBefore firstSession: CalendarDay?, settings: ClinicSettings
    ) -> ResponseStatus? {
        guard instrument.tracksResponse else { return nil }
        let scores = assessments.filter { $0.instrument == instrument && $0.date <= day }.sortedByDate()
        guard let baseline = baselineScore(in: scores, before: firstSession) else { return nil }
        let after = scores.filter { $0.date > baseline.date || ($0.date == baseline.date && $0 != baseline) }
        guard let latest = after.last else { return nil }
        return status(baseline: baseline, latest: latest, earlier: after.dropLast(), instrument: instrument, settings: settings)
    }

    /// The baseline score: the last one on or before the first session, else the first.
    static func baselineScore(in sorted: [Assessment], before firstSession: CalendarDay?) -> Assessment? {
        if let firstSession, let b = sorted.last(where: { $0.date <= firstSession }) { return b }
        return sorted.first
    }

    static func status(
        baseline: Assessment, latest: Assessment, earlier: ArraySlice<Assessment>,
        instrument: Instrument, settings: ClinicSettings
    ) -> ResponseStatus {
        let remission = instrument.isRemission(latest.score, settings: settings) ?? false
        // Integer arithmetic: a 50% drop means score * 2 <= baseline.
        let responding = baseline.score > 0 && latest.score * 2 <= baseline.score
        let everRemitted = earlier.contains { instrument.isRemission($0.score, settings: settings) == true }
        return ResponseStatus(baseline: baseline, latest: latest, inRemission: remission, responding: responding, everRemitted: everRemitted)
    }
}

extension Array where Element == Assessment {
    /// Sorted by date; the original order breaks ties so that sorting is stable.
    func sortedByDate() -> [Assessment] {
        enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}
