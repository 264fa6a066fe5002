/// A patient's identifier in the clinic: letters, digits and '-', 1 to 64 characters.
///
/// The id names the patient's file, so it must never carry a path separator or '..'.
public struct PatientID: SingleValueIdentifier, Comparable {
    public let rawValue: String

    /// - Throws: `PatientIDError.invalid` naming what is accepted.
    public init(_ text: String) throws(PatientIDError) {
        guard (1...64).contains(text.count),
              text.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" }),
              text.first != "-"
        else { throw .invalid(text) }
        rawValue = text
    }

    /// The clinic's numbered form, `P-0042`, for patient number `n` (1 or more).
    public static func numbered(_ n: Int) -> PatientID {
        let digits = String(n)
        return try! PatientID("P-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
    }

    /// The lowest numbered id not in `taken`, for a new patient.
    public static func firstFree(notIn taken: Set<PatientID>) -> PatientID {
        (1...).lazy.map(numbered).first { !taken.contains($0) }!
    }
}

/// Why a text is not a patient id.
public enum PatientIDError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let text):
            return "'\(text)' is not a valid patient id: use 1-64 ASCII letters, digits and '-' (not starting with '-'), e.g. P-0042"
        }
    }
}
