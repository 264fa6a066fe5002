/// A patient's scores read as one course: every tracked scale (`Patient.trackedInstruments`)
/// against its own baseline, in the order they were taken (a score on a dosing day comes
/// before that day's dose unless it was marked `afterDose`).
///
/// Relapse is only possible after a response: a scale relapses when it had shown response
/// and then loses it (or leaves remission after reaching it). Before any response the
/// patient has "no response yet", never a relapse.
public struct ResponseCourse: Sendable {
    /// One tracked score and what it shows.
    public struct Reading: Equatable, Sendable {
        public var assessment: Assessment
        public var baseline: Assessment
        public var responding: Bool
        public var inRemission: Bool
        /// This scale had shown response (or remission) before and now has lost it.
        public var isRelapse: Bool

        /// "PHQ-9 13 on 2026-02-09".
        public var label: String { "\(assessment.instrument.name) \(assessment.score) on \(assessment.date)" }
    }

    /// Readings in the order the scores were taken, up to `asOf`.
    public let readings: [Reading]

    /// - Parameters:
    ///   - asOf: scores after this day are ignored.
    public init(chart: PatientChart, settings: ClinicSettings, asOf day: CalendarDay) {
        let tracked = chart.patient.trackedInstruments
        let sessions = chart.plan?.sessions ?? []
        let firstDose = sessions.first { $0.status == .given }?.date ?? sessions.first { $0.status.isDose }?.date
        let ordered = chart.assessments.enumerated()
            .filter { tracked.contains($0.element.instrument) && $0.element.date <= day }
            .sorted { ($0.element.date, $0.element.afterDose ? 1 : 0, $0.offset) < ($1.element.date, $1.element.afterDose ? 1 : 0, $1.offset) }
            .map(\.element)
        var baselines: [Instrument: Assessment] = [:]
        for instrument in tracked {
            let scores = ordered.filter { $0.instrument == instrument }
            if let firstDose, let before = scores.last(where: { !$0.isAfterDose(on: firstDose) }) {
                baselines[instrument] = before
            } else if let first = scores.first {
                baselines[instrument] = first
            }
        }
        var responded: Set<Instrument> = []
        var remitted: Set<Instrument> = []
        var readings: [Reading] = []
        var passedBaseline: Set<Instrument> = []
        for a in ordered {
            guard let baseline = baselines[a.instrument] else { continue }
            if !passedBaseline.contains(a.instrument) {
                if a == baseline { passedBaseline.insert(a.instrument) }
                continue
            }
            let remission = a.instrument.isRemission(a.score, settings: settings) ?? false
            // Integer arithmetic: a 50% drop means score * 2 <= baseline.
            let responding = baseline.score > 0 && a.score * 2 <= baseline.score
            let lost = !responding || (!remission && remitted.contains(a.instrument))
            let relapse = responded.contains(a.instrument) && lost
            readings.append(Reading(assessment: a, baseline: baseline, responding: responding, inRemission: remission, isRelapse: relapse))
            if responding || remission { responded.insert(a.instrument) }
            if remission { remitted.insert(a.instrument) }
        }
        self.readings = readings
        firstResponse = readings.first { $0.responding }
    }

    /// The first reading that showed response, if any.
    public let firstResponse: Reading?

    /// Whether any tracked scale showed response on or before `day` (a same-day score
    /// counts when it was taken before that day's dose, unless `includeAfterDose`).
    public func hasResponded(by day: CalendarDay, includeAfterDose: Bool = true) -> Bool {
        // The condition holds for a prefix of the readings' order, so the first response
        // decides.
        guard let first = firstResponse?.assessment else { return false }
        return first.date < day || (first.date == day && (includeAfterDose || !first.afterDose))
    }

    /// The latest reading of each scale, latest first.
    public var latestPerScale: [Reading] {
        var seen: Set<Instrument> = []
        return readings.reversed().filter { seen.insert($0.assessment.instrument).inserted }
    }

    /// The relapse the latest scores show, if the patient is in relapse now: the latest
    /// reading of some scale is a relapse.
    public var currentRelapse: Reading? { latestPerScale.first { $0.isRelapse } }

    /// Readings taken after a dose on `from` and before a dose on `to` (exclusive ends
    /// by the before/after-dose rule); `to` nil means up to the end.
    public func readings(afterDoseOn from: CalendarDay, beforeDoseOn to: CalendarDay?) -> [Reading] {
        // Readings are in (date, before/after dose) order, so "after a dose on a day"
        // holds for a suffix of them: both ends are found by binary search.
        let lower = firstIndex(afterDoseOn: from)
        let upper = to.map { max(lower, firstIndex(afterDoseOn: $0)) } ?? readings.count
        return Array(readings[lower..<upper])
    }

    /// The index of the first reading taken after a dose on `day`.
    private func firstIndex(afterDoseOn day: CalendarDay) -> Int {
        var low = 0, high = readings.count
        while low < high {
            let mid = (low + high) / 2
            if readings[mid].assessment.isAfterDose(on: day) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
