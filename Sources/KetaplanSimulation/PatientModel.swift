import KetaplanEngine

/// The synthetic patient: how likely a series works, how long each dose keeps a
/// responder well, how scores are measured and how often sessions are missed. Every
/// parameter is documented with its source, or marked as an assumption, in
/// docs/maintenance-evidence.md, and every one is a `ketaplan simulate` option.
public struct PatientModel: Equatable, Sendable, Codable {
    /// The published course the durability defaults come from.
    public var population: Population
    /// The treatment protocol every patient starts (induction, then maintenance).
    public var protocolID: ProtocolID
    /// Share of patients who respond to the induction series.
    public var responseRate: Double
    /// Median of the responders' durability: days a dose keeps them well (log-normal).
    public var durabilityMedianDays: Double
    /// Spread of durability between patients: the log-normal's sigma.
    public var durabilitySpread: Double
    /// Dose-to-dose variation of one patient's durability: sigma of a log-normal factor.
    public var doseVariation: Double
    /// Baseline score before the series, on the population's instrument.
    public var baselineScores: ClosedRange<Int>
    /// A well responder's usual score as a fraction of their baseline (drawn per patient).
    public var wellFraction: ClosedRange<Double>
    /// A relapsed patient's usual score as a fraction of their baseline.
    public var relapseFraction: Double
    /// Measurement noise of one score: standard deviation in scale points.
    public var scoreNoise: Double
    /// Share of planned sessions the patient misses.
    public var missedRate: Double
    /// Days between the self-reported scores asked for between visits during
    /// maintenance (0: scores only at visits).
    public var selfReportEveryDays: Int
    /// Share of the asked-for self-reports the patient completes.
    public var selfReportCompletion: Double
    /// Share of responders whose durability drifts over the year.
    public var driftShare: Double
    /// How far a drifting patient's durability has moved after a year, as a factor
    /// (drawn log-uniformly from this range, reached linearly).
    public var driftFactor: ClosedRange<Double>

    public init(population: Population = .murrough) {
        self.population = population
        protocolID = BuiltInProtocols.ivKetamine3x.id
        // Spreads are between patients; with the dose-to-dose variation (sigma 0.2) on
        // top, the observed time to relapse has the published spread.
        switch population {
        case .murrough:
            // Median 18 days, interquartile range about 11-27 days: observed sigma
            // ln(27/11) / 1.349 = 0.67, so 0.63 between patients.
            responseRate = 0.708
            durabilityMedianDays = 18
            durabilitySpread = 0.63
        case .orka:
            // Log-normal through S(28) = 0.80 and S(56) = 0.60: observed sigma
            // ln 2 / (z(0.8) - z(0.6)) = 1.178 (1.161 between patients), median
            // 28 * exp(1.178 * 0.8416) = 75.5 days.
            responseRate = 0.708
            durabilitySpread = 1.161
            durabilityMedianDays = 75.5
        case .feder:
            // Median 27.5 days; the spread is assumed to be Murrough's.
            responseRate = 0.67
            durabilityMedianDays = 27.5
            durabilitySpread = 0.63
        }
        doseVariation = 0.2
        if population == .feder {
            baselineScores = 40...65
            scoreNoise = 6
        } else {
            baselineScores = 15...24
            scoreNoise = 2.2
        }
        wellFraction = 0.15...0.45
        relapseFraction = 0.8
        missedRate = 0.05
        selfReportEveryDays = 7
        selfReportCompletion = 0.8
        driftShare = 0.2
        driftFactor = 0.5...2.0
    }

    /// The condition patients are treated for (it picks the score instrument).
    public var condition: Condition {
        population == .feder ? .ptsd : .treatmentResistantDepression
    }

    /// The protocol, or nil when the id is not a built-in protocol with maintenance.
    public var treatmentProtocol: TreatmentProtocol? {
        BuiltInProtocols.protocolWith(id: protocolID).flatMap { $0.hasMaintenance ? $0 : nil }
    }

    /// Checks every parameter is usable.
    /// - Throws: `SimulationError.invalidModel` naming the parameter and what is accepted.
    public func validate() throws(SimulationError) {
        func share(_ value: Double, _ name: String) throws(SimulationError) {
            guard value.isFinite, (0...1).contains(value) else { throw .invalidModel("\(name) must be a share from 0 to 1, not \(value)") }
        }
        guard treatmentProtocol != nil else {
            let ids = BuiltInProtocols.all.filter(\.hasMaintenance).map(\.id.rawValue).joined(separator: ", ")
            throw .invalidModel("protocol '\(protocolID.rawValue)' is not a built-in protocol with maintenance: use one of \(ids)")
        }
        try share(responseRate, "the response rate")
        try share(missedRate, "the missed-session rate")
        try share(selfReportCompletion, "the self-report completion")
        try share(driftShare, "the drift share")
        guard durabilityMedianDays.isFinite, (1...365).contains(durabilityMedianDays) else {
            throw .invalidModel("the durability median must be 1-365 days, not \(durabilityMedianDays)")
        }
        for (value, name) in [(durabilitySpread, "the durability spread"), (doseVariation, "the dose-to-dose variation")] {
            guard value.isFinite, (0...3).contains(value) else { throw .invalidModel("\(name) must be a log-normal sigma from 0 to 3, not \(value)") }
        }
        let scale = condition.primaryInstrument.range
        guard baselineScores.lowerBound >= 1, baselineScores.upperBound <= scale.upperBound else {
            throw .invalidModel("baseline scores must lie within \(condition.primaryInstrument.name)'s 1-\(scale.upperBound)")
        }
        guard wellFraction.lowerBound >= 0, wellFraction.upperBound < 0.5 else {
            throw .invalidModel("the well fraction of baseline must lie in 0-0.5 (below half of baseline, a response)")
        }
        guard relapseFraction.isFinite, relapseFraction > 0.5, relapseFraction <= 1.2 else {
            throw .invalidModel("the relapse fraction of baseline must be above 0.5 (response lost) and at most 1.2, not \(relapseFraction)")
        }
        guard scoreNoise.isFinite, (0...20).contains(scoreNoise) else { throw .invalidModel("score noise must be 0-20 scale points, not \(scoreNoise)") }
        guard (0...90).contains(selfReportEveryDays) else { throw .invalidModel("self-reports must come every 0-90 days (0: only at visits), not \(selfReportEveryDays)") }
        guard driftFactor.lowerBound > 0, driftFactor.upperBound <= 10 else { throw .invalidModel("the drift factor must lie in 0-10 (1: no drift)") }
    }
}
