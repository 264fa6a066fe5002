/// A mg/kg dose with the range a clinician may titrate within.
public struct PerKilogramDose: Equatable, Sendable, Codable {
    public var mgPerKg: Double
    public var minimumMgPerKg: Double
    public var maximumMgPerKg: Double
    /// The weight the dose is computed from; nil uses the clinic's setting.
    public var weightBasis: WeightBasis?

    public init(mgPerKg: Double, minimumMgPerKg: Double, maximumMgPerKg: Double, weightBasis: WeightBasis? = nil) {
        self.mgPerKg = mgPerKg
        self.minimumMgPerKg = minimumMgPerKg
        self.maximumMgPerKg = maximumMgPerKg
        self.weightBasis = weightBasis
    }
}
