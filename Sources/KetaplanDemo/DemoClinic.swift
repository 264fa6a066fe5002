import Foundation
import KetaplanEngine

/// A realistic, obviously fictional clinic for trying ketaplan and for benchmarks:
/// patients on every built-in protocol and condition, with histories of given, missed
/// and deferred sessions and scores that respond, relapse and remit. The same seed and
/// today always give the same clinic.
public struct DemoClinic: Sendable {
    public var name: String
    public var calendar: ClinicCalendar
    public var settings: ClinicSettings
    public var charts: [PatientChart]

    /// Builds the clinic.
    /// - Parameters:
    ///   - patients: how many patients (the default demo has 40).
    ///   - seed: the random seed.
    ///   - today: histories run up to the day before; plans go forward from it.
    ///   - progress: called on the caller's thread with the number of patients made so far.
    public static func make(patients: Int = 40, seed: UInt64 = 1, today: CalendarDay, progress: (Int) -> Void = { _ in }) -> DemoClinic {
        let maker = Maker(patients: patients, seed: seed, today: today)
        return DemoClinic(name: maker.name, calendar: maker.calendar, settings: maker.settings, charts: maker.next(patients, progress: progress))
    }

    /// The clinic made as `groups` independent parts (see `Maker`).
    static func make(patients: Int, seed: UInt64, today: CalendarDay, groups: Int, progress: (Int) -> Void = { _ in }) -> DemoClinic {
        let maker = Maker(patients: patients, seed: seed, today: today, groups: groups)
        return DemoClinic(name: maker.name, calendar: maker.calendar, settings: maker.settings, charts: maker.next(patients, progress: progress))
    }

    /// Clinics of this many patients or more are made in `groupCount` parts at once.
    static let groupedFrom = 4_096
    static let groupCount = 16

    /// Makes the clinic's patients a chunk at a time, so that a large clinic can be written
    /// as it is made without holding every chart at once (`ketaplan demo`): the chunks
    /// together are exactly the clinic `make` returns for the same seed and today.
    ///
    /// Each patient's plan is laid out around the chairs the patients before it took, so
    /// making them is sequential. A large clinic is made as `groups` independent parts,
    /// each with its own share of the chairs and its own generator (patients n, n +
    /// groups, ...): the parts run on every core and the clinic is the same for the same
    /// seed whatever the machine. A small clinic is one part (the demo it always was).
    public final class Maker: @unchecked Sendable {
        public let name = "Riverside Ketamine Clinic (demo)"
        public let calendar: ClinicCalendar
        public let settings = ClinicSettings()
        /// How many patients the clinic has.
        public let patients: Int
        /// How many `next` has returned so far.
        public private(set) var made = 0
        private let today: CalendarDay
        private let parts: [Part]

        /// One part's generator and the chairs its patients took so far; only the thread
        /// making that part's patients touches it.
        final class Part: @unchecked Sendable {
            var rng: SeededGenerator
            let calendar: ClinicCalendar
            var bookings = ChairBookings()
            init(rng: SeededGenerator, calendar: ClinicCalendar) {
                self.rng = rng
                self.calendar = calendar
            }
        }

        public convenience init(patients: Int, seed: UInt64 = 1, today: CalendarDay) {
            self.init(patients: patients, seed: seed, today: today, groups: patients < groupedFrom ? 1 : groupCount)
        }

        init(patients: Int, seed: UInt64, today: CalendarDay, groups: Int) {
            // Closed on the next two public-holiday-like Mondays and at new year.
            let closed: Set<CalendarDay> = Set([today.adding(days: 18), today.adding(days: -40), today.adding(days: 46)].filter { $0.weekday != .saturday && $0.weekday != .sunday })
            let chairs = max(4, (patients + 7) / 8)
            calendar = ClinicCalendar(closedDates: closed, chairsPerDay: chairs)
            self.patients = patients
            self.today = today
            parts = (0..<groups).map { g in
                Part(rng: SeededGenerator(seed: seed &+ UInt64(g) &* 0x9E37_79B9_7F4A_7C15),
                     calendar: ClinicCalendar(closedDates: closed, chairsPerDay: chairs / groups + (g < chairs % groups ? 1 : 0)))
            }
        }

