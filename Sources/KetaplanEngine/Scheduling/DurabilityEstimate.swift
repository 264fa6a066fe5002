/// How long a patient stays well after a dose, estimated from every interval that has
/// ended: an interval that ended in relapse is an event at that many days; one that
/// reached the next dose without relapse is censored (the patient lasted at least that
/// long). Ignoring censored intervals would bias the estimate short.
///
/// Model: time to relapse is exponential with an unknown rate whose prior is a gamma
/// distribution matching the population (median `priorMedianDays`, worth `priorWeight`
/// relapses). With E relapses and T days observed in all (events and censored), the
/// posterior rate is (w + E) / (w * m0 / ln 2 + T), so the estimated median time to
/// relapse is (w * m0 + ln 2 * T) / (w + E). It equals the population figure before any
/// interval ends, moves towards the patient's own course as intervals end, and never
/// shortens when an interval without relapse is added (T grows, E does not).
public struct DurabilityEstimate: Equatable, Sendable {
    /// One interval after a dose.
    public struct Observation: Equatable, Sendable {
        /// The dose the interval starts at.
        public var start: CalendarDay
        /// Days to the relapse (event) or to the next dose (censored).
        public var days: Int
        public var relapsed: Bool

        public init(start: CalendarDay, days: Int, relapsed: Bool) {
            self.start = start
            self.days = days
            self.relapsed = relapsed
        }
    }

    public var observations: [Observation]
    /// The estimated median days to relapse.
    public var medianDays: Double

    static let ln2 = 0.6931471805599453

    /// The estimate from `observations` under the policy's prior.
    public init(observations: [Observation], prior: LearnedDurability) {
        self.observations = observations
        let w = Double(prior.priorWeight)
        let events = Double(observations.filter(\.relapsed).count)
        let exposure = Double(observations.reduce(0) { $0 + $1.days })
        medianDays = (w * Double(prior.priorMedianDays) + Self.ln2 * exposure) / (w + events)
    }

    /// The estimate for a chart: intervals start at the course's last induction dose and
    /// at every maintenance dose given after it; an interval counts only once the patient
    /// has responded (before a response there is nothing to relapse from).
    public init(chart: PatientChart, settings: ClinicSettings, today: CalendarDay, prior: LearnedDurability) {
        self.init(observations: Self.observations(chart: chart, settings: settings, today: today), prior: prior)
    }

    /// The intervals of `chart` that have ended by `today`.
    public static func observations(chart: PatientChart, settings: ClinicSettings, today: CalendarDay) -> [Observation] {
        observations(chart: chart, course: ResponseCourse(chart: chart, settings: settings, asOf: today), today: today)
    }

    /// The same, reading the scores through a course already worked out up to `today`
    /// (maintenance spacing has one; re-reading every score is most of the cost).
    static func observations(chart: PatientChart, course: ResponseCourse, today: CalendarDay) -> [Observation] {
        // Intervals count once the series is over (none of its sessions still planned).
        guard let plan = chart.plan, !plan.sessions.contains(where: { $0.phase != .maintenance && $0.status == .planned }) else { return [] }
        let given = plan.sessions.filter { $0.status == .given && $0.date <= today }
        guard let seriesEnd = given.filter({ $0.phase != .maintenance }).map(\.date).max() else { return [] }
        let starts = given.map(\.date).filter { $0 >= seriesEnd }.sorted()
        var out: [Observation] = []
        for (i, start) in starts.enumerated() {
            let next = i + 1 < starts.count ? starts[i + 1] : nil
            if let relapse = course.readings(afterDoseOn: start, beforeDoseOn: next).first(where: \.isRelapse) {
                // A score after the dose on the dose's own day is a relapse that same day (0).
                out.append(Observation(start: start, days: start.days(to: relapse.assessment.date), relapsed: true))
            } else if let next, course.hasResponded(by: next, includeAfterDose: false) {
                out.append(Observation(start: start, days: start.days(to: next), relapsed: false))
            }
        }
        return out
    }

    /// The estimated median in whole days, rounded down (a booster too early is safer
    /// than one too late).
    public var wholeDays: Int { Int(medianDays.rounded(.down)) }

    /// "relapse after 12 and 15 days; 2 intervals of 21 days without relapse; estimated
    /// median 19 days".
    public var summary: String {
        let events = observations.filter(\.relapsed).map(\.days)
        let censored = observations.filter { !$0.relapsed }.map(\.days)
        var parts: [String] = []
        if events.isEmpty {
            parts.append("no relapse seen yet")
        } else if events.allSatisfy({ $0 > 1 }) {
            parts.append("relapse after " + Self.list(events) + " days")
        } else {
            parts.append("relapse " + Self.list(events.map { $0 == 0 ? "the same day as the dose" : "after " + Self.days($0) }))
        }
        if !censored.isEmpty {
            let counts = Dictionary(grouping: censored, by: { $0 }).sorted { $0.key < $1.key }
            let groups = counts.map { $0.value.count == 1 ? "1 interval of \(Self.days($0.key))" : "\($0.value.count) intervals of \(Self.days($0.key))" }
            parts.append(Self.list(groups) + " without relapse")
        }
        if observations.isEmpty { parts.append("population prior only") }
        parts.append("estimated median \(wholeDays) days")
        return parts.joined(separator: "; ")
    }

    /// "1 day", "14 days".
    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

    static func list<T: CustomStringConvertible>(_ items: [T]) -> String {
        let words = items.map(\.description)
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}
