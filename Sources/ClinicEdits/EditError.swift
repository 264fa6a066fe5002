/// Why an edit could not be applied: a message a clinician can act on (what is wrong and
/// what is accepted), the same whichever front end made the edit.
public struct EditError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// The input the message is about, when it is one: the command line names it by its
    /// option, a form by its field's label.
    public var field: EditField?

    public init(message: String, field: EditField? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
