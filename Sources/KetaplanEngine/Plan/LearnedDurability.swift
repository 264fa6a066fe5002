/// Maintenance spaced by the patient's own observed durability: the median number of
/// days after a session at which their scores crossed into relapse, less a margin.
public struct LearnedDurability: Equatable, Sendable, Codable {
    public var safetyMarginDays: Int
    public var minimumDays: Int
    public var maximumDays: Int
    /// The interval used until enough relapses have been observed.
    public var fallbackDays: Int
    /// Relapses that must be observed before the learned interval is trusted.
    public var minimumObservations: Int

    public init(safetyMarginDays: Int = 3, minimumDays: Int = 7, maximumDays: Int = 56, fallbackDays: Int = 14, minimumObservations: Int = 2) {
        self.safetyMarginDays = safetyMarginDays
        self.minimumDays = minimumDays
        self.maximumDays = maximumDays
        self.fallbackDays = fallbackDays
        self.minimumObservations = minimumObservations
    }
}
