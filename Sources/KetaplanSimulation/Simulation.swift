import Dispatch
import KetaplanEngine

/// A whole run: a cohort drawn from the model and the seed, every policy applied to
/// every patient, summarised per policy with the Pareto frontier. The same settings
/// always give the same result, however many threads run it.
public struct Simulation: Sendable {
    public var simulator: Simulator
    public var patients: Int
    public var policies: [NamedPolicy]

    public init(model: PatientModel = PatientModel(), seed: UInt64 = 1, patients: Int = 1000, days: Int = 365,
                policies: [NamedPolicy] = NamedPolicy.defaults) {
        simulator = Simulator(model: model, seed: seed, days: days)
        self.patients = patients
        self.policies = policies
    }

    /// Checks the run and the model.
    /// - Throws: `SimulationError` naming what to change.
    public func validate() throws(SimulationError) {
        try simulator.model.validate()
        guard (1...1_000_000).contains(patients) else { throw .invalidRun("patients must be 1-1000000, not \(patients)") }
        guard (28...3650).contains(simulator.days) else { throw .invalidRun("days must be 28-3650, not \(simulator.days)") }
        guard !policies.isEmpty else { throw .invalidRun("name at least one policy") }
        let names = policies.map(\.name)
        guard Set(names).count == names.count else { throw .invalidRun("a policy is named twice") }
    }

    /// The cohort's patients.
    public func cohort() -> [SimulatedPatient] {
        (0..<patients).map { SimulatedPatient(index: $0, model: simulator.model, seed: simulator.seed) }
    }

    /// The result of a run.
    public struct Result: Equatable, Sendable, Codable {
        public var summaries: [PolicySummary]
        /// Names of the policies on the Pareto frontier of (days in relapse, sessions),
        /// fewest sessions first.
        public var frontier: [String]
        public var patients: Int
        public var responders: Int
    }

    /// Runs every policy on every patient, on `threads` threads.
    /// - Parameter progress: called now and then with (patient-runs done, total), from
    ///   any thread.
    /// - Throws: `SimulationError` when the engine refuses an edit.
    public func run(threads: Int = 1, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(SimulationError) -> Result {
        try validate()
        let cohort = cohort()
        let total = cohort.count * policies.count
        let chunk = 25
        let chunksPerPolicy = (cohort.count + chunk - 1) / chunk
        let jobs = chunksPerPolicy * policies.count
        let box = RunBox(policies: policies.count, patients: cohort.count)
        let simulator = simulator
        let policies = policies
        let work: @Sendable (Int) -> Void = { job in
            let p = job / chunksPerPolicy
            let lower = (job % chunksPerPolicy) * chunk
            let upper = min(cohort.count, lower + chunk)
            var runs: [PatientRun] = []
            runs.reserveCapacity(upper - lower)
            do throws(SimulationError) {
                for i in lower..<upper { runs.append(try simulator.run(cohort[i], policy: policies[p].policy)) }
            } catch {
                box.fail(error)
                return
            }
            let done = box.store(runs, policy: p, at: lower)
            progress?(done, total)
        }
        if threads <= 1 {
            for job in 0..<jobs { work(job) }
        } else {
            // Hand out jobs one at a time from a shared counter so a slow chunk does not
            // hold a whole thread's share back.
            let counter = JobCounter()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while let job = counter.next(below: jobs) { work(job) }
            }
        }
        if let error = box.error { throw error }
        let durabilities = cohort.map(\.durabilityDays)
        let summaries = policies.indices.map { PolicySummary(policy: policies[$0].name, runs: box.runs(policy: $0), durabilities: durabilities) }
        let frontier = summaries.filter { s in !summaries.contains { s.isDominated(by: $0) } }
            .sorted { ($0.sessionsPerYear, $0.relapseDaysPerYear) < ($1.sessionsPerYear, $1.relapseDaysPerYear) }.map(\.policy)
        return Result(summaries: summaries, frontier: frontier, patients: cohort.count, responders: cohort.filter(\.responder).count)
    }
}
