import KetaplanEngine
import KetaplanRecords

/// The print preview of a patient's summary or handout.
public struct PreviewState: Equatable, Sendable {
    public var id: PatientID
    public var handout = false
    public var markdown = false
    public var scroll = 0
    /// Columns scrolled to the right (Left/Right, h/l), for lines wider than the screen.
    public var column = 0
    /// The printer `p` would print on, as CUPS last said.
    public var printer: PrinterStatus = .asking
    /// The text's lines, worked out by the reducer when the preview opens or switches
    /// (nil until then); a form feed is a line of its own.
    public var lines: [String]?
    public init(id: PatientID) { self.id = id }
}
