/// How a cell is drawn. Colour is a role, never the only signal: every role that
/// matters also comes with a marker or a word in the text.
public struct Style: Equatable, Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
    public static let heading = Style(.heading, bold: true)
    /// The selected row's naming cell (a patient's name, a session's date), reversed.
    public static let selected = Style(.normal, reverse: true)
    /// The selected row's mark in its first cell: bold in the accent colour, bold alone
    /// in monochrome or under NO_COLOR (the glyph itself carries the meaning).
    public static let selectionMark = Style(.accent, bold: true)
    public static let critical = Style(.critical, bold: true)
    public static let caution = Style(.caution)
    public static let muted = Style(.muted)
    public static let good = Style(.good)
    public static let statusBar = Style(.bar, reverse: true)

    /// The meaning a colour stands for; the backend maps roles to colour pairs.
    public enum Role: Int, CaseIterable, Sendable {
        case normal, heading, critical, caution, muted, good, bar, accent
    }
}
