/// The one place that decides what happens to control characters, so that nothing a
/// name or note holds can drive the terminal or break a file format: C0 controls
/// (U+0000-U+001F), DEL (U+007F) and C1 controls (U+0080-U+009F). An escape sequence
/// in a name could otherwise retitle the window, clear the screen or hide text, and a
/// carriage return would overwrite what stands before it on the line. Unicode format
/// characters (category Cf: bidi overrides such as U+202E, zero-width spaces, the BOM) are
/// treated the same: invisible, they reverse or hide what a colleague reads and upset
/// column widths; only the zero-width joiners U+200C and U+200D, which Persian, Indic
/// and other scripts' names need, are letters here.
///
/// Input refuses them (`problem(in:field:allowingLineBreaks:)`); every output path shows
/// what older files may still hold in a visible, inert form (`visible(_:keeping:)`).
public enum ControlCharacters {
    /// Whether `scalar` is a C0 control, DEL, a C1 control or a format character (Cf)
    /// other than the zero-width joiners.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        // Below U+00AD (the first Cf) nothing else is one: the common case stays cheap.
        guard scalar.value >= 0xAD, scalar.value != 0x200C, scalar.value != 0x200D else { return false }
        return scalar.properties.generalCategory == .format
    }

    /// Tab and newline, which notes may hold.
    public static let lineBreaks: Set<Unicode.Scalar> = ["\t", "\n"]

    /// Whether `text` holds a control character other than those in `keeping`.
    public static func contains(_ text: String, keeping: Set<Unicode.Scalar> = []) -> Bool {
        text.unicodeScalars.contains { isControl($0) && !keeping.contains($0) }
    }

    /// Why `text` is refused as input for `field`, or nil when it is accepted. Names refuse
    /// every control character; notes (`allowingLineBreaks`) accept tab and newline.
    public static func problem(in text: String, field: String, allowingLineBreaks: Bool = false) -> String? {
        let keeping = allowingLineBreaks ? lineBreaks : []
        guard let bad = text.unicodeScalars.first(where: { isControl($0) && !keeping.contains($0) }) else { return nil }
        let accepted = allowingLineBreaks ? "letters, digits, punctuation, spaces, tabs and line breaks" : "letters, digits, punctuation and spaces"
        let kind = bad.value <= 0x9F ? "the control character" : "the invisible format character"
        return "\(field) holds \(kind) \(name(bad)), which is not accepted: use \(accepted)"
    }

    /// `text` with each control character (except those in `keeping`) replaced by a
    /// visible stand-in, in the notation of `less` and `cat -v`: `^[` for ESC, `^M` for a
    /// carriage return, `^?` for DEL, `<9B>` for a C1 control.
    public static func visible(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard contains(text, keeping: keeping) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if !isControl(s) || keeping.contains(s) {
                out.append(s)
            } else {
                out.append(contentsOf: name(s).unicodeScalars)
            }
        }
        return String(out)
    }

    /// The visible name of a control character (`^[`, `^?`, `<9B>`).
    public static func name(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x7F: return "^?"
        case 0..<0x20: return "^" + String(Unicode.Scalar(UInt8(s.value + 0x40)))
        default:
            let hex = String(s.value, radix: 16, uppercase: true)
            return "<" + (hex.count < 2 ? "0" : "") + hex + ">"
        }
    }
}
