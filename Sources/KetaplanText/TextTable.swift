/// A plain-text table whose columns line up by display width (CJK names take two cells
/// a character), for the command line and printed summaries.
public struct TextTable: Sendable {
    /// How a column's cells sit.
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    }

    /// Adds a row; control characters in it are made visible first, so they are measured
    /// as they will be shown.
    public mutating func add(_ row: [String]) { rows.append(row.map { ControlCharacters.visible($0) }) }

    /// The table as lines, columns two spaces apart, a rule under the header, trailing
    /// spaces trimmed. Columns wider than `maxColumnWidth` are cut with an ellipsis.
    public func lines(maxColumnWidth: Int = 60) -> [String] {
        var widths = headers.map(\.displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], min(maxColumnWidth, cell.displayWidth)) }
        }
        func render(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in widths.indices {
                let cell = i < cells.count ? cells[i] : ""
                parts.append(alignments[i] == .right ? cell.leftPadded(toWidth: widths[i]) : cell.padded(toWidth: widths[i]))
            }
            var line = parts.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
        return [render(headers), render(widths.map { String(repeating: "-", count: $0) })] + rows.map(render)
    }
}
