/// The characters used for lines, marks and charts: Unicode where the terminal's locale
/// is UTF-8, plain ASCII otherwise (a non-UTF-8 locale garbles box drawing).
public struct Glyphs: Equatable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var bars: [String]
    public var bullet: String
    /// The mark in the first cell of a list's selected row (see `Renderer.markSelection`):
    /// `►` is one cell wide in every locale (not East Asian ambiguous, unlike `▶`) and in
    /// the fonts of the common terminals (it is in code page 437).
    public var selection: String
    public var ascii: Bool

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], bullet: "•", selection: "►", ascii: false)
    public static let plain = Glyphs(horizontal: "-", vertical: "|", bars: ["_", ".", "-", "=", "+", "*", "#", "#"], bullet: "*", selection: ">", ascii: true)

    /// Text made safe for the glyph set: in ASCII mode every non-ASCII character shows as
    /// `?`, one cell each, so widths stay right on terminals that cannot show it.
    public func safe(_ text: String) -> String {
        guard ascii else { return text }
        return String(text.map { $0.isASCII ? $0 : "?" })
    }
}
