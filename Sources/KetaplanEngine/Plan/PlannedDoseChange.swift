/// A change of dose still to come: the first planned session at a new dose, after the
/// dose the patient is on now (`Plan.currentDose`). The handout and the summary say it, so
/// a patient told "your dose: 84 mg" is also told it becomes 56 mg from a later date.
public struct PlannedDoseChange: Equatable, Sendable {
    public var mg: Double
    public var from: CalendarDay
    public var sessionNumber: Int

    public init(mg: Double, from: CalendarDay, sessionNumber: Int) {
        self.mg = mg
        self.from = from
        self.sessionNumber = sessionNumber
    }
}

extension Plan {
    /// The planned dose changes after the current dose, in date order.
    public func comingDoseChanges(asOf today: CalendarDay) -> [PlannedDoseChange] {
        guard var previous = currentDose(asOf: today)?.mg else { return [] }
        var out: [PlannedDoseChange] = []
        for (i, s) in sessions.enumerated() where s.status == .planned && s.date >= today {
            guard let mg = s.plannedDoseMg else { continue }
            if mg != previous { out.append(PlannedDoseChange(mg: mg, from: s.date, sessionNumber: i + 1)) }
            previous = mg
        }
        return out
    }
}
