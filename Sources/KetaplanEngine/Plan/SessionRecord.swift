/// What was recorded about a session that took place (the REMS monitoring form's facts
/// among them).
public struct SessionRecord: Equatable, Sendable, Codable {
    public var doseGivenMg: Double?
    public var bpBefore: BloodPressure?
    /// About 40 minutes after the dose.
    public var bpAt40Minutes: BloodPressure?
    public var bpAtDischarge: BloodPressure?
    public var minutesMonitored: Int?
    /// Dissociation (CADSS total).
    public var dissociationCADSS: Int?
    public var sideEffects: [String]
    public var givenBy: String?
    public var note: String
    /// The day the REMS Patient Monitoring Form was submitted (esketamine).
    public var monitoringFormSubmittedOn: CalendarDay?
    /// For a deferred session: no make-up session before this day.
    public var deferredUntil: CalendarDay?
    /// Why the course's first dose differs from the label's starting dose (the clinician's
    /// explicit decision; nil when it did not).
    public var startingDoseOverride: String?

    /// Minutes of monitoring a record can hold (a day at most).
    public static let plausibleMinutesMonitored = 0...1440
    /// The CADSS total's scale.
    public static let cadssScale = 0...92

    /// The one check of minutes monitored: nil when plausible, else what to enter. The
    /// engine refuses a record with it and the record form says it while typing.
    public static func minutesMonitoredProblem(_ minutes: Int) -> String? {
        plausibleMinutesMonitored.contains(minutes) ? nil : "minutes monitored \(minutes) is not plausible: enter 0-1440"
    }

    /// The one check of a CADSS total: nil when on the scale, else what to enter.
    public static func cadssProblem(_ cadss: Int) -> String? {
        cadssScale.contains(cadss) ? nil : "CADSS \(cadss) is outside the scale: enter 0-92"
    }

    public init(
        doseGivenMg: Double? = nil, bpBefore: BloodPressure? = nil, bpAt40Minutes: BloodPressure? = nil,
        bpAtDischarge: BloodPressure? = nil, minutesMonitored: Int? = nil, dissociationCADSS: Int? = nil,
        sideEffects: [String] = [], givenBy: String? = nil, note: String = "",
        monitoringFormSubmittedOn: CalendarDay? = nil, deferredUntil: CalendarDay? = nil, startingDoseOverride: String? = nil
    ) {
        self.doseGivenMg = doseGivenMg
        self.bpBefore = bpBefore
        self.bpAt40Minutes = bpAt40Minutes
        self.bpAtDischarge = bpAtDischarge
        self.minutesMonitored = minutesMonitored
        self.dissociationCADSS = dissociationCADSS
        self.sideEffects = sideEffects
        self.givenBy = givenBy
        self.note = note
        self.monitoringFormSubmittedOn = monitoringFormSubmittedOn
        self.deferredUntil = deferredUntil
        self.startingDoseOverride = startingDoseOverride
    }

    enum CodingKeys: String, CodingKey {
        case doseGivenMg, bpBefore, bpAt40Minutes, bpAtDischarge, minutesMonitored, dissociationCADSS
        case sideEffects, givenBy, note, monitoringFormSubmittedOn, deferredUntil, startingDoseOverride
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doseGivenMg = try c.decodeIfPresent(Double.self, forKey: .doseGivenMg)
        bpBefore = try c.decodeIfPresent(BloodPressure.self, forKey: .bpBefore)
        bpAt40Minutes = try c.decodeIfPresent(BloodPressure.self, forKey: .bpAt40Minutes)
        bpAtDischarge = try c.decodeIfPresent(BloodPressure.self, forKey: .bpAtDischarge)
        minutesMonitored = try c.decodeIfPresent(Int.self, forKey: .minutesMonitored)
        dissociationCADSS = try c.decodeIfPresent(Int.self, forKey: .dissociationCADSS)
        sideEffects = try c.decodeIfPresent([String].self, forKey: .sideEffects) ?? []
        givenBy = try c.decodeIfPresent(String.self, forKey: .givenBy)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        monitoringFormSubmittedOn = try c.decodeIfPresent(CalendarDay.self, forKey: .monitoringFormSubmittedOn)
        deferredUntil = try c.decodeIfPresent(CalendarDay.self, forKey: .deferredUntil)
        startingDoseOverride = try c.decodeIfPresent(String.self, forKey: .startingDoseOverride)
        if let dose = doseGivenMg, !(dose > 0 && dose <= 1000) {
            throw DecodingError.dataCorruptedError(forKey: .doseGivenMg, in: c, debugDescription: "doseGivenMg must be between 0 and 1000 mg")
        }
        if let m = minutesMonitored, !Self.plausibleMinutesMonitored.contains(m) {
            throw DecodingError.dataCorruptedError(forKey: .minutesMonitored, in: c, debugDescription: "minutesMonitored must be 0-1440")
        }
    }
}
