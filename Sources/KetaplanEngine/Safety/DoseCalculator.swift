/// Works out planned doses and checks doses a clinician enters. It never clamps: a dose
/// outside what the protocol allows is an error for the clinician to resolve.
public struct DoseCalculator: Sendable {
    public var settings: ClinicSettings

    public init(settings: ClinicSettings) { self.settings = settings }

    /// mg/kg doses are rounded to the nearest 0.5 mg, a step a syringe or pump can be set
    /// to, and small against any dose in the protocols' ranges.
    public static let roundingMg = 0.5

    /// The weight (kg) a mg/kg dose is computed from.
    /// - Throws: `DoseError.needsHeightAndSex` when ideal or adjusted weight is asked for
    ///   without the height and sex the formula needs.
    public func dosingWeight(for patient: Patient, basis: WeightBasis) throws(DoseError) -> Double {
        let actual = patient.weight.kilograms
        switch basis {
        case .actual:
            return actual
        case .ideal, .adjusted:
            guard let height = patient.heightCm, let sex = patient.sex else { throw .needsHeightAndSex(basis) }
            // Devine: 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch over 5 feet.
            let inchesOver60 = height / 2.54 - 60
            let ideal = (sex == .male ? 50.0 : 45.5) + 2.3 * inchesOver60
            if basis == .ideal { return ideal }
            return ideal + 0.4 * (actual - ideal)
        }
    }

    /// The dose planned for a session under `rule`.
    /// - Parameters:
    ///   - isFirstOfCourse: the course's first session (esketamine starts at 56 mg, or
    ///     28 mg at 65 and over where the clinic uses the reduced start).
    ///   - day: the session's day (age is taken on it).
    /// - Throws: `DoseError` when the dose cannot be computed.
    public func plannedDose(_ rule: DoseRule, for patient: Patient, isFirstOfCourse: Bool, on day: CalendarDay) throws(DoseError) -> Double {
        switch rule {
        case .perKilogram(let r):
            let weight = try dosingWeight(for: patient, basis: r.weightBasis ?? settings.weightBasis)
            return Self.round(r.mgPerKg * weight)
        case .fixed(let r):
            if isFirstOfCourse {
                if let older = r.olderAdultStartMg, settings.olderAdultEsketamineStart28mg, patient.age(on: day) >= 65 {
                    return Double(older)
                }
                return Double(r.firstSessionMg ?? r.usualMg)
            }
            return Double(r.usualMg)
        }
    }

    /// The dose in mg a titration step gives under `rule`, checked against it.
    /// - Throws: `DoseError` when the step is outside what the rule allows.
    public func dose(_ amount: DoseStep.Amount, rule: DoseRule, for patient: Patient, on day: CalendarDay) throws(DoseError) -> Double {
        switch (amount, rule) {
        case (.mg(let mg), _):
            try check(doseMg: mg, rule: rule, for: patient, on: day)
            return mg
        case (.mgPerKg(let perKg), .perKilogram(let r)):
            guard perKg >= r.minimumMgPerKg - 1e-9, perKg <= r.maximumMgPerKg + 1e-9 else {
                throw .perKilogramOutsideRange(perKg, r.minimumMgPerKg...r.maximumMgPerKg)
            }
            let weight = try dosingWeight(for: patient, basis: r.weightBasis ?? settings.weightBasis)
            return Self.round(perKg * weight)
        case (.mgPerKg(let perKg), .fixed):
            throw .perKilogramForFixedDose(perKg)
        }
    }

    /// Doses `rule` accepts for this patient: a closed range in mg for mg/kg rules, the
    /// list of values for fixed rules.
    public func acceptedDoses(_ rule: DoseRule, for patient: Patient, on day: CalendarDay) throws(DoseError) -> AcceptedDoses {
        switch rule {
        case .perKilogram(let r):
            let weight = try dosingWeight(for: patient, basis: r.weightBasis ?? settings.weightBasis)
            return .range(Self.round(r.minimumMgPerKg * weight)...Self.round(r.maximumMgPerKg * weight))
        case .fixed(let r):
            var values = r.allowedMg
            if let older = r.olderAdultStartMg, settings.olderAdultEsketamineStart28mg, patient.age(on: day) >= 65 {
                values.append(older)
            }
            return .values(Array(Set(values)).sorted())
        }
    }

    /// Whether the weight on record can judge a dose given on `day`. A fixed dose never
    /// depends on it; a mg/kg dose only when the weight was measured on or before that day.
    /// The chart keeps one weight, not its history, so a dose given before a re-weigh is
    /// not judged on a weight the clinician could not have known.
    public func weightOnRecordJudges(_ rule: DoseRule, for patient: Patient, on day: CalendarDay) -> Bool {
        guard case .perKilogram = rule else { return true }
        return patient.weight.measuredOn <= day
    }

    /// Checks a dose given (or planned) on a day that may be past: a dose recorded or
    /// amended, often days later, and the doses the safety checks judge on a chart, by one
    /// rule. A mg/kg dose is checked on
    /// the weight on record when that weight was measured by `day`; one measured after it
    /// was not the weight on record that day, and the chart keeps no earlier weight, so
    /// the dose is then checked against the protocol's mg/kg range at any accepted weight
    /// (`WeightMeasurement.acceptedRange`): a slip of the keyboard is still refused, a
    /// dose right for the weight of the day is not refused for a re-weigh since.
    /// - Throws: as `check`, or `DoseError.outsideAnyWeight`.
    public func checkOnItsDay(doseMg: Double, rule: DoseRule, for patient: Patient, on day: CalendarDay) throws(DoseError) {
        guard case .perKilogram(let r) = rule, !weightOnRecordJudges(rule, for: patient, on: day) else {
            return try check(doseMg: doseMg, rule: rule, for: patient, on: day)
        }
        guard doseMg.isFinite, doseMg > 0 else { throw .notPositive(doseMg) }
        let weights = WeightMeasurement.acceptedRange
        let range = Self.round(r.minimumMgPerKg * weights.lowerBound)...Self.round(r.maximumMgPerKg * weights.upperBound)
        let tolerance = Self.roundingMg / 2
        guard doseMg >= range.lowerBound - tolerance, doseMg <= range.upperBound + tolerance else {
            throw .outsideAnyWeight(doseMg, range, weighedOn: patient.weight.measuredOn)
        }
    }

    /// Checks a dose a clinician plans or records.
    /// - Throws: `DoseError.outsideRange` or `DoseError.notAnAllowedDose`, naming what is accepted.
    public func check(doseMg: Double, rule: DoseRule, for patient: Patient, on day: CalendarDay) throws(DoseError) {
        guard doseMg.isFinite, doseMg > 0 else { throw .notPositive(doseMg) }
        switch try acceptedDoses(rule, for: patient, on: day) {
        case .range(let range):
            // Half a rounding step of tolerance: the bounds themselves were rounded.
            let tolerance = Self.roundingMg / 2
            guard doseMg >= range.lowerBound - tolerance, doseMg <= range.upperBound + tolerance else {
                throw .outsideRange(doseMg, range)
            }
        case .values(let values):
            guard values.contains(where: { Double($0) == doseMg }) else {
                let step: Int
                if case .fixed(let r) = rule { step = r.stepMg } else { step = 1 }
                throw .notAnAllowedDose(doseMg, values, stepMg: step)
            }
        }
    }

    static func round(_ mg: Double) -> Double {
        (mg / roundingMg).rounded() * roundingMg
    }
}
