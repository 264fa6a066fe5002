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

    enum CodingKeys: String, CodingKey { case mgPerKg, minimumMgPerKg, maximumMgPerKg, weightBasis }

    /// Refuses a range that is not one (a minimum above the maximum, a dose outside its own
    /// range, zero, negative or not finite): a plan copied into a file carries its
    /// protocol, and every dose check is made against this range.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let dose = try c.decode(Double.self, forKey: .mgPerKg)
        let minimum = try c.decode(Double.self, forKey: .minimumMgPerKg)
        let maximum = try c.decode(Double.self, forKey: .maximumMgPerKg)
        guard [dose, minimum, maximum].allSatisfy({ $0.isFinite && $0 > 0 }), minimum <= dose, dose <= maximum else {
            throw DecodingError.dataCorruptedError(
                forKey: .mgPerKg, in: c,
                debugDescription: "a mg/kg dose needs 0 < minimumMgPerKg <= mgPerKg <= maximumMgPerKg; found \(minimum) <= \(dose) <= \(maximum)")
        }
        self.init(mgPerKg: dose, minimumMgPerKg: minimum, maximumMgPerKg: maximum,
                  weightBasis: try c.decodeIfPresent(WeightBasis.self, forKey: .weightBasis))
    }
}