        /// The next `count` patients in order (fewer at the end, none once all are made),
        /// made by every part at once.
        /// - Parameter progress: called on the caller's thread with the number of patients
        ///   made so far, earlier chunks included.
        public func next(_ count: Int, progress: (Int) -> Void = { _ in }) -> [PatientChart] {
            let lower = made, upper = min(patients, made + max(0, count))
            guard lower < upper else { return [] }
            let results = GroupResults(count: upper - lower)
            let (parts, today, settings, groups) = (self.parts, self.today, self.settings, self.parts.count)
            let quick = patients >= DemoClinic.groupedFrom
            DispatchQueue.global().async {
                DispatchQueue.concurrentPerform(iterations: groups) { g in
                    let part = parts[g]
                    // The part's first patient at or after `lower`: n with n % groups == g.
                    let first = lower + (g - lower % groups + groups) % groups
                    for n in stride(from: first, to: upper, by: groups) {
                        let chart = makePatient(n, rng: &part.rng, today: today, calendar: part.calendar, settings: settings, bookings: part.bookings, quick: quick)
                        for d in ChairBookings.chairDays(of: chart.plan) { part.bookings.book(d) }
                        results.store(chart, at: n - lower)
                    }
                }
                results.finish()
            }
            while !results.wait(seconds: 0.1) { progress(lower + results.done) }
            made = upper
            progress(upper)
            return results.charts()
        }
    }

    /// The charts the parts make, each in its patient's place, and how many are done.
    private final class GroupResults: @unchecked Sendable {
        private let condition = NSCondition()
        private var slots: [PatientChart?]
        private var finished = false
        private var count = 0

        /// Patients made so far.
        var done: Int {
            condition.lock()
            defer { condition.unlock() }
            return count
        }

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ chart: PatientChart, at n: Int) {
            condition.lock()
            slots[n] = chart
            count += 1
            condition.unlock()
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// Whether every part has finished, waiting up to `seconds` for it.
        func wait(seconds: Double) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            if !finished { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
            return finished
        }

        func charts() -> [PatientChart] {
            condition.lock()
            defer { condition.unlock() }
            return slots.map { $0! }
        }
    }

    enum Course { case remits, relapses, noResponse }

