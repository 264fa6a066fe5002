/// Why an edit could not be applied: a message a clinician can act on (what is wrong and
/// what is accepted), the same whichever front end made the edit.
public struct EditError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}
