import KetaplanPrint

/// What the print preview knows of the printer it would print on: still asking CUPS, the
/// printer chosen (and why), or why there is none.
public enum PrinterStatus: Equatable, Sendable {
    case asking
    case ready(PrinterChoice)
    case unavailable(String)

    /// For the preview's heading.
    var label: String {
        switch self {
        case .asking: return "printer: asking CUPS…"
        case .ready(let choice): return "printer: \(choice.name)"
        case .unavailable: return "printer: none (p says why)"
        }
    }
}
