/// The figures issue 13 sets targets for, as this run measured them, printed together at
/// the end with the target beside each and PASS or MISS, so that one run says whether
/// the targets are met (and a figure that could not be measured says so, never vanishes).
struct TargetTable {
    private var rows: [(what: String, measured: String, target: String, verdict: String)] = []

    /// `met` nil: a figure with no target, printed for scale.
    mutating func add(_ what: String, _ measured: String?, target: String, met: Bool?) {
        let verdict = measured == nil ? "NOT MEASURED" : met.map { $0 ? "PASS" : "MISS" } ?? ""
        rows.append((what, measured ?? "—", target, verdict))
    }

    func printed() -> String {
        let w0 = rows.map(\.what.count).max() ?? 0, w1 = rows.map(\.measured.count).max() ?? 0, w2 = rows.map(\.target.count).max() ?? 0
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        return (["Targets (issue 13), this run:"] + rows.map { "  " + pad($0.what, w0) + "  " + pad($0.measured, w1) + "  " + pad($0.target, w2) + "  " + $0.verdict })
            .joined(separator: "\n")
    }
}
