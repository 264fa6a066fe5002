/// The paper a clinic prints on. Without one, CUPS's default for the printer is used
/// (the page settings fit both sizes).
public enum Paper: String, Codable, Sendable, CaseIterable {
    case a4, letter

    /// The name `lp -o media=` takes.
    public var cupsMedia: String {
        switch self {
        case .a4: return "A4"
        case .letter: return "Letter"
        }
    }

    /// Width and height in PostScript points (1/72 inch).
    public var points: (width: Double, height: Double) {
        switch self {
        case .a4: return (595, 842)
        case .letter: return (612, 792)
        }
    }
}
