import KetaplanText

/// A whole-number clinic setting (chairs, minimum gap, BP rise, scoring interval, YMRS
/// rise): its accepted values and the words a refusal uses. The command line's parser,
/// the settings form's check while typing and `ClinicChange.applied` all read this one
/// definition, so the two front ends refuse the same value with the same message.
public struct WholeSetting: Equatable, Sendable {
    public let range: ClosedRange<Int>
    /// What the number counts ("chairs", "days"), said in the message.
    public let unit: String
    /// The option and form field a refusal names.
    public let field: EditField

    public init(_ range: ClosedRange<Int>, _ unit: String, field: EditField) {
        self.range = range
        self.unit = unit
        self.field = field
    }

    /// "1-20000", for help texts and hints.
    public var accepted: String { "\(range.lowerBound)-\(range.upperBound)" }

    /// Nil when `text` is a whole number in range, else what is wrong and what is accepted.
    public func problem(_ text: String) -> String? {
        guard let value = Int(text), range.contains(value) else {
            return "'\(ControlCharacters.visible(text))' is not accepted; use \(accepted) \(unit)"
        }
        return nil
    }

    /// `text` as the setting's value.
    /// - Throws: `problem`'s message, naming the field.
    public func parse(_ text: String) throws(EditError) -> Int {
        if let problem = problem(text) { throw EditError(message: problem, field: field) }
        return Int(text) ?? range.lowerBound
    }

    /// `value` when in range.
    /// - Throws: `problem`'s message, naming the field.
    public func checked(_ value: Int) throws(EditError) -> Int { try parse(String(value)) }
}
