import KetaplanText

/// Lays body lines out on printer pages of a fixed grid (the summary's 80 columns by 66
/// lines, the handout's 64 by 56), a header on every page (with "page N of M") and a
/// footer, pages separated by form feeds, as `lp` prints plain text. `PageSetup` sizes the
/// grid on paper.
public struct PagedText: Sendable {
    /// Columns and lines of one page.
    public struct Shape: Equatable, Sendable {
        public var width: Int
        public var pageLength: Int
        /// Lines a page holds for the body: less 3 for the header and 2 for the footer.
        var bodyLines: Int { pageLength - 5 }
    }

    /// The plan summary's page: 80 columns, 66 lines.
    public static let summaryShape = Shape(width: 80, pageLength: 66)
    /// The handout's page: fewer, larger characters (see `PageSetup.handout`).
    public static let handoutShape = Shape(width: 64, pageLength: 56)
    public static let width = summaryShape.width
    public static let pageLength = summaryShape.pageLength

    var headerLeft: String
    var headerRight: String
    var headerSecond: String
    var footer: String
    var shape = PagedText.summaryShape

    /// Pages joined by form feeds. Body lines longer than 80 columns are wrapped; a
    /// `keepTogether` block (a table row with its continuation) is not split.
    public func render(_ blocks: [[String]]) -> String {
        var pages: [[String]] = [[]]
        for block in blocks {
            let lines = block.flatMap { PagedText.wrap($0, width: shape.width) }
            if pages[pages.count - 1].count + lines.count > shape.bodyLines, !pages[pages.count - 1].isEmpty {
                pages.append([])
            }
            for line in lines {
                if pages[pages.count - 1].count == shape.bodyLines { pages.append([]) }
                pages[pages.count - 1].append(line)
            }
        }
        let total = pages.count
        var out: [String] = []
        for (n, body) in pages.enumerated() {
            var page: [String] = []
            let right = "\(headerRight)  page \(n + 1) of \(total)"
            page.append(PagedText.spread(headerLeft, right, width: shape.width))
            page.append(headerSecond.truncated(toWidth: shape.width))
            page.append(String(repeating: "=", count: shape.width))
            page += body
            while page.count < shape.pageLength - 2 { page.append("") }
            page.append(String(repeating: "-", count: shape.width))
            page.append(footer.truncated(toWidth: shape.width))
            out.append(page.map { $0.trimmingTrailingSpaces }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n\u{0C}") + "\n"
    }

    /// `left` and `right` on one line of `width` columns.
    static func spread(_ left: String, _ right: String, width: Int = PagedText.width) -> String {
        let room = width - right.displayWidth - 1
        return left.truncated(toWidth: max(0, room)).padded(toWidth: max(0, room)) + " " + right
    }

    /// Wraps at the last space that fits in `width` columns, keeping the line's own
    /// spacing; continuation lines are indented two more than the first.
    static func wrap(_ line: String, width: Int = PagedText.width) -> [String] {
        var lines: [String] = []
        var rest = line
        let indent = String(line.prefix { $0 == " " }) + "  "
        while rest.displayWidth > width {
            var used = 0
            var lastSpace: String.Index?
            var cut = rest.endIndex
            for i in rest.indices {
                let w = DisplayWidth.of(rest[i])
                if used + w > width { cut = i; break }
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
