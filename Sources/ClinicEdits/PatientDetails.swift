import KetaplanEngine

/// A patient's details as a clinician gives them: all of them for a new patient, or the
/// ones to change on a patient on record (nil keeps what is recorded; `.some(nil)`
/// clears an optional one). The one place `patient add`, `patient edit` and the screen's
/// patient form turn input into a `Patient`, so they accept and refuse the same input
/// with the same words.
public struct PatientDetails: Equatable, Sendable {
    public var name: String?
    public var dateOfBirth: CalendarDay?
    public var sex: Sex??
    /// A new weight; mg/kg doses from now on follow it.
    public var weightKg: Double?
    /// The day `weightKg` was measured (default: today).
    public var weightMeasuredOn: CalendarDay?
    public var heightCm: Double??
    public var conditions: [Condition]?
    /// As typed or chosen: a listed stabiliser, `none`, `other:NAME`, or empty for none.
    /// Text that names none of these is refused, except an older file's text left as it was.
    public var moodStabiliser: String?
    public var primaryScale: Instrument??
    public var notes: String?
    /// Screening answers set with the details (the screen's patient form).
    public var screening: ScreeningChange?

    public init(name: String? = nil, dateOfBirth: CalendarDay? = nil, sex: Sex?? = nil, weightKg: Double? = nil, weightMeasuredOn: CalendarDay? = nil,
                heightCm: Double?? = nil, conditions: [Condition]? = nil, moodStabiliser: String? = nil, primaryScale: Instrument?? = nil,
                notes: String? = nil, screening: ScreeningChange? = nil) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.weightKg = weightKg
        self.weightMeasuredOn = weightMeasuredOn
        self.heightCm = heightCm
        self.conditions = conditions
        self.moodStabiliser = moodStabiliser
        self.primaryScale = primaryScale
        self.notes = notes
        self.screening = screening
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Whether nothing would change.
    public var isEmpty: Bool { self == PatientDetails() }

    /// The patient these details make: `old` with them applied, or a new patient `id`.
    /// - Throws: the first refused input, naming it (`EditError.field`).
    public func patient(updating old: Patient?, id: PatientID, today: CalendarDay) throws(EditError) -> Patient {
        if old == nil {
            var missing: [String] = []
            if name == nil { missing.append("name") }
            if dateOfBirth == nil { missing.append("date of birth") }
            if weightKg == nil { missing.append("weight") }
            if !missing.isEmpty { throw EditError(message: "a new patient needs a \(missing.joined(separator: ", a "))") }
        }
        if let dateOfBirth {
            do { try Patient.checkBirth(dateOfBirth, today: today) } catch { throw EditError(message: error.description, field: .birth) }
        }
        var weight = old?.weight
        if let weightKg {
            let day = weightMeasuredOn ?? today
            guard day <= today else {
                throw EditError(message: "\(day) is after today; a weight is recorded on or after the day it is measured", field: .measured)
            }
            // mg/kg doses follow the weight on record: an older measurement must never
            // replace a newer one (and silently re-dose the plan from it).
            if let current = old?.weight, day < current.measuredOn {
                throw EditError(message: "a weight measured on \(day) is older than the weight on record (\(formatNumber(current.kilograms)) kg, measured on \(current.measuredOn)) "
                                + "and would replace it; record a weight measured on or after \(current.measuredOn), e.g. weigh the patient and record it with today's date", field: .measured)
            }
            do { weight = try WeightMeasurement(kilograms: weightKg, measuredOn: day) } catch { throw EditError(message: error.description, field: .weight) }
        } else if weightMeasuredOn != nil {
            throw EditError(message: "says when the weight was measured: give the weight too", field: .measured)
        }
        var stabiliser = old?.moodStabiliser
        if let text = moodStabiliser.map(Self.trimmed) {
            stabiliser = nil
            if let value = MoodStabiliser(parsing: text) {
                if case .unrecognised = value, text != old?.moodStabiliser {
                    throw EditError(message: "'\(text)' is not accepted; use \(MoodStabiliser.accepted)", field: .moodStabiliser)
                }
                stabiliser = value.description
            }
        }
        var screening = old?.screening ?? Screening()
        if let change = self.screening {
            try change.validate(against: screening)
            screening = change.applied(to: screening)
        }
        do {
            return try Patient(
                id: old?.id ?? id, name: name ?? old?.name ?? "", dateOfBirth: dateOfBirth ?? old?.dateOfBirth ?? today,
                sex: sex ?? old?.sex, weight: weight!, heightCm: heightCm ?? old?.heightCm, conditions: conditions ?? old?.conditions ?? [],
                moodStabiliser: stabiliser, screening: screening, notes: notes ?? old?.notes ?? "", primaryScale: primaryScale ?? old?.primaryScale)
        } catch {
            let field: EditField? = switch error {
            case .emptyName: .name
            case .heightOutOfRange: .height
            case .weightOutOfRange: .weight
            case .birthInFuture, .birthImplausible: .birth
            }
            throw EditError(message: error.description, field: field)
        }
    }

    /// What the details change, in the words the command line prints ("weight 72 kg on
    /// 2026-01-05; conditions trd").
    public func said(today: CalendarDay) -> [String] {
        var out: [String] = []
        if let weightKg { out.append("weight \(formatNumber(weightKg)) kg on \(weightMeasuredOn ?? today)") }
        if let name { out.append("name \(name)") }
        if let dateOfBirth { out.append("date of birth \(dateOfBirth)") }
        if let heightCm { out.append(heightCm.map { "height \(formatNumber($0)) cm" } ?? "height cleared") }
        if let sex { out.append(sex.map { "sex \($0.rawValue)" } ?? "sex cleared") }
        if let conditions { out.append("conditions " + conditions.map(\.rawValue).joined(separator: ", ")) }
        if let moodStabiliser { out.append("mood stabiliser \(moodStabiliser)") }
        if let primaryScale { out.append("primary scale \(primaryScale?.name ?? "the condition's default")") }
        if notes != nil { out.append("notes") }
        return out
    }
}
