/// The clinic's own choices where the evidence leaves room (items the clinical reference
/// marks uncertain are settings here, with conservative defaults).
public struct ClinicSettings: Equatable, Codable, Sendable {
    /// Which body weight mg/kg doses are computed from. Default: actual body weight.
    public var weightBasis: WeightBasis
    /// Minimum whole days between twice-weekly esketamine sessions (the label does not
    /// state one; common practice is 2-3). Default 2.
    public var twiceWeeklyMinimumGapDays: Int
    /// Start esketamine at 28 mg for patients aged 65 and over (non-US labels). Default on.
    public var olderAdultEsketamineStart28mg: Bool
    /// Whether the site is certified under the esketamine REMS programme.
    public var remsCertified: Bool
    /// Remission cut-off used for MADRS (esketamine trials used <= 12; <= 10 is also used).
    public var madrsRemissionMax: Int
    /// YMRS total at or above which a possible manic switch is flagged. Default 12.
    public var ymrsAlertThreshold: Int
    /// Fasting instructions given to patients before a session.
    public var fastingInstructions: String
    /// A rise of this many YMRS points over the patient's first YMRS is a caution (clinic
    /// choice; default 4). YMRS at or above `ymrsAlertThreshold` stays critical.
    public var ymrsRiseCaution: Int
    /// Any post-dose reading at or above this is a hypertensive urgency (critical).
    /// Default 180/110, the usual definition of a hypertensive urgency.
    public var hypertensiveUrgencySystolic: Int
    public var hypertensiveUrgencyDiastolic: Int
    /// A systolic rise from the pre-dose reading of at least this many mmHg is a caution
    /// (clinic choice; default 40, the rise a minority of trial patients had).
    public var systolicRiseCaution: Int
    /// On-demand maintenance: days between scoring visits (no dose), so a relapse is
    /// found by looking rather than by chance. Clinic choice; default 14.
    public var onDemandScoringIntervalDays: Int

    public init(
        weightBasis: WeightBasis = .actual,
        twiceWeeklyMinimumGapDays: Int = 2,
        olderAdultEsketamineStart28mg: Bool = true,
        remsCertified: Bool = true,
        madrsRemissionMax: Int = 12,
        ymrsAlertThreshold: Int = 12,
        fastingInstructions: String = "No food for 6 hours and no clear liquids for 2 hours before your session.",
        ymrsRiseCaution: Int = 4,
        hypertensiveUrgencySystolic: Int = 180,
        hypertensiveUrgencyDiastolic: Int = 110,
        systolicRiseCaution: Int = 40,
        onDemandScoringIntervalDays: Int = 14
    ) {
        self.weightBasis = weightBasis
        self.twiceWeeklyMinimumGapDays = twiceWeeklyMinimumGapDays
        self.olderAdultEsketamineStart28mg = olderAdultEsketamineStart28mg
        self.remsCertified = remsCertified
        self.madrsRemissionMax = madrsRemissionMax
        self.ymrsAlertThreshold = ymrsAlertThreshold
        self.fastingInstructions = fastingInstructions
        self.ymrsRiseCaution = ymrsRiseCaution
        self.hypertensiveUrgencySystolic = hypertensiveUrgencySystolic
        self.hypertensiveUrgencyDiastolic = hypertensiveUrgencyDiastolic
        self.systolicRiseCaution = systolicRiseCaution
        self.onDemandScoringIntervalDays = onDemandScoringIntervalDays
    }

    // The values a clinic may choose, read by the loader below and by `clinic set` and the
    // settings form (ClinicChange), so that a file edited by hand is held to the same rule.
    public static let acceptedMinimumGap = 1...7
    public static let acceptedSystolicRise = 5...100
    public static let acceptedScoringInterval = 1...90
    public static let acceptedYmrsRise = 1...60
    public static let acceptedUrgentSystolic = 100...300
    public static let acceptedUrgentDiastolic = 60...200

