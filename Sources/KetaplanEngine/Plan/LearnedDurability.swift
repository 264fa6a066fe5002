/// Maintenance spaced by the patient's own durability: the estimated median time to
/// relapse after a dose, less a margin, within bounds.
///
/// The estimate (`DurabilityEstimate`) starts from the published population figure and
/// moves towards the patient's own course as intervals end, counting both intervals that
/// ended in relapse and those that reached the next dose without one.
public struct LearnedDurability: Equatable, Sendable, Codable {
    public var safetyMarginDays: Int
    public var minimumDays: Int
    public var maximumDays: Int
    /// The population's median time to relapse the estimate starts from (Murrough 2013:
    /// 18 days after a 6-infusion series).
    public var priorMedianDays: Int
    /// How many relapses' worth of evidence the population figure counts as.
    public var priorWeight: Int

    public init(safetyMarginDays: Int = 3, minimumDays: Int = 7, maximumDays: Int = 56, priorMedianDays: Int = 18, priorWeight: Int = 2) {
        self.safetyMarginDays = safetyMarginDays
        self.minimumDays = minimumDays
        self.maximumDays = maximumDays
        self.priorMedianDays = priorMedianDays
        self.priorWeight = priorWeight
    }

    enum CodingKeys: String, CodingKey { case safetyMarginDays, minimumDays, maximumDays, priorMedianDays, priorWeight }

    // Files written before the estimate had a prior carry `fallbackDays` and
    // `minimumObservations` instead; those are ignored and the prior takes its default.
    public init(from decoder: any Decoder) throws {
        let d = LearnedDurability()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        safetyMarginDays = try c.decodeIfPresent(Int.self, forKey: .safetyMarginDays) ?? d.safetyMarginDays
        minimumDays = try c.decodeIfPresent(Int.self, forKey: .minimumDays) ?? d.minimumDays
        maximumDays = try c.decodeIfPresent(Int.self, forKey: .maximumDays) ?? d.maximumDays
        priorMedianDays = try c.decodeIfPresent(Int.self, forKey: .priorMedianDays) ?? d.priorMedianDays
        priorWeight = try c.decodeIfPresent(Int.self, forKey: .priorWeight) ?? d.priorWeight
    }
}
