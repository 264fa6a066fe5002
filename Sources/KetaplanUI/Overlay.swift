import KetaplanEngine
import KetaplanStore

/// What sits over the screen.
public enum Overlay: Equatable, Sendable {
    case help(ScreenKind)
    case text(title: String, body: String)
    case confirm(Confirm)
}
