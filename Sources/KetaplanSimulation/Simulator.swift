import KetaplanEngine

/// Runs one synthetic patient through the real engine, day by day, as a clinic would:
/// the plan comes from `Scheduler.makePlan`; on each session's day the patient comes
/// (or misses it), a score is taken and added with `Scheduler.add`, and the dose is
/// recorded with `Scheduler.record`; self-reported scores between visits are added the
/// same way; the end-of-induction review is recorded, or the plan discontinued for a
/// patient who did not respond. Every date comes from the engine: the simulator holds
/// no copy of any policy's logic, it only plays the patient.
///
/// The engine is called only on days when something happens (a visit, a score): a
/// re-plan on a day when nothing changed gives the same next session, because recorded
/// sessions and scores are all a re-plan reads apart from today.
public struct Simulator: Sendable {
    public var model: PatientModel
    public var seed: UInt64
    /// Days simulated from each patient's plan start.
    public var days: Int
    public var calendar: ClinicCalendar
    public var settings: ClinicSettings

    /// The cohort's first day (a Monday); patients start on it or up to 6 days later.
    public static let firstDay = CalendarDay(daysSinceEpoch: 20_822)

    public init(model: PatientModel, seed: UInt64, days: Int, calendar: ClinicCalendar = ClinicCalendar(), settings: ClinicSettings = ClinicSettings()) {
        self.model = model
        self.seed = seed
        self.days = days
        self.calendar = calendar
        self.settings = settings
    }

    /// The patient's chart before the plan: who they are and their baseline score.
    public func initialChart(_ patient: SimulatedPatient) -> PatientChart {
        let start = startDay(patient)
        let person = try! Patient(
            id: PatientID.numbered(patient.index + 1), name: "Simulated patient \(patient.index + 1)",
            dateOfBirth: start.adding(days: -(patient.ageYears * 365 + 100)),
            weight: try! WeightMeasurement(kilograms: patient.weightKg, measuredOn: start.adding(days: -7)),
            heightCm: 170, conditions: [model.condition], screening: .allClear(on: start.adding(days: -7)))
        let baseline = try! Assessment(date: start.adding(days: -1), instrument: model.condition.primaryInstrument, score: patient.baseline)
        return PatientChart(patient: person, assessments: [baseline])
    }

    func startDay(_ patient: SimulatedPatient) -> CalendarDay { Simulator.firstDay.adding(days: patient.startOffset) }

    /// The context the engine plans in on `today`. Other patients' chairs are not
    /// modelled (the clinic is assumed to have room); the horizon reaches past the
    /// policy's longest interval so the next session is always on the plan.
    public func context(today: CalendarDay, policy: MaintenancePolicy) -> SchedulingContext {
        SchedulingContext(today: today, calendar: calendar, settings: settings, horizon: today.adding(days: Simulator.reach(of: policy) + 14))
    }

    /// The longest interval a policy can ask for.
    static func reach(of policy: MaintenancePolicy) -> Int {
        switch policy {
        case .fixedInterval(let d): return d
        case .taperLadder(let steps): return steps.max() ?? 28
        case .adaptive(let a): return a.maximumDays
        case .learnedDurability(let l): return l.maximumDays
        case .onDemand: return 28
        }
    }

    /// A trace of one run, for tests and for `--trace`-style inspection.
    public struct Trace: Sendable {
        public var run: PatientRun
        public var chart: PatientChart
        public var events: [SimulationEvent]
    }

    /// Simulates `patient` under `policy`.
    /// - Throws: `SimulationError.invalidRun` when the engine refuses an edit the clinic
    ///   would make (which would be a fault in the model or the engine).
    public func run(_ patient: SimulatedPatient, policy: MaintenancePolicy) throws(SimulationError) -> PatientRun {
        var events: [SimulationEvent]? = nil
        return try simulate(patient, policy: policy, events: &events).run
    }

    /// Simulates `patient` under `policy` and keeps every event and the final chart.
    public func trace(_ patient: SimulatedPatient, policy: MaintenancePolicy) throws(SimulationError) -> Trace {
        var events: [SimulationEvent]? = []
        let (run, chart) = try simulate(patient, policy: policy, events: &events)
        return Trace(run: run, chart: chart, events: events ?? [])
    }

