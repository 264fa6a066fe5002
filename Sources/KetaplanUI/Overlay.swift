import KetaplanEngine
import KetaplanRecords

/// What sits over the screen.
public enum Overlay: Equatable, Sendable {
    /// Every key of a screen; `scroll` is the first line shown when they do not all fit.
    case help(ScreenKind, scroll: Int = 0)
    case text(title: String, body: String)
    /// The session's messages in full (`AppState.messageLog`), wrapped; `scroll` as help's.
    case log(scroll: Int)
    case confirm(Confirm)
}