    /// One patient, its history lived up to yesterday.
    /// - Parameter shortcuts: skip the work that cannot change the chart (the hold check
    ///   on a plan that has no end-of-induction review, the re-plan after a score that no
    ///   session's spacing reads); false does all of it, for the test that both agree.
    /// - Parameter quick: a large clinic's history (`groupedFrom` patients or more): laid
    ///   out only up to yesterday and re-planned only where a missed or deferred dose
    ///   moves sessions (not after a dose given as planned, nor after a maintenance
    ///   score), about half the work per patient. Its histories differ from a
    ///   small clinic's in session ids and, now and then, in where a past session fell
    ///   (a re-plan after each dose can move the next), never in what the engine checks
    ///   when a session is recorded; today's plans are laid out in full either way.
    static func makePatient(_ n: Int, rng: inout SeededGenerator, today: CalendarDay, calendar: ClinicCalendar,
                            settings: ClinicSettings, bookings: ChairBookings, shortcuts: Bool = true, quick: Bool = false) -> PatientChart {
        let protocols = BuiltInProtocols.all
        let proto = protocols[n % protocols.count]
        let condition: Condition
        switch proto.id.rawValue {
        case "esketamine-trd": condition = .treatmentResistantDepression
        case "esketamine-mdsi": condition = .mddWithSuicidalIdeation
        case "iv-ketamine-3x": condition = [.treatmentResistantDepression, .bipolarDepression, .majorDepression][(n / 5) % 3]
        case "iv-ketamine-2x": condition = [.ptsd, .treatmentResistantDepression][(n / 5) % 2]
        default: condition = [.generalisedAnxiety, .majorDepression][(n / 5) % 2]
        }
        let id = PatientID.numbered(n + 1)
        let age = Int.random(in: 22...78, using: &rng)
        let birth = today.adding(days: -(age * 365 + Int.random(in: 0...364, using: &rng)))
        let sex: Sex = Bool.random(using: &rng) ? .female : .male
        let height = Double(Int.random(in: (sex == .female ? 152 : 165)...(sex == .female ? 180 : 195), using: &rng))
        let weight = Double(Int.random(in: 480...1150, using: &rng)) / 10
        var screening = Screening.allClear(on: today.adding(days: -170))
        let roll = Int.random(in: 0..<20, using: &rng)
        if roll == 0 {
            screening.answers[.substanceUseDisorder] = true
            screening.acknowledged = [ScreeningAcknowledgement(item: .substanceUseDisorder, by: "dr.demo", on: screening.completedOn!, note: "in sustained remission")]
        }
        // Screening still incomplete: only for courses not begun (it holds the first dose).
        let screeningIncomplete = roll == 1
        let moodStabiliser: String? = condition == .bipolarDepression && n % 4 != 2 ? (n % 2 == 0 ? "lithium" : "valproate") : nil
        let patient = try! Patient(
            id: id, name: DemoNames.name(n), dateOfBirth: birth, sex: sex,
            weight: WeightMeasurement(kilograms: weight, measuredOn: today.adding(days: -Int.random(in: 0...60, using: &rng))),
            heightCm: height, conditions: [condition], moodStabiliser: moodStabiliser, screening: Screening())

        let start = today.adding(days: n % 9 == 8 ? Int.random(in: 1...14, using: &rng) : -Int.random(in: 0...150, using: &rng))
        if screeningIncomplete && start >= today {
            screening.answers[.cystitis] = nil
            screening.answers[.psychosis] = nil
            screening.completedOn = nil
        }
        let course: Course = [.remits, .remits, .relapses, .relapses, .noResponse][Int.random(in: 0..<5, using: &rng)]
        let instrument = patient.primaryInstrument
        let baseline = Int.random(in: Int(Double(instrument.range.upperBound) * 0.6)...Int(Double(instrument.range.upperBound) * 0.85), using: &rng)
        var chart = PatientChart(patient: patient, assessments: [
            try! Assessment(date: start.adding(days: -3), instrument: instrument, score: baseline),
            try! Assessment(date: start.adding(days: -3), instrument: .cssrs, score: condition == .mddWithSuicidalIdeation ? 2 : 0),
        ])
        chart.patient.screening = screening
        if condition == .bipolarDepression && moodStabiliser == nil {
            // The clinician decided to go ahead without one (the hold asks for this review).
            chart.reviews.append(ClinicianReview(kind: .noMoodStabiliser, on: start.adding(days: -3), by: "dr.demo", note: "declined lithium; closely monitored"))
        }
        var policy: MaintenancePolicy?
        if proto.hasMaintenance && !proto.route.isEsketamine {
            policy = [MaintenancePolicy.taperLadder(stepsDays: [7, 14, 21, 28]), .fixedInterval(days: 21),
                      .adaptive(AdaptiveMaintenance(minimumDays: 7, maximumDays: 35, stepDays: 7, startDays: 14)),
                      .learnedDurability(LearnedDurability()), .onDemand][(n / 5) % 5]
        }
        let context = { (day: CalendarDay, horizon: Int) in
            SchedulingContext(today: day, calendar: calendar, settings: settings, bookings: bookings, horizon: day.adding(days: horizon))
        }
        guard let plan = try? Scheduler(context: context(start, 60)).makePlan(
            for: chart, protocol: proto, start: start, maintenance: policy,
            preferredWeekdays: n % 6 == 5 ? [.monday, .thursday] : [], appointmentTime: try? TimeOfDay(hour: 8 + (n % 8), minute: n % 2 == 0 ? 0 : 30))
        else { return chart }
        chart.plan = plan

        // Live through the course up to yesterday.
        var given = 0
        var lastGiven: CalendarDay?
        while let next = chart.plan?.sessions.first(where: { $0.status == .planned && $0.date < today }) {
            // A large clinic's history (`quick`) lays out only as far as it has yet to
            // live through (up to yesterday), not the 60 days a clinician's plan shows.
            let scheduler = Scheduler(context: context(next.date, quick ? min(60, max(1, next.date.days(to: today))) : 60))
            // Only esketamine plans have an end-of-induction review point (`CourseRules`),
            // so only they can be held for it: other patients skip the whole hold check.
            if !shortcuts || proto.route.isEsketamine,
               HoldChecker(context: scheduler.context).holds(on: next, in: chart).contains(where: { $0.code == .inductionReview }) {
                // Esketamine week 5: the clinician assesses the induction first.
                chart = scheduler.add(ClinicianReview(kind: .endOfInduction, on: next.date, by: "dr.okafor", note: "benefit after week 4; continue"), to: chart).chart
            }
            let roll = Int.random(in: 0..<100, using: &rng)
            let outcome: SessionOutcome
            if roll < 7 {
                outcome = SessionOutcome(status: .missed, record: SessionRecord(note: "did not attend"))
            } else if roll < 10 {
                outcome = SessionOutcome(status: .deferred, record: SessionRecord(
                    bpBefore: try? BloodPressure(systolic: Int.random(in: 182...196, using: &rng), diastolic: Int.random(in: 101...108, using: &rng)),
                    note: "BP too high; deferred", deferredUntil: next.date.adding(days: Int.random(in: 2...4, using: &rng))))
            } else {
                let esketamine = proto.route.isEsketamine
                // Mostly under the esketamine 140/90 limit; now and then above it, given
                // after the clinician weighed it (an override with its reason).
                let before = roll % 12 == 0
                    ? try! BloodPressure(systolic: Int.random(in: 141...152, using: &rng), diastolic: Int.random(in: 80...94, using: &rng))
                    : try! BloodPressure(systolic: Int.random(in: 108...138, using: &rng), diastolic: Int.random(in: 64...88, using: &rng))
                // The 40-minute peak stays within 35 mmHg of the pre-dose reading and the
                // discharge reading below it, as in most sessions.
                let at40 = try! BloodPressure(systolic: min(Int.random(in: 120...158, using: &rng), before.systolic + 35),
                                              diastolic: max(Int.random(in: 72...96, using: &rng), before.diastolic))
                let discharge = try! BloodPressure(systolic: min(Int.random(in: 110...138, using: &rng), at40.systolic - 4),
                                                   diastolic: min(Int.random(in: 66...88, using: &rng), at40.diastolic - 2))
                outcome = SessionOutcome(status: .given, record: SessionRecord(
                    doseGivenMg: next.plannedDoseMg,
                    bpBefore: before,
                    bpAt40Minutes: at40,
                    bpAtDischarge: discharge,
                    minutesMonitored: esketamine ? Int.random(in: 118...140, using: &rng) : Int.random(in: 45...70, using: &rng),
                    dissociationCADSS: Int.random(in: 0...24, using: &rng), sideEffects: Int.random(in: 0..<4, using: &rng) == 0 ? ["nausea"] : [],
                    givenBy: ["dr.okafor", "rn.silva", "dr.tanaka"][Int.random(in: 0..<3, using: &rng)],
                    monitoringFormSubmittedOn: esketamine && next.date.adding(days: 3) < today && roll < 95 ? next.date.adding(days: Int.random(in: 0...3, using: &rng)) : nil),
                    overrideReason: roll % 12 == 0 ? "weighed: no cardiovascular history, recheck stable" : nil, decidedBy: "dr.okafor")
            }
            // A large clinic's history re-plans only where an outcome calls for sessions
            // to move (a missed or deferred dose); a dose given as planned keeps the plan
            // as laid out, the final re-plan below laying out everything from today.
            guard let update = try? scheduler.record(outcome, for: next.id, in: chart, replanning: !quick || outcome.status != .given) else { break }
            chart = update.chart
            if outcome.status == .given {
                given += 1
                let days = lastGiven.map { $0.days(to: next.date) } ?? 0
                lastGiven = next.date
                let value = scoreAfter(given: given, daysSincePrevious: days, baseline: baseline, course: course, phase: next.phase, instrument: instrument, rng: &rng)
                if given % 2 == 0 || next.phase == .maintenance {
                    let score = try! Assessment(date: next.date, instrument: instrument, score: value)
                    if !quick && (!shortcuts || scoresMovePlan(chart.plan)) {
                        chart = scheduler.add(score, to: chart).chart
                    } else {
                        // The plan was just re-planned in this context by `record`, and
                        // nothing it lays out depends on this score, so the re-plan `add`
                        // would run gives back the very same plan: only the score is added.
                        // A large clinic's history (`quick`) adds a maintenance score without
                        // re-planning either: its spacing follows the scores at the next
                        // re-plan (a missed or deferred dose, and the last one from today),
                        // not after every dose; a re-plan per maintenance dose was an eighth
                        // of a 100,000-patient demo's CPU.
                        chart.add(score)
                    }
                }
            }
        }
        if n % 37 == 36 {
            if quick {
                // Its history was laid out only up to yesterday: lay out from today before
                // the screen below stops scheduling, as a full history would have it.
                chart.plan = Scheduler(context: SchedulingContext(today: today, calendar: calendar, settings: settings, bookings: bookings)).replan(chart).plan
            }
            // One patient has just screened positive: scheduling stops for review.
            chart.add(try! Assessment(date: today.adding(days: -1), instrument: .cssrs, score: 3))
        }
        if condition == .bipolarDepression, given > 2 {
            chart.add(try! Assessment(date: lastGiven!, instrument: .ymrs, score: n % 8 == 2 ? 14 : 4))
        }
        chart.plan = Scheduler(context: SchedulingContext(today: today, calendar: calendar, settings: settings, bookings: bookings)).replan(chart).plan
        return chart
    }

