import KetaplanEngine

/// The rules a field's text answers to beyond its kind (a date, a number), checked while
/// typing: each calls the one function the edit (through the engine) checks on saving, so
/// the form says the same words before saving that saving would.
extension FormKey {
    /// Nil when the text passes (or is not yet text this check reads: the field's kind
    /// says what is wrong with that), else the edit's own message.
    func problem(_ text: String, today: CalendarDay) -> String? {
        switch self {
        case .birth:
            guard case .success(let day) = DateInput.parse(text, today: today) else { return nil }
            do { try Patient.checkBirth(day, today: today) } catch { return error.description }
            return nil
        case .date:
            // The score form's day.
            guard case .success(let day) = DateInput.parse(text, today: today) else { return nil }
            do { try Assessment.checkDate(day, today: today) } catch { return error.description }
            return nil
        case .maintenance:
            do { _ = try MaintenancePolicy(text: text) } catch { return error.description }
            return nil
        case .monitored:
            return Int(text).flatMap(SessionRecord.minutesMonitoredProblem)
        case .cadss:
            return Int(text).flatMap(SessionRecord.cadssProblem)
        default:
            return nil
        }
    }
}
