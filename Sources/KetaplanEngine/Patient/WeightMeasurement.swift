/// A body weight and the day it was measured (doses are computed from it, so its age
/// matters).
public struct WeightMeasurement: Equatable, Codable, Sendable {
    /// Kilograms.
    public var kilograms: Double
    public var measuredOn: CalendarDay

    /// Plausible adult weights; anything outside is a typing error, not a patient.
    public static let acceptedRange: ClosedRange<Double> = 30...300

    /// - Throws: `PatientError.weightOutOfRange` outside 30-300 kg.
    public init(kilograms: Double, measuredOn: CalendarDay) throws(PatientError) {
        guard kilograms.isFinite, WeightMeasurement.acceptedRange.contains(kilograms) else {
            throw .weightOutOfRange(kilograms)
        }
        self.kilograms = kilograms
        self.measuredOn = measuredOn
    }

    enum CodingKeys: String, CodingKey { case kilograms, measuredOn }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kg = try c.decode(Double.self, forKey: .kilograms)
        let day = try c.decode(CalendarDay.self, forKey: .measuredOn)
        do { try self.init(kilograms: kg, measuredOn: day) } catch {
            throw DecodingError.dataCorruptedError(forKey: .kilograms, in: c, debugDescription: error.description)
        }
    }
}