    private func simulate(_ patient: SimulatedPatient, policy: MaintenancePolicy, events: inout [SimulationEvent]?) throws(SimulationError) -> (run: PatientRun, chart: PatientChart) {
        guard let proto = model.treatmentProtocol else { throw .invalidModel("no protocol with maintenance") }
        let draws = Draws(seed: seed, patient: patient.index)
        let start = startDay(patient)
        let instrument = model.condition.primaryInstrument
        var chart = initialChart(patient)
        do {
            chart.plan = try Scheduler(context: context(today: start, policy: policy)).makePlan(for: chart, protocol: proto, start: start, maintenance: policy)
        } catch {
            throw .invalidRun("the engine refused the plan: \(error.description)")
        }
        let inductionSessions = proto.phases.filter { $0.kind != .maintenance }.reduce(0) { total, phase in
            switch phase.length {
            case .sessions(let n): return total + n
            case .weeks(let w): return total + w * phase.sessionsPerWeek
            case .openEnded: return total
            }
        }

        var run = PatientRun()
        var wellUntil = Int.min          // last day (from start) of the current dose's benefit
        var maintenanceFrom: Int?        // first day of the maintenance window
        var countedTo = 0                // relapse days are counted up to (not including) this day
        var lastDose: Int?
        var inductionGiven = 0
        var nextReport = Int.max

        func countRelapse(to day: Int) {
            guard let from = maintenanceFrom else { countedTo = day; return }
            let first = max(countedTo, from, wellUntil &+ 1)
            if day > first { run.relapseDays += day - first }
            countedTo = max(countedTo, day)
        }
        func trueScore(on day: Int) -> Int {
            let mean: Double
            if maintenanceFrom != nil {
                mean = day > wellUntil ? patient.relapseScore : patient.wellScore
            } else {
                // Induction: responders improve steadily towards their usual well score;
                // non-responders improve by less than half.
                let progress = Double(min(inductionGiven, inductionSessions)) / Double(max(1, inductionSessions))
                let target = patient.responder ? patient.wellScore : Double(patient.baseline) * 0.75
                mean = Double(patient.baseline) + (target - Double(patient.baseline)) * progress
            }
            let noisy = (mean + model.scoreNoise * draws.normal(day: day, .noiseA, .noiseB)).rounded()
            return min(instrument.range.upperBound, max(instrument.range.lowerBound, Int(noisy)))
        }
        var lastScoreDay = Int.min
        func addScore(on day: Int) {
            guard day != lastScoreDay else { return }
            lastScoreDay = day
            let assessment = try! Assessment(date: start.adding(days: day), instrument: instrument, score: trueScore(on: day))
            chart = Scheduler(context: context(today: start.adding(days: day), policy: policy)).add(assessment, to: chart).chart
            events?.append(.score(assessment))
        }

        while true {
            let today = start.adding(days: countedTo)
            guard let plan = chart.plan, plan.status == .active else { break }
            let next = plan.sessions.first { $0.status == .planned && $0.date >= today }
            let sessionDay = next.map { start.days(to: $0.date) } ?? Int.max
            // The scoring visits the engine asks for (on-demand maintenance): booked as
            // the clinic would, a score and no dose.
            let visit = ScoringVisits.days(for: chart, calendar: calendar, settings: settings, today: today, through: start.adding(days: days)).first
            let visitDay = visit.map { start.days(to: $0) } ?? Int.max
            let day = min(sessionDay, nextReport, visitDay)
            guard day < days else { break }
            countRelapse(to: day)
            let date = start.adding(days: day)
            let scheduler = Scheduler(context: context(today: date, policy: policy))

            if day == nextReport {
                nextReport = day + model.selfReportEveryDays
                // A self-report on a visit day is the visit's own score.
                if sessionDay != day, draws.unit(day: day, .selfReport) < model.selfReportCompletion { addScore(on: day) }
            }
            if day == visitDay, sessionDay != day {
                if draws.unit(day: day, .missed) >= model.missedRate { addScore(on: day) }
                countRelapse(to: day + 1)
                continue
            }
            guard day == sessionDay, let session = next else { continue }
            let isMaintenance = session.phase == .maintenance
            if draws.unit(day: day, .missed) < model.missedRate {
                chart = try record(.missed, session.id, in: chart, scheduler)
                events?.append(.record(session.id, .missed, on: date))
                if isMaintenance { run.missedSessions += 1 }
                countRelapse(to: day + 1)
                continue
            }
            // The score taken before the dose (the baseline serves the first session).
            if inductionGiven > 0 || isMaintenance { addScore(on: day) }
            // A score can move today's session (a longer score-driven interval): then
            // the patient goes home without a dose, as the plan now says.
            guard let still = chart.plan?.sessions.first(where: { $0.status == .planned && $0.date == date }) else {
                countRelapse(to: day + 1)
                continue
            }
            chart = try record(.given, still.id, in: chart, scheduler)
            events?.append(.record(still.id, .given, on: date))
            countRelapse(to: day + 1)
            if let lastDose, maintenanceFrom != nil {
                run.intervalDaysTotal += day - lastDose
                run.intervalCount += 1
            }
            lastDose = day
            if still.phase == .maintenance {
                run.maintenanceSessions += 1
                wellUntil = day + patient.durability(afterDoseOn: day, draws: draws, model: model)
            } else {
                inductionGiven += 1
                let inductionLeft = chart.plan?.sessions.contains { $0.phase != .maintenance && $0.status == .planned } ?? false
                if !inductionLeft {
                    // The end-of-induction assessment: responders go on to maintenance,
                    // the others stop.
                    if patient.responder {
                        let review = ClinicianReview(kind: .endOfInduction, on: date, by: "simulation", note: "responded")
                        chart = scheduler.add(review, to: chart).chart
                        events?.append(.review(review))
                        maintenanceFrom = day + 1
                        run.enteredMaintenance = true
                        wellUntil = day + patient.durability(afterDoseOn: day, draws: draws, model: model)
                        if model.selfReportEveryDays > 0 { nextReport = day + model.selfReportEveryDays }
                    } else {
                        do { chart = try scheduler.setStatus(.discontinued, in: chart).chart } catch {
                            throw .invalidRun("the engine refused to discontinue: \(error.description)")
                        }
                        events?.append(.status(.discontinued, on: date))
                    }
                }
            }
            countRelapse(to: day + 1)
        }
        countRelapse(to: days)
        if let from = maintenanceFrom { run.maintenanceDays = max(0, days - from) }
        return (run, chart)
    }

    private func record(_ status: SessionStatus, _ id: SessionID, in chart: PatientChart, _ scheduler: Scheduler) throws(SimulationError) -> PatientChart {
        do { return try scheduler.record(SessionOutcome(status: status), for: id, in: chart).chart } catch {
            throw .invalidRun("the engine refused to record session \(id) as \(status): \(error.description)")
        }
    }
}
