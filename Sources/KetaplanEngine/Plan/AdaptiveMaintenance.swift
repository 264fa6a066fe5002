/// Score-driven maintenance: one step shorter when the latest score shows relapse, one
/// step longer after `lengthenAfterStable` consecutive stable scores, within bounds.
public struct AdaptiveMaintenance: Equatable, Sendable, Codable {
    public var minimumDays: Int
    public var maximumDays: Int
    public var stepDays: Int
    public var startDays: Int
    /// Consecutive stable assessments needed to lengthen by one step.
    public var lengthenAfterStable: Int
    /// What "stable" means: in remission (default) or still responding.
    public var stableMeans: Stability

    /// What counts as a stable score.
    public enum Stability: String, Sendable, Codable {
        case remission, response
    }

    public init(minimumDays: Int = 7, maximumDays: Int = 42, stepDays: Int = 7, startDays: Int = 7, lengthenAfterStable: Int = 2, stableMeans: Stability = .remission) {
        self.minimumDays = minimumDays
        self.maximumDays = maximumDays
        self.stepDays = stepDays
        self.startDays = startDays
        self.lengthenAfterStable = lengthenAfterStable
        self.stableMeans = stableMeans
    }
}
