/// How long a phase may take, first dose to last dose, both days counted.
public struct PhaseWindow: Equatable, Sendable, Codable {
    /// The protocol's usual length in days.
    public var usualDays: Int
    /// The most it may stretch to before the plan says so and a clinician decides.
    public var maximumDays: Int

    public init(usualDays: Int, maximumDays: Int) {
        self.usualDays = usualDays
        self.maximumDays = maximumDays
    }
}
