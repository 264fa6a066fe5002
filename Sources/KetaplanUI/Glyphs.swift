/// The characters used for lines, marks and charts: Unicode where the terminal's locale
/// is UTF-8, plain ASCII otherwise (a non-UTF-8 locale garbles box drawing).
public struct Glyphs: Equatable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var bars: [String]
    public var bullet: String
    public var ascii: Bool

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], bullet: "•", ascii: false)
    public static let plain = Glyphs(horizontal: "-", vertical: "|", bars: ["_", ".", "-", "=", "+", "*", "#", "#"], bullet: "*", ascii: true)

    /// Text made safe for the glyph set: in ASCII mode every non-ASCII character shows as
    /// `?`, one cell each, so widths stay right on terminals that cannot show it.
    public func safe(_ text: String) -> String {
        guard ascii else { return text }
        return String(text.map { $0.isASCII ? $0 : "?" })
    }
}
