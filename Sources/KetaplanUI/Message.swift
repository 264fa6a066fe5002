import KetaplanEngine
import KetaplanStore

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
}
