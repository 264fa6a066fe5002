/// The policies as an ASCII scatter plot: maintenance sessions per patient-year across,
/// days in relapse per patient-year up; each policy is a letter, the frontier's letters
/// are joined by dots. Plain ASCII so it prints anywhere and pastes into docs.
public enum FrontierPlot {
    /// The plot's lines (no trailing spaces).
    public static func lines(_ result: Simulation.Result, width: Int = 60, height: Int = 16) -> [String] {
        let points = result.summaries
        guard !points.isEmpty, width >= 10, height >= 4 else { return [] }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        func span(_ values: [Double]) -> (Double, Double) {
            let low = values.min()!, high = values.max()!
            let pad = max((high - low) * 0.05, 0.5)
            return (max(0, low - pad), high + pad)
        }
        let (x0, x1) = span(points.map(\.sessionsPerYear))
        let (y0, y1) = span(points.map(\.relapseDaysPerYear))
        func column(_ x: Double) -> Int { min(width - 1, max(0, Int(((x - x0) / (x1 - x0) * Double(width - 1)).rounded()))) }
        func row(_ y: Double) -> Int { min(height - 1, max(0, Int(((y1 - y) / (y1 - y0) * Double(height - 1)).rounded()))) }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        // The frontier as a dotted line between its points, fewest sessions first.
        let frontier = result.frontier.compactMap { name in points.first { $0.policy == name } }
        for (a, b) in zip(frontier, frontier.dropFirst()) {
            let (c0, r0, c1, r1) = (column(a.sessionsPerYear), row(a.relapseDaysPerYear), column(b.sessionsPerYear), row(b.relapseDaysPerYear))
            let steps = max(abs(c1 - c0), abs(r1 - r0), 1)
            for s in 0...steps {
                let c = c0 + (c1 - c0) * s / steps, r = r0 + (r1 - r0) * s / steps
                grid[r][c] = "."
            }
        }
        for (i, p) in points.enumerated() {
            // Two policies on one cell: the later letter goes to the nearest free cell in
            // the row, so every policy stays visible.
            let r = row(p.relapseDaysPerYear), c = column(p.sessionsPerYear)
            let free = [0, 1, -1, 2, -2, 3, -3].map { c + $0 }.first { (0..<width).contains($0) && !grid[r][$0].isLetter } ?? c
            grid[r][free] = letters[i % letters.count]
        }
        func label(_ v: Double) -> String {
            let text = String(Int(v.rounded()))
            return String(repeating: " ", count: max(0, 5 - text.count)) + text
        }
        var out = ["days in relapse per patient-year"]
        for (r, cells) in grid.enumerated() {
            let y = y1 - (y1 - y0) * Double(r) / Double(height - 1)
            let axis = r == 0 || r == height - 1 || r == height / 2 ? label(y) : "     "
            var line = axis + " |" + String(cells)
            while line.last == " " { line.removeLast() }
            out.append(line)
        }
        out.append("      +" + String(repeating: "-", count: width))
        let left = label(x0).trimmingLeadingSpaces, right = label(x1).trimmingLeadingSpaces
        out.append("       " + left + String(repeating: " ", count: max(1, width - left.count - right.count)) + right)
        out.append("       maintenance sessions per patient-year")
        out.append("")
        for (i, p) in points.enumerated() {
            let mark = result.frontier.contains(p.policy) ? "  (on the frontier)" : ""
            out.append("  \(letters[i % letters.count])  \(p.policy)\(mark)")
        }
        return out
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
