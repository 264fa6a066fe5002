/// Why patient details were refused.
public enum PatientError: Error, Equatable, Sendable, CustomStringConvertible {
    case weightOutOfRange(Double)
    case heightOutOfRange(Double)
    case emptyName
    case birthInFuture(CalendarDay)
    /// A date of birth that would make the patient older than `Patient.oldestAge`.
    case birthImplausible(CalendarDay)

    public var description: String {
        switch self {
        case .weightOutOfRange(let kg):
            return "weight \(formatNumber(kg)) kg is not plausible: enter kilograms between 30 and 300"
        case .heightOutOfRange(let cm):
            return "height \(formatNumber(cm)) cm is not plausible: enter centimetres between 120 and 230"
        case .emptyName:
            return "the patient's name is empty: enter the name as it should appear on the plan"
        case .birthInFuture(let day):
            return "date of birth \(day) is after today: enter the real date of birth as YYYY-MM-DD"
        case .birthImplausible(let day):
            return "date of birth \(day) would make the patient older than \(Patient.oldestAge): enter the real date of birth as YYYY-MM-DD"
        }
    }
}

/// Formats a number without a trailing ".0" (70 rather than 70.0, 72.5 as is).
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    let tenths = (value * 10).rounded() / 10
    if tenths == value { return String(tenths) }
    return String((value * 100).rounded() / 100)
}
