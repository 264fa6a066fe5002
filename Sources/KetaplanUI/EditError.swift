/// Why an edit could not be applied.
public struct EditError: Error, Equatable, Sendable {
    public var message: String
}
