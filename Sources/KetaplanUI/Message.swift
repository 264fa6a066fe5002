import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// A status-bar message.
public struct Message: Equatable, Sendable {
    /// How the message is marked: plain, "OK", or "!".
    public enum Kind: Equatable, Sendable { case info, success, error }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// The mark before the text on the status line and in the log.
    public var mark: String {
        switch kind {
        case .info: return ""
        case .success: return "OK "
        case .error: return "! "
        }
    }

    /// The message log's lines, none wider than `width` cells: each message whole,
    /// wrapped, marked, its continuation lines indented; the newest last. The reducer scrolls by these lines and
    /// the renderer draws them.
    public static func logLines(_ log: [Message], width: Int) -> [String] {
        guard !log.isEmpty else { return ["No messages yet in this session."] }
        var lines: [String] = []
        for m in log {
            // A message's own line breaks start lines; other control characters show by name.
            let paragraphs = ControlCharacters.visible(m.text, keeping: ["\n"]).split(separator: "\n", omittingEmptySubsequences: false)
            for (n, paragraph) in paragraphs.enumerated() {
                for (i, part) in Renderer.wrap((n == 0 ? m.mark : "") + String(paragraph), width: max(8, width - 2)).enumerated() {
                    lines.append(n == 0 && i == 0 ? part : "  " + part)
                }
            }
        }
        return lines
    }
}
