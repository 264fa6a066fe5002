/// Why a dose was refused or could not be computed.
public enum DoseError: Error, Equatable, Sendable, CustomStringConvertible {
    case needsHeightAndSex(WeightBasis)
    case notPositive(Double)
    case outsideRange(Double, ClosedRange<Double>)
    /// A given mg/kg dose outside the protocol's range at any accepted weight, judged so
    /// because the weight on record was measured after the session (on `weighedOn`).
    case outsideAnyWeight(Double, ClosedRange<Double>, weighedOn: CalendarDay)
    case notAnAllowedDose(Double, [Int], stepMg: Int)
    case perKilogramOutsideRange(Double, ClosedRange<Double>)
    case perKilogramForFixedDose(Double)

    public var description: String {
        switch self {
        case .needsHeightAndSex(let basis):
            return "dosing on \(basis) needs the patient's height and sex: record them, or dose on actual body weight"
        case .notPositive(let mg):
            return "dose \(formatNumber(mg)) mg is not a dose: enter milligrams greater than 0"
        case .outsideRange(let mg, let range):
            return "dose \(formatNumber(mg)) mg is outside this protocol's range for this patient: \(formatNumber(range.lowerBound))-\(formatNumber(range.upperBound)) mg"
        case .outsideAnyWeight(let mg, let range, let weighed):
            return "dose \(formatNumber(mg)) mg is outside this protocol's range at any weight: \(formatNumber(range.lowerBound))-\(formatNumber(range.upperBound)) mg"
                + " (the weight on record was measured on \(weighed), after this session, so it does not set the range for it)"
        case .notAnAllowedDose(let mg, let values, let step):
            return "dose \(formatNumber(mg)) mg is not allowed: use \(values.map(String.init).joined(separator: ", ")) mg (\(step) mg per device)"
        case .perKilogramOutsideRange(let v, let range):
            return "\(formatNumber(v)) mg/kg is outside this protocol's range: \(formatNumber(range.lowerBound))-\(formatNumber(range.upperBound)) mg/kg"
        case .perKilogramForFixedDose(let v):
            return "\(formatNumber(v)) mg/kg cannot be set: this protocol doses in fixed milligrams; use --mg"
        }
    }
}
