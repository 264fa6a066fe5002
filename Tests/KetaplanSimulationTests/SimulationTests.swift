import KetaplanEngine
@testable import KetaplanSimulation
import Testing

@Suite struct SimulationTests {
    /// A short run: enough patients and days for every policy to act.
    static func small(seed: UInt64 = 7, policies: [NamedPolicy] = NamedPolicy.defaults) -> Simulation {
        Simulation(seed: seed, patients: 12, days: 120, policies: policies)
    }

    /// The short run's result, worked out once for the tests that only read it.
    static let smallResult = Result { try small().run(threads: 2) }

    @Test func theSameSeedGivesTheSameFiguresOnAnyNumberOfThreads() throws {
        let one = try Self.small().run(threads: 1)
        let two = try Self.smallResult.get()
        #expect(one == two)
        #expect(one.summaries.count == NamedPolicy.defaults.count)
        #expect(one.summaries.allSatisfy { $0.patients > 0 && $0.sessionsPerYear > 0 })
        let fixed = [try NamedPolicy("fixed:14")]
        #expect(try Self.small(seed: 8, policies: fixed).run() != Self.small(policies: fixed).run(), "a different seed draws a different cohort")
    }

    @Test func everyPolicyMeetsTheSamePatients() throws {
        let sim = Self.small()
        let cohort = sim.cohort()
        #expect(cohort == sim.cohort())
        // Patient traits do not depend on the policies compared or on the cohort's size.
        let bigger = Simulation(seed: 7, patients: 48, days: 150).cohort()
        #expect(Array(bigger.prefix(cohort.count)) == cohort)
    }

