import KetaplanEngine
import KetaplanSimulation
import Testing

/// The engine's goal (issue 12): on the default cohort, learned durability and
/// score-driven maintenance each reach fewer days in relapse than every fixed interval
/// that uses no more sessions, and use no more sessions than every fixed interval with
/// no more days in relapse.
///
/// It runs the whole default cohort (the defaults of `ketaplan simulate`: 1,000 patients,
/// seed 1, 365 days), the same figures docs/maintenance-evidence.md gives; Package.swift
/// compiles the engine and the simulation optimised in debug builds so this takes seconds.
@Suite struct FrontierGoalTests {
    @Test func personalisedPoliciesAreOnTheFrontierAgainstEveryFixedInterval() throws {
        let policies = try ["fixed:7", "fixed:14", "fixed:21", "fixed:28", "adaptive", "durability"].map { try NamedPolicy($0) }
        let result = try Simulation(policies: policies).run(threads: 2)
        #expect(result.patients == 1000)
        #expect(result.responders > result.patients / 2)
        let fixed = result.summaries.filter { $0.policy.hasPrefix("fixed:") }
        for name in ["adaptive", "durability"] {
            let personal = try #require(result.summaries.first { $0.policy == name })
            for f in fixed {
                #expect(personal.holdsFrontierGoal(against: f),
                        "\(name) (\(personal.relapseDaysPerYear) relapse days, \(personal.sessionsPerYear) sessions) against \(f.policy) (\(f.relapseDaysPerYear), \(f.sessionsPerYear))")
            }
        }
    }
}
