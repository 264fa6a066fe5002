import KetaplanEngine

/// A maintenance policy with the name it was asked for by (`fixed:21`, `durability`).
public struct NamedPolicy: Equatable, Sendable {
    public var name: String
    public var policy: MaintenancePolicy

    /// Reads the command line's text form.
    /// - Throws: `MaintenancePolicyError` naming what is accepted.
    public init(_ text: String) throws(MaintenancePolicyError) {
        policy = try MaintenancePolicy(text: text)
        name = text
    }

    public init(name: String, policy: MaintenancePolicy) {
        self.name = name
        self.policy = policy
    }

    /// The default comparison: every built-in policy with its defaults, and weekly,
    /// two-, three- and four-weekly fixed intervals.
    public static let defaults: [NamedPolicy] = ["fixed:7", "fixed:14", "fixed:21", "fixed:28", "taper:7,14,21,28", "adaptive", "durability", "on-demand"]
        .map { try! NamedPolicy($0) }
}
