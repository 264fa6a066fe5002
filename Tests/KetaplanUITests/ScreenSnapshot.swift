@testable import KetaplanUI

/// A screen as a reviewable text file: the rows as the user reads them, then one row of
/// style codes per screen row (one code per cell), then what each code means. A style
/// that changes (a selection lost, a warning no longer critical) changes the file just as
/// a word does.
enum ScreenSnapshot {
    static let styleHeading = "-- styles (one code per cell; legend below) --"

    /// Codes for the styles the renderer names; any other combination gets the next free
    /// code in `spare`, in order of first use, and the legend says what it is.
    static let named: [(Style, Character)] = [
        (.normal, "."), (.heading, "H"), (.selected, "S"), (.critical, "C"), (.caution, "w"),
        (.muted, "m"), (.good, "g"), (.statusBar, "B"),
    ]
    static let spare = Array("0123456789abcdefijklnopqrstuvxyzADEFGIJKLMNOPQRTUVWXYZ")

    static func text(of buffer: ScreenBuffer) -> String {
        var codes = Dictionary(uniqueKeysWithValues: named.map { ($0.0, $0.1) })
        var extra: [(Character, Style)] = []
        var styleRows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                if codes[style] == nil {
                    let code = spare[extra.count]
                    codes[style] = code
                    extra.append((code, style))
                }
                row.append(codes[style]!)
            }
            while row.last == "." { row.removeLast() }
            styleRows.append(row)
        }
        let used = Set(styleRows.joined())
        var legend = named.filter { used.contains($0.1) }.map { "\($0.1) \(describe($0.0))" }
        legend += extra.map { "\($0.0) \(describe($0.1))" }
        return (buffer.lines + [styleHeading] + styleRows + ["-- legend --"] + legend).joined(separator: "\n") + "\n"
    }

    static func describe(_ style: Style) -> String {
        var words = ["\(style.role)"]
        if style.bold { words.append("bold") }
        if style.reverse { words.append("reverse") }
        if style.underline { words.append("underline") }
        return words.joined(separator: " ")
    }

    /// Every row that differs, expected above got, with the screen row's text beside a
    /// style row so a changed code can be placed; nil when the two are the same.
    static func diff(expected: String, got: String) -> String? {
        guard expected != got else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = got.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let textRows = b.firstIndex(of: styleHeading) ?? b.count
        var out: [String] = []
        for i in 0..<max(a.count, b.count) where a[safe: i] != b[safe: i] {
            if i > textRows, i <= 2 * textRows {
                let y = i - textRows - 1
                out.append("styles of row \(y) (\(b[safe: y] ?? "")):")
            } else if i < textRows {
                out.append("row \(i):")
            } else {
                out.append("line \(i + 1):")
            }
            out.append("  - \(a[safe: i] ?? "<none>")")
            out.append("  + \(b[safe: i] ?? "<none>")")
            if out.count > 90 {
                out.append("  … more rows differ")
                break
            }
        }
        return out.joined(separator: "\n")
    }
}
