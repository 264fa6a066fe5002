/// A person treated at the clinic: identity, the facts dosing and safety depend on, and
/// the pre-treatment screening.
public struct Patient: Equatable, Codable, Sendable {
    public var id: PatientID
    public var name: String
    public var dateOfBirth: CalendarDay
    public var sex: Sex?
    public var weight: WeightMeasurement
    /// Centimetres; needed for ideal or adjusted body weight dosing.
    public var heightCm: Double?
    public var conditions: [Condition]
    /// The mood stabiliser on record (lithium, valproate, ...); expected for bipolar depression.
    public var moodStabiliser: String?
    public var screening: Screening
    public var notes: String
    /// The scale the clinician chose to track this patient on; nil takes the condition's
    /// default (`Condition.primaryInstrument`).
    public var primaryScale: Instrument?

    /// Plausible adult heights.
    public static let acceptedHeightRange: ClosedRange<Double> = 120...230

    /// - Throws: `PatientError` when the name is empty or the height is implausible.
    public init(
        id: PatientID, name: String, dateOfBirth: CalendarDay, sex: Sex? = nil,
        weight: WeightMeasurement, heightCm: Double? = nil, conditions: [Condition] = [],
        moodStabiliser: String? = nil, screening: Screening = Screening(), notes: String = "", primaryScale: Instrument? = nil
    ) throws(PatientError) {
        guard !name.trimmingWhitespace.isEmpty else { throw .emptyName }
        if let heightCm, !(heightCm.isFinite && Patient.acceptedHeightRange.contains(heightCm)) {
            throw .heightOutOfRange(heightCm)
        }
        self.id = id
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.weight = weight
        self.heightCm = heightCm
        self.conditions = conditions.sorted()
        self.moodStabiliser = moodStabiliser
        self.screening = screening
        self.notes = notes
        self.primaryScale = primaryScale
    }

    enum CodingKeys: String, CodingKey {
        case id, name, dateOfBirth, sex, weight, heightCm, conditions, moodStabiliser, screening, notes, primaryScale
    }

    // Decoding goes through the validating initialiser, so a file can never hold an
    // empty name or an implausible height.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                id: c.decode(PatientID.self, forKey: .id), name: c.decode(String.self, forKey: .name),
                dateOfBirth: c.decode(CalendarDay.self, forKey: .dateOfBirth), sex: c.decodeIfPresent(Sex.self, forKey: .sex),
                weight: c.decode(WeightMeasurement.self, forKey: .weight), heightCm: c.decodeIfPresent(Double.self, forKey: .heightCm),
                conditions: c.decodeIfPresent([Condition].self, forKey: .conditions) ?? [],
                moodStabiliser: c.decodeIfPresent(String.self, forKey: .moodStabiliser),
                screening: c.decodeIfPresent(Screening.self, forKey: .screening) ?? Screening(),
                notes: c.decodeIfPresent(String.self, forKey: .notes) ?? "",
                primaryScale: c.decodeIfPresent(Instrument.self, forKey: .primaryScale))
        } catch let error as PatientError {
            throw DecodingError.dataCorruptedError(forKey: error == .emptyName ? .name : .heightCm, in: c, debugDescription: error.description)
        }
    }

    /// The oldest age a date of birth may give (a typing slip such as 1826 for 1926 is refused).
    public static let oldestAge = 120

    /// Checks a date of birth entered on `today`: in the past and plausible.
    /// - Throws: `PatientError.birthInFuture` or `.birthImplausible`.
    public static func checkBirth(_ birth: CalendarDay, today: CalendarDay) throws(PatientError) {
        guard birth <= today else { throw .birthInFuture(birth) }
        guard today.age(bornOn: birth) <= oldestAge else { throw .birthImplausible(birth) }
    }

    /// Age in completed years on `day`.
    public func age(on day: CalendarDay) -> Int { day.age(bornOn: dateOfBirth) }

    /// The mood stabiliser on record as a choice (`MoodStabiliser`); nil when none is
    /// recorded. Free text that names no stabiliser reads as `.unrecognised`.
    public var moodStabiliserChoice: MoodStabiliser? {
        moodStabiliser.flatMap(MoodStabiliser.init(parsing:))
    }

    /// Whether a mood stabiliser is on record: a listed one or `other:NAME`. Empty,
    /// `none`, and text that names no stabiliser ("declined", "0", "aspirin") are not.
    public var hasMoodStabiliser: Bool {
        moodStabiliserChoice?.isStabiliser ?? false
    }

    /// The scale response is tracked on first: the clinician's choice, else the first
    /// listed condition's default.
    public var primaryInstrument: Instrument {
        primaryScale ?? conditions.first?.primaryInstrument ?? .phq9
    }

    /// Every scale that counts towards response and relapse for this patient: the primary
    /// scale; every depression scale (PHQ-9, QIDS-SR16, MADRS) for a depressive condition;
    /// PCL-5 for PTSD and GAD-7 for generalised anxiety, beside the depression scales.
    public var trackedInstruments: [Instrument] {
        var out: [Instrument] = [primaryInstrument]
        if Instrument.depressionScales.contains(primaryInstrument) || conditions.contains(where: \.isDepressive) {
            out += Instrument.depressionScales
        }
        if conditions.contains(.ptsd) { out.append(.pcl5) }
        if conditions.contains(.generalisedAnxiety) { out.append(.gad7) }
        var seen: Set<Instrument> = []
        return out.filter { seen.insert($0).inserted }
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
