import ArgumentParser

/// A yes-or-no answer on the command line (`--rems-certified`, `--behaviour-within-3-months`).
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no

    /// `yes`/`no`, also `y`/`n` and `true`/`false`, in any case.
    init?(argument: String) {
        switch argument.lowercased() {
        case "yes", "y", "true": self = .yes
        case "no", "n", "false": self = .no
        default: return nil
        }
    }

    var isYes: Bool { self == .yes }
}