    /// The simulator plays the patient only: replaying its calls through the scheduler
    /// exactly as `ketaplan` commands make them (default context, six-month horizon)
    /// gives the same sessions on the same days and the same scores. A different
    /// policy parameter changes the simulation and the clinic path alike.
    @Test(arguments: ["durability", "durability:10", "adaptive", "adaptive:14-28/7", "fixed:21", "taper:7,14,21,28", "on-demand"])
    func theSimulationUsesTheClinicsSchedulerAndPolicies(_ text: String) throws {
        let policy = try MaintenancePolicy(text: text)
        let simulator = Simulator(model: PatientModel(), seed: 3, days: 160)
        let patient = (0..<40).map { SimulatedPatient(index: $0, model: simulator.model, seed: 3) }.first { $0.responder }!
        let trace = try simulator.trace(patient, policy: policy)
        #expect(trace.run.enteredMaintenance)
        #expect(trace.run.maintenanceSessions > 0 || policy == .onDemand)

        // The clinic path.
        var chart = simulator.initialChart(patient)
        let start = chart.assessments[0].date.adding(days: 1)
        let calendar = ClinicCalendar()
        func scheduler(_ day: CalendarDay) -> Scheduler { Scheduler(context: SchedulingContext(today: day, calendar: calendar)) }
        chart.plan = try scheduler(start).makePlan(for: chart, protocol: BuiltInProtocols.ivKetamine3x, start: start, maintenance: policy)
        for event in trace.events {
            switch event {
            case .score(let assessment):
                chart = scheduler(assessment.date).add(assessment, to: chart).chart
            case .record(_, let status, let day):
                let session = try #require(chart.plan?.sessions.first { $0.status == .planned && $0.date == day },
                                           "the clinic's plan has a session on \(day) where the simulation recorded one")
                chart = try scheduler(day).record(SessionOutcome(status: status), for: session.id, in: chart).chart
            case .review(let review):
                chart = scheduler(review.on).add(review, to: chart).chart
            case .status(let status, let day):
                chart = try scheduler(day).setStatus(status, in: chart).chart
            }
        }
        func recorded(_ c: PatientChart) -> [String] {
            (c.plan?.sessions ?? []).filter { $0.status != .planned }.map { "\($0.date) \($0.phase) \($0.status)" }
        }
        #expect(recorded(chart) == recorded(trace.chart))
        #expect(chart.assessments == trace.chart.assessments)
        #expect(chart.reviews == trace.chart.reviews)
        // The next session the simulation would have given is the clinic's next one too.
        let lastDay = trace.chart.assessments.last!.date
        let simulatedNext = trace.chart.plan?.sessions.first { $0.status == .planned && $0.date > lastDay }?.date
        let clinicNext = scheduler(lastDay).replan(chart).plan.sessions.first { $0.status == .planned && $0.date > lastDay }?.date
        #expect(simulatedNext == clinicNext)
    }

    @Test func aPolicysParameterChangesTheSimulation() throws {
        let simulator = Simulator(model: PatientModel(), seed: 3, days: 240)
        let cohort = (0..<16).map { SimulatedPatient(index: $0, model: simulator.model, seed: 3) }
        func sessions(_ policy: MaintenancePolicy) throws -> Int {
            try cohort.reduce(0) { $0 + (try simulator.run($1, policy: policy)).maintenanceSessions }
        }
        #expect(try sessions(.learnedDurability(LearnedDurability(minimumDays: 7))) > sessions(.learnedDurability(LearnedDurability(minimumDays: 14))),
                "a longer shortest interval books fewer boosters")
        #expect(try sessions(MaintenancePolicy(text: "adaptive:7-42/7")) > sessions(MaintenancePolicy(text: "adaptive:21-42/7")))
    }

    /// Relapse days are counted from the model's durability: with no maintenance in the
    /// window a responder is in relapse from the day their series wears off.
    @Test func relapseDaysFollowTheDurabilityWithoutMaintenance() throws {
        var model = PatientModel()
        model.missedRate = 0
        model.driftShare = 0
        let simulator = Simulator(model: model, seed: 11, days: 120)
        for patient in (0..<12).map({ SimulatedPatient(index: $0, model: model, seed: 11) }) where patient.responder {
            let trace = try simulator.trace(patient, policy: .fixedInterval(days: 365))
            let lastInduction = trace.chart.plan!.sessions.filter { $0.status == .given }.map(\.date).max()!
            let day = trace.chart.assessments[0].date.adding(days: 1).days(to: lastInduction)
            let durability = patient.durability(afterDoseOn: day, draws: Draws(seed: 11, patient: patient.index), model: model)
            #expect(trace.run.maintenanceSessions == 0)
            #expect(trace.run.maintenanceDays == 120 - day - 1)
            #expect(trace.run.relapseDays == max(0, trace.run.maintenanceDays - durability))
        }
    }

    @Test func missedSessionsAreMadeUpByTheScheduler() throws {
        var model = PatientModel()
        model.missedRate = 0.3
        let simulator = Simulator(model: model, seed: 5, days: 200)
        let patient = (0..<40).map { SimulatedPatient(index: $0, model: model, seed: 5) }.first { $0.responder }!
        let trace = try simulator.trace(patient, policy: .fixedInterval(days: 14))
        let sessions = trace.chart.plan!.sessions
        #expect(sessions.contains { $0.status == .missed })
        #expect(sessions.filter { $0.phase == .induction && $0.status == .given }.count == 6, "the induction series is completed despite misses")
    }

    @Test func nonRespondersStopAfterInduction() throws {
        let simulator = Simulator(model: PatientModel(), seed: 2, days: 200)
        let patient = (0..<40).map { SimulatedPatient(index: $0, model: simulator.model, seed: 2) }.first { !$0.responder }!
        let trace = try simulator.trace(patient, policy: .fixedInterval(days: 14))
        #expect(trace.chart.plan?.status == .discontinued)
        #expect(!trace.run.enteredMaintenance)
        #expect(trace.chart.plan!.sessions.allSatisfy { $0.phase != .maintenance })
    }

    @Test func theModelRefusesUnusableParametersAndNamesThem() throws {
        var model = PatientModel()
        model.responseRate = 1.5
        #expect(throws: SimulationError.invalidModel("the response rate must be a share from 0 to 1, not 1.5")) { try model.validate() }
        model.responseRate = 1
        try model.validate()
        model.protocolID = "esketamine-mdsi"
        #expect(throws: SimulationError.self) { try model.validate() }
        model.protocolID = "esketamine-trd"
        try model.validate()
        #expect(throws: SimulationError.invalidRun("days must be 28-3650, not 5")) { try Simulation(days: 5).validate() }
    }

    @Test func thePlotMarksEveryPolicyAndTheFrontier() throws {
        let result = try Self.smallResult.get()
        let lines = FrontierPlot.lines(result)
        for (letter, summary) in zip("ABCDEFGH", result.summaries) {
            let legend = try #require(lines.first { $0.hasPrefix("  \(letter)  \(summary.policy)") })
            #expect(legend.hasSuffix("(on the frontier)") == result.frontier.contains(summary.policy))
            #expect(lines.contains { $0.contains("|") && $0.contains(letter) })
        }
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) && $0.last != " " })
    }

    @Test func theFrontierHoldsOnlyUndominatedPolicies() throws {
        let result = try Self.smallResult.get()
        for s in result.summaries {
            let dominated = result.summaries.contains { s.isDominated(by: $0) }
            #expect(result.frontier.contains(s.policy) == !dominated)
        }
    }
}
