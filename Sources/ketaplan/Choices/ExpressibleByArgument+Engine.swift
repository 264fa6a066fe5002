import ArgumentParser
import KetaplanEngine
import KetaplanStore
import KetaplanText

// The engine's and the store's fixed choices, read from the command line by their file
// names: swift-argument-parser lists them in `--help`, offers them to completion scripts
// and refuses anything else with the list. No command checks a fixed choice by hand
// (CommandChoiceTests greps for it).

extension PlanStatus: ExpressibleByArgument {}
extension Sex: ExpressibleByArgument {}
extension Condition: ExpressibleByArgument {}
extension WeightBasis: ExpressibleByArgument {}
extension ClinicFile.CalendarNames: ExpressibleByArgument {}

extension Instrument: ExpressibleByArgument {
    /// `phq9` as in files, and the names clinicians write (`PHQ-9`, `QIDS-SR16`).
    public init?(argument: String) { self.init(name: argument) }
}

extension MoodStabiliser: ExpressibleByArgument {
    /// A listed stabiliser (or a known brand of one), `none`, or `other:NAME`; text that
    /// names none of these, or carries control characters, is refused with the list.
    public init?(argument: String) {
        guard !ControlCharacters.contains(argument), let value = MoodStabiliser(parsing: argument) else { return nil }
        if case .unrecognised = value { return nil }
        self = value
    }

    public static var allValueStrings: [String] { Name.allCases.map(\.rawValue) + ["none", "other:NAME"] }
}
