/// A clinician's titration: the dose planned from one session on, with who, when and why.
/// The newest instruction sets the dose from its session on, every later session included:
/// a step set later replaces, from its session on, every step set before it (also one that
/// started at a later session); the course's first dose stays the label's starting dose.
public struct DoseStep: Equatable, Sendable, Codable {
    /// What the dose is: fixed milligrams, or mg/kg worked out on each session's weight.
    public enum Amount: Equatable, Sendable, Codable, CustomStringConvertible {
        case mg(Double)
        case mgPerKg(Double)

        public var description: String {
            switch self {
            case .mg(let v): return "\(formatNumber(v)) mg"
            case .mgPerKg(let v): return "\(formatNumber(v)) mg/kg"
            }
        }

        enum CodingKeys: String, CodingKey { case mg, mgPerKg }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let v = try c.decodeIfPresent(Double.self, forKey: .mg) {
                guard v > 0, v <= 1000 else { throw DecodingError.dataCorruptedError(forKey: .mg, in: c, debugDescription: "mg must be between 0 and 1000") }
                self = .mg(v)
            } else if let v = try c.decodeIfPresent(Double.self, forKey: .mgPerKg) {
                guard v > 0, v <= 5 else { throw DecodingError.dataCorruptedError(forKey: .mgPerKg, in: c, debugDescription: "mgPerKg must be between 0 and 5") }
                self = .mgPerKg(v)
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a dose step needs {\"mg\": N} or {\"mgPerKg\": N}"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .mg(let v): try c.encode(v, forKey: .mg)
            case .mgPerKg(let v): try c.encode(v, forKey: .mgPerKg)
            }
        }
    }

    public var amount: Amount
    /// The session it starts from, and that session's day when the step was set (the
    /// step applies to sessions on or after it).
    public var fromSession: SessionID
    public var fromDate: CalendarDay
    public var setOn: CalendarDay
    public var by: String
    public var note: String

    public init(amount: Amount, fromSession: SessionID, fromDate: CalendarDay, setOn: CalendarDay, by: String, note: String = "") {
        self.amount = amount
        self.fromSession = fromSession
        self.fromDate = fromDate
        self.setOn = setOn
        self.by = by
        self.note = note
    }
}

extension Plan {
    /// The titration step in effect for a session on `day`, if any: of the steps starting
    /// on or before it, the one set last ("from session 3 on" means every session after 3,
    /// whatever was set for session 4 before).
    public func doseStep(on day: CalendarDay) -> DoseStep? {
        doseSteps.last { $0.fromDate <= day }
    }

    /// The steps set before `doseSteps[index]` that it replaces entirely (they start on or
    /// after its session, so no session follows them any more).
    public func stepsReplaced(byStepAt index: Int) -> [DoseStep] {
        guard doseSteps.indices.contains(index) else { return [] }
        return doseSteps[..<index].filter { $0.fromDate >= doseSteps[index].fromDate }
    }

    /// The step set after `doseSteps[index]` that replaced it entirely, if one did.
    public func stepReplacing(stepAt index: Int) -> DoseStep? {
        guard doseSteps.indices.contains(index) else { return nil }
        return doseSteps[(index + 1)...].first { $0.fromDate <= doseSteps[index].fromDate }
    }
}

/// The dose a patient is on now and since when (for summaries and handouts).
public struct CurrentDose: Equatable, Sendable {
    public var mg: Double
    /// The first session of the run of sessions at this dose that leads to now.
    public var since: CalendarDay
    public var sinceSessionNumber: Int
    /// The titration that set it, if one did.
    public var step: DoseStep?

    /// "84 mg since session 5 (2026-01-19), titrated on 2026-01-16 by dr.k: tolerating well".
    public var description: String {
        var text = "\(formatNumber(mg)) mg since session \(sinceSessionNumber) (\(since))"
        if let step {
            text += ", set to \(step.amount) on \(step.setOn) by \(step.by)" + (step.note.isEmpty ? "" : ": \(step.note)")
        }
        return text
    }
}

extension Plan {
    /// The dose of the next planned session from `today` (else of the last given one),
    /// and since when the sessions leading to it have had that dose.
    public func currentDose(asOf today: CalendarDay) -> CurrentDose? {
        let doses: [(Int, Session, Double)] = sessions.enumerated().compactMap { i, s in
            let mg = s.status == .given ? s.record?.doseGivenMg : (s.status == .planned ? s.plannedDoseMg : nil)
            return mg.map { (i + 1, s, $0) }
        }
        guard let at = doses.firstIndex(where: { $0.1.status == .planned && $0.1.date >= today })
                ?? doses.lastIndex(where: { $0.1.status == .given }) else { return nil }
        let mg = doses[at].2
        var first = at
        while first > 0, doses[first - 1].2 == mg { first -= 1 }
        let step = doseStep(on: doses[at].1.date)
        return CurrentDose(mg: mg, since: doses[first].1.date, sinceSessionNumber: doses[first].0,
                           step: step.flatMap { $0.fromDate <= doses[at].1.date ? $0 : nil })
    }
}
