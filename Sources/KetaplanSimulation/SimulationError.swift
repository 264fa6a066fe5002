/// Why a simulation cannot run, in words that say what to change.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model parameter is out of its accepted range.
    case invalidModel(String)
    /// The run itself is not usable (patients, days, policies).
    case invalidRun(String)

    public var description: String {
        switch self {
        case .invalidModel(let why), .invalidRun(let why): return why
        }
    }
}