    enum CodingKeys: String, CodingKey {
        case weightBasis, twiceWeeklyMinimumGapDays, olderAdultEsketamineStart28mg, remsCertified
        case madrsRemissionMax, ymrsAlertThreshold, fastingInstructions
        case ymrsRiseCaution, hypertensiveUrgencySystolic, hypertensiveUrgencyDiastolic, systolicRiseCaution
        case onDemandScoringIntervalDays
    }

    // A setting missing from a file takes its default, so files written before a setting
    // existed still load; values that make no sense are refused.
    public init(from decoder: any Decoder) throws {
        let d = ClinicSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weightBasis = try c.decodeIfPresent(WeightBasis.self, forKey: .weightBasis) ?? d.weightBasis
        twiceWeeklyMinimumGapDays = try c.decodeIfPresent(Int.self, forKey: .twiceWeeklyMinimumGapDays) ?? d.twiceWeeklyMinimumGapDays
        olderAdultEsketamineStart28mg = try c.decodeIfPresent(Bool.self, forKey: .olderAdultEsketamineStart28mg) ?? d.olderAdultEsketamineStart28mg
        remsCertified = try c.decodeIfPresent(Bool.self, forKey: .remsCertified) ?? d.remsCertified
        madrsRemissionMax = try c.decodeIfPresent(Int.self, forKey: .madrsRemissionMax) ?? d.madrsRemissionMax
        ymrsAlertThreshold = try c.decodeIfPresent(Int.self, forKey: .ymrsAlertThreshold) ?? d.ymrsAlertThreshold
        fastingInstructions = try c.decodeIfPresent(String.self, forKey: .fastingInstructions) ?? d.fastingInstructions
        ymrsRiseCaution = try c.decodeIfPresent(Int.self, forKey: .ymrsRiseCaution) ?? d.ymrsRiseCaution
        hypertensiveUrgencySystolic = try c.decodeIfPresent(Int.self, forKey: .hypertensiveUrgencySystolic) ?? d.hypertensiveUrgencySystolic
        hypertensiveUrgencyDiastolic = try c.decodeIfPresent(Int.self, forKey: .hypertensiveUrgencyDiastolic) ?? d.hypertensiveUrgencyDiastolic
        systolicRiseCaution = try c.decodeIfPresent(Int.self, forKey: .systolicRiseCaution) ?? d.systolicRiseCaution
        onDemandScoringIntervalDays = try c.decodeIfPresent(Int.self, forKey: .onDemandScoringIntervalDays) ?? d.onDemandScoringIntervalDays
        guard Self.acceptedScoringInterval.contains(onDemandScoringIntervalDays) else {
            throw DecodingError.dataCorruptedError(forKey: .onDemandScoringIntervalDays, in: c, debugDescription: "onDemandScoringIntervalDays must be 1-90")
        }
        guard Self.acceptedYmrsRise.contains(ymrsRiseCaution) else {
            throw DecodingError.dataCorruptedError(forKey: .ymrsRiseCaution, in: c, debugDescription: "ymrsRiseCaution must be 1-60")
        }
        guard Self.acceptedUrgentSystolic.contains(hypertensiveUrgencySystolic), Self.acceptedUrgentDiastolic.contains(hypertensiveUrgencyDiastolic) else {
            throw DecodingError.dataCorruptedError(forKey: .hypertensiveUrgencySystolic, in: c,
                                                   debugDescription: "hypertensive urgency must be 100-300 systolic and 60-200 diastolic")
        }
        guard Self.acceptedSystolicRise.contains(systolicRiseCaution) else {
            throw DecodingError.dataCorruptedError(forKey: .systolicRiseCaution, in: c, debugDescription: "systolicRiseCaution must be 5-100 mmHg")
        }
        guard Self.acceptedMinimumGap.contains(twiceWeeklyMinimumGapDays) else {
            throw DecodingError.dataCorruptedError(forKey: .twiceWeeklyMinimumGapDays, in: c, debugDescription: "twiceWeeklyMinimumGapDays must be 1-7")
        }
        guard (0...60).contains(madrsRemissionMax), (0...60).contains(ymrsAlertThreshold) else {
            throw DecodingError.dataCorruptedError(forKey: .madrsRemissionMax, in: c, debugDescription: "MADRS and YMRS thresholds must be 0-60")
        }
    }
}
