import KetaplanEngine

/// Reads the dates clinicians type: `YYYY-MM-DD`, `today`, `tomorrow`, `+3d`, `+2w`
/// (and `-1d` for yesterday).
public enum DateInput {
    /// The day `text` names relative to `today`, or a message saying what is accepted.
    public static func parse(_ text: String, today: CalendarDay) -> Result<CalendarDay, DateInputError> {
        let t = text.trimmingCharacters(in: " ").lowercased()
        switch t {
        case "today", "t": return .success(today)
        case "tomorrow", "tm": return .success(today.adding(days: 1))
        case "yesterday": return .success(today.adding(days: -1))
        default: break
        }
        if let sign = t.first, sign == "+" || sign == "-", t.count >= 3, let unit = t.last, unit == "d" || unit == "w",
           let n = Int(t.dropFirst().dropLast()), n >= 0, n <= 3650 {
            let days = (unit == "w" ? 7 : 1) * n * (sign == "-" ? -1 : 1)
            return .success(today.adding(days: days))
        }
        do { return .success(try CalendarDay(iso: t)) } catch {
            return .failure(DateInputError(text: text, detail: error.description))
        }
    }
}

/// Why a typed date was not understood.
public struct DateInputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var text: String
    public var detail: String
    public var description: String {
        if case .some = text.first(where: { $0 == "-" }), text.count == 10 { return detail }
        return "'\(text)' is not a date: use YYYY-MM-DD, today, tomorrow, +3d or +2w"
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
