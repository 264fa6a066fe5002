import ArgumentParser
import KetaplanEngine
import KetaplanText

/// One `ITEM=yes|no|unknown` of `screening set`: the item by its file name or in
/// kebab-case, the answer yes (present), no (absent) or unknown.
struct ScreeningSetting {
    var item: ScreeningItem
    /// nil: unknown.
    var answer: Bool?

    /// Every `ITEM=ANSWER` there is, for completion scripts.
    static var completions: [String] {
        ScreeningItem.allCases.flatMap { item in ["yes", "no", "unknown"].map { "\(item.rawValue)=\($0)" } }
    }

    /// Reads `ITEM=ANSWER`, naming what is accepted when it is not one.
    static func parse(_ text: String) throws -> ScreeningSetting {
        let shown = ControlCharacters.visible(text)
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("'\(shown)' is not ITEM=yes|no|unknown") }
        let key = parts[0].replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "").lowercased()
        guard let item = ScreeningItem.allCases.first(where: { $0.rawValue.lowercased() == key }) else {
            throw ValidationError("'\(ControlCharacters.visible(parts[0]))' is not a screening item; use one of \(ScreeningItem.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch parts[1].lowercased() {
        case "yes", "y", "present": return ScreeningSetting(item: item, answer: true)
        case "no", "n", "absent": return ScreeningSetting(item: item, answer: false)
        case "unknown", "?": return ScreeningSetting(item: item, answer: nil)
        default: throw ValidationError("'\(ControlCharacters.visible(parts[1]))' for \(item.rawValue) is not an answer; use yes, no or unknown")
        }
    }
}
