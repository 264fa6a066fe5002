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

extension ProtocolID: ExpressibleByArgument {
    /// Any text that can be an id; whether the clinic has that protocol is checked against
    /// the clinic (built-in protocols and those in protocols/), whose refusal lists them.
    public init?(argument: String) {
        guard !argument.isEmpty, !ControlCharacters.contains(argument) else { return nil }
        self.init(argument)
    }

    /// The built-in protocols, for completion scripts (a clinic's own are not known before
    /// its folder is read).
    public static var defaultCompletionKind: CompletionKind { .list(BuiltInProtocols.all.map(\.id.rawValue)) }
}

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
