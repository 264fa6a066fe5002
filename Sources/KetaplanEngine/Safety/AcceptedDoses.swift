/// The doses a rule accepts.
public enum AcceptedDoses: Equatable, Sendable {
    case range(ClosedRange<Double>)
    case values([Int])
}
