/// One line of text and the style it is drawn in: what the reducer works out for a
/// screen (a preview, a warning) so that the renderer only places it.
public struct StyledLine: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}
