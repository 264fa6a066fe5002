/// A rule a manual move would break. Shown before the clinician confirms; the move is
/// theirs to make.
public struct MoveConcern: Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