    /// Whether adding a score (of the patient's primary scale, never a C-SSRS) can change
    /// the plan's re-plan. The layout reads the chart's scores only to space maintenance
    /// (`MaintenanceSpacing`) and to stop at a positive C-SSRS screen; a plan with no
    /// maintenance policy or a fixed interval lays out the same sessions whatever the
    /// scores, and a re-plan of a plan just re-planned in the same context returns it
    /// unchanged (same placements, so the same ids, dates, reasons and doses).
    static func scoresMovePlan(_ plan: Plan?) -> Bool {
        guard let plan, plan.status == .active else { return false }
        switch plan.maintenancePolicy {
        case nil, .fixedInterval?: return false
        default: return true
        }
    }

    /// A plausible score after `given` doses for the patient's course.
    static func scoreAfter(given: Int, daysSincePrevious: Int, baseline: Int, course: Course, phase: PhaseKind, instrument: Instrument, rng: inout SeededGenerator) -> Int {
        let noise = Int.random(in: -2...2, using: &rng)
        let b = Double(baseline)
        var value: Double
        switch course {
        case .remits:
            value = b * max(0.12, 1 - 0.16 * Double(given))
        case .relapses:
            value = b * max(0.15, 1 - 0.15 * Double(given))
            if phase == .maintenance { value += Double(daysSincePrevious) / 7 * b * 0.12 }
        case .noResponse:
            value = b * max(0.7, 1 - 0.03 * Double(given))
        }
        return min(instrument.range.upperBound, max(0, Int(value.rounded()) + noise))
    }
}
