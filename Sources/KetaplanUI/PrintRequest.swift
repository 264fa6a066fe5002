import KetaplanPrint
import KetaplanRecords

/// A printout the clinician confirmed: the text, how it lands on paper, and where it goes.
public struct PrintRequest: Equatable, Sendable {
    public var text: String
    public var setup: PageSetup
    public var printer: PrinterChoice
    /// The job's name in the printer's queue, e.g. "P-0001 plan summary".
    public var title: String

    public init(text: String, setup: PageSetup, printer: PrinterChoice, title: String) {
        self.text = text
        self.setup = setup
        self.printer = printer
        self.title = title
    }

    /// Pages the text holds (form feeds separate them).
    public var pages: Int { text.reduce(1) { $1 == "\u{0C}" ? $0 + 1 : $0 } }
}
