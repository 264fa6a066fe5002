import KetaplanText

/// Lays body lines out on printer pages: at most 80 columns, 66 lines a page, a header on
/// every page (with "page N of M") and a footer, pages separated by form feeds, as `lp`
/// prints plain text.
public struct PagedText: Sendable {
    public static let width = 80
    public static let pageLength = 66

    var headerLeft: String
    var headerRight: String
    var headerSecond: String
    var footer: String

    /// Lines a page holds for the body: 66 less 3 for the header and 2 for the footer.
    static let bodyLines = pageLength - 5

    /// Pages joined by form feeds. Body lines longer than 80 columns are wrapped; a
    /// `keepTogether` block (a table row with its continuation) is not split.
    public func render(_ blocks: [[String]]) -> String {
        var pages: [[String]] = [[]]
        for block in blocks {
            let lines = block.flatMap { PagedText.wrap($0) }
            if pages[pages.count - 1].count + lines.count > Self.bodyLines, !pages[pages.count - 1].isEmpty {
                pages.append([])
            }
            for line in lines {
                if pages[pages.count - 1].count == Self.bodyLines { pages.append([]) }
                pages[pages.count - 1].append(line)
            }
        }
        let total = pages.count
        var out: [String] = []
        for (n, body) in pages.enumerated() {
            var page: [String] = []
            let right = "\(headerRight)  page \(n + 1) of \(total)"
            page.append(PagedText.spread(headerLeft, right))
            page.append(headerSecond.truncated(toWidth: Self.width))
            page.append(String(repeating: "=", count: Self.width))
            page += body
            while page.count < Self.pageLength - 2 { page.append("") }
            page.append(String(repeating: "-", count: Self.width))
            page.append(footer.truncated(toWidth: Self.width))
            out.append(page.map { $0.trimmingTrailingSpaces }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n\u{0C}") + "\n"
    }

    /// `left` and `right` on one 80-column line.
    static func spread(_ left: String, _ right: String) -> String {
        let room = Self.width - right.displayWidth - 1
        return left.truncated(toWidth: max(0, room)).padded(toWidth: max(0, room)) + " " + right
    }

    /// Wraps at the last space that fits in 80 columns, keeping the line's own spacing;
    /// continuation lines are indented two more than the first.
    static func wrap(_ line: String) -> [String] {
        var lines: [String] = []
        var rest = line
        let indent = String(line.prefix { $0 == " " }) + "  "
        while rest.displayWidth > Self.width {
            var used = 0
            var lastSpace: String.Index?
            var cut = rest.endIndex
            for i in rest.indices {
                let w = DisplayWidth.of(rest[i])
                if used + w > Self.width { cut = i; break }
                if rest[i] == " ", i > rest.startIndex, used > indent.count { lastSpace = i }
                used += w
            }
            let breakAt = lastSpace ?? cut
            lines.append(String(rest[..<breakAt]).trimmingTrailingSpaces)
            rest = indent + String(rest[breakAt...].drop { $0 == " " })
        }
        lines.append(rest)
        return lines
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
