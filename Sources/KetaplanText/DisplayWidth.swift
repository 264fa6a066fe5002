/// How many terminal cells text takes: East Asian wide and fullwidth characters take
/// two, combining marks and zero-width characters none, everything else one. Tables
/// line up only if every column is measured this way, not by `count`.
public enum DisplayWidth {
    /// Cells taken by one Unicode scalar.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Cells taken by a character (a grapheme cluster): its widest scalar, so a base
    /// letter with combining marks takes one cell and an emoji sequence two.
    public static func of(_ character: Character) -> Int {
        var width = 0
        for s in character.unicodeScalars { width = max(width, of(s)) }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { width = 2 }
        return width
    }

    /// Cells taken by a string.
    public static func of(_ text: String) -> Int {
        if let ascii = asciiWidth(text) { return ascii }
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// Cells taken by text that is all ASCII, or nil when it is not. Each ASCII character
    /// is its own grapheme (but "\r\n", which takes none either way), a printable one takes
    /// a cell and a control none: the same as measuring by character, without the
    /// grapheme breaking that made measuring most of the time a screen took to draw.
    public static func asciiWidth(_ text: String) -> Int? {
        var width = 0
        for b in text.utf8 {
            if b >= 0x80 { return nil }
            if b >= 0x20 && b != 0x7F { width += 1 }
        }
        return width
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
             0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
             0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
             0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// Cells this text takes in a terminal.
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// Cut to at most `width` cells; a cut string ends with `…` (or `~` when `ascii`).
    public func truncated(toWidth width: Int, ascii: Bool = false) -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return self }
        var out = ""
        var used = 0
        for c in self {
            let w = DisplayWidth.of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + (ascii ? "~" : "…")
    }

    /// Padded with spaces (or cut) to exactly `width` cells, text on the left; a cut ends
    /// as `truncated` cuts it (`~` when `ascii`).
    public func padded(toWidth width: Int, ascii: Bool = false) -> String {
        let cut = truncated(toWidth: width, ascii: ascii)
        return cut + String(repeating: " ", count: max(0, width - cut.displayWidth))
    }

    /// Padded with spaces (or cut) to exactly `width` cells, text on the right; a cut
    /// ends as `truncated` cuts it (`~` when `ascii`).
    public func leftPadded(toWidth width: Int, ascii: Bool = false) -> String {
        let cut = truncated(toWidth: width, ascii: ascii)
        return String(repeating: " ", count: max(0, width - cut.displayWidth)) + cut
    }
}
