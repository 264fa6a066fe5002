import KetaplanEngine
import KetaplanText

/// One field of a form: what it holds, what it accepts, and its current text.
public struct FormField: Equatable, Sendable {
    /// What a field holds and how it is edited.
    public enum Kind: Equatable, Sendable {
        case text(required: Bool)
        case date(required: Bool)
        case time
        case number(ClosedRange<Double>, unit: String, required: Bool)
        case integer(ClosedRange<Int>, required: Bool)
        case choice([String])
        case multi([String])
        case bloodPressure
        /// A screening item: `?` unanswered, `no`, `yes`.
        case screening
    }

    public var key: FormKey
    public var label: String
    public var kind: Kind
    public var value: String
    /// What the field accepts when that depends on the data (an empty appointment time
    /// follows the clinic's session time, which it names), shown instead of the hint its
    /// key and kind give.
    public var note: String?

    public init(_ key: FormKey, _ label: String, _ kind: Kind, value: String = "", note: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.value = value
        self.note = note
    }

    /// Whether typing edits the value (text-like fields), as opposed to choosing.
    public var isTyped: Bool {
        switch kind {
        case .choice, .multi, .screening: return false
        default: return true
        }
    }

    /// What the field accepts, shown beside it.
    public var hint: String {
        if let note { return note }
        if let hint = key.hint { return hint }
        switch kind {
        case .text(let required): return required ? "required" : "optional"
        case .date(let required): return "YYYY-MM-DD, today, tomorrow, +3d, +2w" + (required ? "" : " (optional)")
        case .time: return "HH:MM (optional)"
        case .number(let r, let unit, let required):
            return "\(formatNumber(r.lowerBound))-\(formatNumber(r.upperBound)) \(unit)" + (required ? "" : " (optional)")
        case .integer(let r, let required): return "\(r.lowerBound)-\(r.upperBound)" + (required ? "" : " (optional)")
        case .choice(let options): return "Left/Right: " + options.map { $0.isEmpty ? "none" : $0 }.joined(separator: "/")
        case .multi: return "Left/Right to pick, Space to toggle"
        case .bloodPressure: return "SYS/DIA, e.g. 128/82 (optional)"
        case .screening: return "Space: ? / no / yes"
        }
    }

    /// Nil when the value is acceptable, else what is wrong and what is accepted.
    public func problem(today: CalendarDay) -> String? {
        let v = value.trimmingCharacters(in: " ")
        // Pasted text can carry escape sequences; no field accepts control characters.
        if let problem = ControlCharacters.problem(in: value, field: label, allowingLineBreaks: key.allowsLineBreaks) { return problem }
        if let problem = key.lengthProblem(value, label: label) { return problem }
        if !v.isEmpty || key.checksEmptyText, let problem = key.problem(v, today: today) { return problem }
        switch kind {
        case .text(let required):
            return required && v.isEmpty ? "\(label) is required" : nil
        case .date(let required):
            if v.isEmpty { return required ? "\(label) is required: YYYY-MM-DD, today, tomorrow, +3d or +2w" : nil }
            if case .failure(let e) = DateInput.parse(v, today: today) { return e.description }
            return nil
        case .time:
            if v.isEmpty { return nil }
            do { _ = try TimeOfDay(text: v); return nil } catch { return error.description }
        case .number(let range, let unit, let required):
            if v.isEmpty { return required ? "\(label) is required (\(formatNumber(range.lowerBound))-\(formatNumber(range.upperBound)) \(unit))" : nil }
            guard let n = PlainDecimal.parse(v), n.isFinite else { return "'\(v)' is not a number: enter \(formatNumber(range.lowerBound))-\(formatNumber(range.upperBound)) \(unit)" }
            return range.contains(n) ? nil : "\(formatNumber(n)) \(unit) is outside \(formatNumber(range.lowerBound))-\(formatNumber(range.upperBound)) \(unit)"
        case .integer(let range, let required):
            if v.isEmpty { return required ? "\(label) is required (\(range.lowerBound)-\(range.upperBound))" : nil }
            guard let n = Int(v) else { return "'\(v)' is not a whole number: enter \(range.lowerBound)-\(range.upperBound)" }
            return range.contains(n) ? nil : "\(n) is outside \(range.lowerBound)-\(range.upperBound)"
        case .choice(let options):
            return options.contains(v) ? nil : "choose one of \(options.joined(separator: ", "))"
        case .multi:
            return nil
        case .bloodPressure:
            if v.isEmpty { return nil }
            do { _ = try BloodPressure(text: v); return nil } catch { return error.description }
        case .screening:
            return ["?", "no", "yes"].contains(v) ? nil : "answer ?, no or yes"
        }
    }

    /// A problem with the field labelled `label`, as a save's error: named by the label,
    /// once. A message that already opens with the field's name (the engine's "minutes
    /// monitored 2000 is not plausible") is not named again, only capitalised.
    public static func labelled(_ label: String, _ message: String) -> String {
        if message.lowercased().hasPrefix(label.lowercased() + " ") { return message.prefix(1).uppercased() + message.dropFirst() }
        return "\(label): \(message)"
    }

    // Typed accessors for valid values.
    func date(today: CalendarDay) -> CalendarDay? {
        guard case .success(let d) = DateInput.parse(value, today: today), !value.isEmpty else { return nil }
        return d
    }
    var double: Double? { PlainDecimal.parse(value.trimmingCharacters(in: " ")) }
    var int: Int? { Int(value.trimmingCharacters(in: " ")) }
    var text: String { value.trimmingCharacters(in: " ") }
    /// Read as the check reads it (spaces around it are not part of it), so a reading
    /// the form accepted is never dropped on saving.
    var bloodPressure: BloodPressure? { try? BloodPressure(text: text) }
    var selections: [String] { value.split(separator: ",").map(String.init) }
}
