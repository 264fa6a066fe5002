import ArgumentParser
import ClinicEdits
import KetaplanEngine
import KetaplanText

/// The one reader of each kind of value typed on the command line, as option transforms:
/// swift-argument-parser puts the flag and the value before the message, and the message
/// says what is accepted.
enum Parse {
    /// A calendar day, `YYYY-MM-DD`.
    static func day(_ text: String) throws -> CalendarDay {
        do { return try CalendarDay(iso: text) } catch { throw ValidationError(error.description) }
    }

    /// A plain decimal number (no hexadecimal, exponents, inf or nan).
    static func decimal(_ text: String) throws -> Double {
        guard let value = PlainDecimal.parse(text) else {
            throw ValidationError("'\(ControlCharacters.visible(text))' is not a plain decimal number; write digits with an optional decimal point, e.g. 52.5")
        }
        return value
    }

    /// A plain decimal number that may be negative, for a value whose own range check
    /// names what is accepted (a weight of -5 kg is told "30-300 kg", not "missing value").
    static func signedDecimal(_ text: String) throws -> Double {
        if text.hasPrefix("-"), let value = PlainDecimal.parse(String(text.dropFirst())) { return -value }
        return try decimal(text)
    }

    /// A whole number within `range`; `unit` names what it counts in the message.
    static func whole(_ range: ClosedRange<Int>, _ unit: String) -> @Sendable (String) throws -> Int {
        { text in
            guard let value = Int(text), range.contains(value) else {
                throw ValidationError("'\(ControlCharacters.visible(text))' is not accepted; use \(range.lowerBound)-\(range.upperBound) \(unit)")
            }
            return value
        }
    }

    /// A clinic setting's whole number, checked and worded by the setting itself (the
    /// settings form says the same).
    static func setting(_ setting: WholeSetting) -> @Sendable (String) throws -> Int {
        { text in
            do throws(EditError) { return try setting.parse(text) } catch { throw ValidationError(error.message) }
        }
    }

    /// A whole number the engine checks against its scale (a score, a CADSS total).
    static func count(_ text: String) throws -> Int {
        guard let value = Int(text) else { throw ValidationError("'\(ControlCharacters.visible(text))' is not a whole number") }
        return value
    }

    /// A blood pressure, `SYS/DIA`.
    static func bloodPressure(_ text: String) throws -> BloodPressure {
        do { return try BloodPressure(text: text) } catch { throw ValidationError(error.description) }
    }

    /// A time of day, `HH:MM`.
    static func time(_ text: String) throws -> TimeOfDay {
        do { return try TimeOfDay(text: text) } catch { throw ValidationError(error.description) }
    }

    /// A maintenance policy: `fixed:21`, `taper:7,14,21,28`, `adaptive:7-42/7`,
    /// `durability[:MARGIN]`, `on-demand`.
    static func policy(_ text: String) throws -> MaintenancePolicy {
        do { return try MaintenancePolicy(text: text) } catch { throw ValidationError(error.description) }
    }

    /// The clinic's open days for `clinic set --open-days`: weekdays separated by commas.
    /// Text naming no day at all ("" or ",") is passed on as no day, so that
    /// `ClinicChange.checkOpenDays` refuses it in the same words as the settings form:
    /// the rule is ClinicChange's, not the parser's.
    static func openDays(_ text: String) throws -> [Weekday] {
        if text.split(separator: ",").allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return [] }
        return try weekdays(text)
    }

    /// Weekdays separated by commas (`mon,thu`); at least one.
    static func weekdays(_ text: String) throws -> [Weekday] {
        var days: [Weekday] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let d = Weekday(name: String(part)) else {
                throw ValidationError("'\(ControlCharacters.visible(String(part)))' is not a weekday; use mon,tue,wed,thu,fri,sat,sun separated by commas")
            }
            if !days.contains(d) { days.append(d) }
        }
        guard !days.isEmpty else { throw ValidationError("name at least one weekday") }
        return days
    }
}
