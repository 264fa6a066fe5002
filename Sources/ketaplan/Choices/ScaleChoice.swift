import ArgumentParser
import KetaplanEngine

/// `--primary-scale`: a symptom scale response is tracked on, or `default` for the first
/// condition's own.
enum ScaleChoice: ExpressibleByArgument, Equatable {
    case scale(Instrument)
    case conditionDefault

    init?(argument: String) {
        if argument.lowercased() == "default" {
            self = .conditionDefault
        } else if let instrument = Instrument(name: argument), instrument.tracksResponse {
            self = .scale(instrument)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { Instrument.allCases.filter(\.tracksResponse).map(\.rawValue) + ["default"] }

    /// The scale to store: nil for the condition's default.
    var instrument: Instrument? {
        if case .scale(let i) = self { return i }
        return nil
    }
}
