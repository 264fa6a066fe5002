import KetaplanEngine

/// Names one field of a form. FormBuilder builds fields with these keys, FormSubmission and
/// the reducer read them, and the recovery file keeps them by `rawValue`, so a mistyped key
/// is a compile error rather than a field read as empty.
public enum FormKey: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    // Record session.
    case status, dose, bpBefore, bp40, bpDischarge, monitored, cadss, sideEffects, deferUntil, formSubmitted
    /// Who gave the dose (record and amend; `--given-by`).
    case givenBy
    /// One reason for every explicit override (a BP gate, a first dose off the label, under 18).
    case override
    // Add score.
    case instrument, date, score, recent, afterDose
    // Titrate.
    case mg, mgPerKg
    // New plan.
    case protocolID, start, days, maintenance, time, fullChairs
    // Patient.
    case name, birth, sex, weight, height, conditions, moodStabiliser, primaryScale, screeningNote, notes
    /// The day the weight was measured (`--measured`) and a new patient's id (`--id`).
    case measured, patientID
    /// One screening question.
    case screening(ScreeningItem)
    // Save a file, export, review.
    case path, format, what
    /// A free note (record, score, titrate's why, review).
    case note
    /// Why a given session's record is amended (required).
    case reason
    // Clinic settings (`clinic set`).
    case clinicName, openDays, closedDates, chairs, weightBasis, minGap, remsCertified, sessionTime, fasting, contactPhone
    case calendarNames, timeZone, bpUrgent, bpRise, scoringInterval, ymrsRise, printer, paper

    public static let allCases: [FormKey] = [
        .status, .dose, .bpBefore, .bp40, .bpDischarge, .monitored, .cadss, .sideEffects, .deferUntil, .formSubmitted, .override,
        .givenBy, .instrument, .date, .score, .recent, .afterDose, .mg, .mgPerKg, .protocolID, .start, .days, .maintenance, .time, .fullChairs,
        .name, .birth, .sex, .weight, .height, .conditions, .moodStabiliser, .primaryScale, .screeningNote, .notes,
        .measured, .patientID,
    ] + ScreeningItem.allCases.map(FormKey.screening) + [.path, .format, .what, .note, .reason] + clinicSettings

    /// The clinic settings form's fields, in its order.
    public static let clinicSettings: [FormKey] = [
        .clinicName, .openDays, .closedDates, .chairs, .weightBasis, .minGap, .remsCertified, .sessionTime, .fasting, .contactPhone,
        .calendarNames, .timeZone, .bpUrgent, .bpRise, .scoringInterval, .ymrsRise, .printer, .paper,
    ]

    /// The name a recovery file keeps (the same names the untyped forms used, so files
    /// written before keys were typed still read).
    public var rawValue: String {
        switch self {
        case .status: return "status"
        case .dose: return "dose"
        case .bpBefore: return "bpBefore"
        case .bp40: return "bp40"
        case .bpDischarge: return "bpDischarge"
        case .monitored: return "monitored"
        case .cadss: return "cadss"
        case .sideEffects: return "sideEffects"
        case .deferUntil: return "deferUntil"
        case .formSubmitted: return "formSubmitted"
        case .override: return "override"
        case .givenBy: return "givenBy"
        case .afterDose: return "afterDose"
        case .measured: return "measured"
        case .patientID: return "id"
        case .instrument: return "instrument"
        case .date: return "date"
        case .score: return "score"
        case .recent: return "recent"
        case .mg: return "mg"
        case .mgPerKg: return "mgPerKg"
        case .protocolID: return "protocol"
        case .start: return "start"
        case .days: return "days"
        case .maintenance: return "maintenance"
        case .time: return "time"
        case .fullChairs: return "fullChairs"
        case .name: return "name"
        case .birth: return "birth"
        case .sex: return "sex"
        case .weight: return "weight"
        case .height: return "height"
        case .conditions: return "conditions"
        case .moodStabiliser: return "moodStabiliser"
        case .primaryScale: return "primaryScale"
        case .screeningNote: return "screeningNote"
        case .notes: return "notes"
        case .screening(let item): return "screen." + item.rawValue
        case .path: return "path"
        case .format: return "format"
        case .what: return "what"
        case .note: return "note"
        case .reason: return "reason"
        case .clinicName: return "clinicName"
        case .openDays: return "openDays"
        case .closedDates: return "closedDates"
        case .chairs: return "chairs"
        case .weightBasis: return "weightBasis"
        case .minGap: return "minGap"
        case .remsCertified: return "remsCertified"
        case .sessionTime: return "sessionTime"
        case .fasting: return "fasting"
        case .contactPhone: return "contactPhone"
        case .calendarNames: return "calendarNames"
        case .timeZone: return "timeZone"
        case .bpUrgent: return "bpUrgent"
        case .bpRise: return "bpRise"
        case .scoringInterval: return "scoringInterval"
        case .ymrsRise: return "ymrsRise"
        case .printer: return "printer"
        case .paper: return "paper"
        }
    }

    /// The key a recovery file names, or nil for a name no form has.
    public init?(rawValue: String) {
        guard let key = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = key
    }

    public var description: String { rawValue }
}

extension FormKey: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let key = FormKey(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a field of any form")
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
