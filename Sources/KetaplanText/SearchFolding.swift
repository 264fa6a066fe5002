/// How every list's `/` search compares text: without case, accents or punctuation, so
/// that `nunez` finds "José Ñúñez-Ficticio", `zoe` finds "Zoë" and `p0012` finds
/// "P-0012". One function for every screen, so no list searches differently.
///
/// Folding works scalar by scalar, so folding a longer query only appends to the folded
/// shorter one (typing narrows).
public enum SearchFolding {
    /// `text` lower-cased, with letters stripped of accents and strokes (ñ -> n, ø -> o,
    /// ü -> u), ß as ss, æ and œ as ae and oe, and everything that is not a letter or a
    /// digit (spaces, hyphens, apostrophes, combining marks) left out.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return String(out)
    }

    /// `fold(text)` as UTF-8, for byte searches over many names.
    public static func foldedBytes(_ text: String) -> [UInt8] { Array(fold(text).utf8) }

    static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x61...0x7A, 0x30...0x39: out.append(scalar)
            case 0x41...0x5A: out.append(Unicode.Scalar(UInt8(v + 0x20)))
            default: break
            }
            return
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return
        default: break
        }
        guard properties.isAlphabetic || properties.numericType != nil else { return }
        if let base = latinBase(properties.name) {
            out.append(contentsOf: base.unicodeScalars)
        } else {
            out.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
        }
    }

    /// The plain letters a Latin letter is read as, from its Unicode name ("LATIN SMALL
    /// LETTER N WITH TILDE" -> n, "LATIN CAPITAL LETTER O WITH STROKE" -> o, "LATIN SMALL
    /// LETTER SHARP S" -> ss); nil for anything else.
    static func latinBase(_ name: String?) -> String? {
        guard let name, name.hasPrefix("LATIN ") else { return nil }
        let words = name.split(separator: " ")
        guard let at = words.firstIndex(where: { $0 == "LETTER" || $0 == "LIGATURE" }) else { return nil }
        let letter = words[(at + 1)...].prefix { $0 != "WITH" }
        guard let last = letter.last else { return nil }
        if letter.elementsEqual(["SHARP", "S"]) { return "ss" }
        if last.count == 1 || (letter.count == 1 && ["AE", "OE", "IJ"].contains(last)) { return last.lowercased() }
        return nil
    }
}
