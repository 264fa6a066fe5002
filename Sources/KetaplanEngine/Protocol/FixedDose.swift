/// A fixed dose in device-sized steps.
public struct FixedDose: Equatable, Sendable, Codable {
    /// The dose of the course's first session, when it differs from the usual one.
    public var firstSessionMg: Int?
    /// The dose planned for other sessions.
    public var usualMg: Int
    /// Every dose the label allows in this phase.
    public var allowedMg: [Int]
    /// Doses change in steps of this size (one esketamine device is 28 mg).
    public var stepMg: Int
    /// Start dose for older adults when the clinic uses the reduced start (nil: none).
    public var olderAdultStartMg: Int?

    public init(firstSessionMg: Int? = nil, usualMg: Int, allowedMg: [Int], stepMg: Int, olderAdultStartMg: Int? = nil) {
        self.firstSessionMg = firstSessionMg
        self.usualMg = usualMg
        self.allowedMg = allowedMg
        self.stepMg = stepMg
        self.olderAdultStartMg = olderAdultStartMg
    }
}
