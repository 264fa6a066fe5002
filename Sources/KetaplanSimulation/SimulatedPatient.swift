#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KetaplanDemo
import KetaplanEngine

/// One synthetic patient's fixed traits, drawn once from the model and the seed, so
/// every policy treats the same patient.
public struct SimulatedPatient: Equatable, Sendable {
    /// Position in the cohort (0-based); also addresses the patient's day-by-day draws.
    public var index: Int
    /// Whether the induction series works for this patient.
    public var responder: Bool
    /// Score before the series.
    public var baseline: Int
    /// The patient's usual score while well (responders).
    public var wellScore: Double
    /// The patient's usual score in relapse.
    public var relapseScore: Double
    /// Days a dose usually keeps this patient well (before drift and dose-to-dose variation).
    public var durabilityDays: Double
    /// Factor the durability has moved by after a year (1: no drift).
    public var driftAfterYear: Double
    /// Days after the cohort's first day on which this patient's plan starts (0-6), so
    /// that plans begin on every weekday.
    public var startOffset: Int
    public var weightKg: Double
    public var ageYears: Int

    /// Draws patient `index` of the cohort.
    public init(index: Int, model: PatientModel, seed: UInt64) {
        var rng = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        func normal() -> Double {
            let u = max(unit(), 0x1p-53)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * unit())
        }
        self.index = index
        responder = unit() < model.responseRate
        baseline = Int.random(in: model.baselineScores, using: &rng)
        let well = model.wellFraction.lowerBound + (model.wellFraction.upperBound - model.wellFraction.lowerBound) * unit()
        wellScore = Double(baseline) * well
        relapseScore = Double(baseline) * model.relapseFraction
        durabilityDays = exp(log(model.durabilityMedianDays) + model.durabilitySpread * normal())
        let drifts = unit() < model.driftShare
        let low = log(model.driftFactor.lowerBound), high = log(model.driftFactor.upperBound)
        let drift = exp(low + (high - low) * unit())
        driftAfterYear = drifts ? drift : 1
        startOffset = index % 7
        weightKg = Double(Int.random(in: 550...1100, using: &rng)) / 10
        ageYears = Int.random(in: 22...64, using: &rng)
    }

    /// Days a dose given `day` days after the plan's start keeps the patient well:
    /// their durability, moved by drift so far, times this dose's own variation.
    func durability(afterDoseOn day: Int, draws: Draws, model: PatientModel) -> Int {
        let drift = 1 + (driftAfterYear - 1) * min(1, Double(max(0, day)) / 365)
        let variation = exp(model.doseVariation * draws.normal(day: day, .doseA, .doseB))
        return max(1, Int((durabilityDays * drift * variation).rounded()))
    }
}
