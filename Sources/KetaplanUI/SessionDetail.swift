import KetaplanEngine

/// A recorded session's whole record, open on the patient screen (Enter on a given,
/// missed, deferred or cancelled session): every field, the original record beside the
/// amended one, and each amendment with its reason. The reducer works out `lines`
/// (wrapped to the width) when the chart or the width changes; the renderer draws them.
public struct SessionDetail: Equatable, Sendable {
    public var session: SessionID
    public var lines: [StyledLine] = []
    /// First line shown when they do not all fit.
    public var scroll = 0

    public init(session: SessionID) {
        self.session = session
    }
}
