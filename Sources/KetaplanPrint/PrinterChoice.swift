import KetaplanRecords

/// Which printer a printout goes to, and why that one: named on the command line, set for
/// the clinic (`clinic set --printer`), or CUPS's default destination.
public struct PrinterChoice: Equatable, Sendable {
    /// Where the choice came from, in the order they are tried.
    public enum Source: String, Sendable {
        case flag = "named with --printer"
        case clinic = "the clinic's printer"
        case cupsDefault = "CUPS's default printer"
    }

    public var name: PrinterName
    public var source: Source

    public init(name: PrinterName, source: Source) {
        self.name = name
        self.source = source
    }

    /// "pdf (the clinic's printer)".
    public var description: String { "\(name) (\(source.rawValue))" }
}
