/// One stage of a protocol: how long, how often, how far apart, what dose, how long in
/// the chair.
public struct ProtocolPhase: Equatable, Sendable, Codable {
    public var kind: PhaseKind
    public var length: PhaseLength
    /// At most this many sessions in any treatment week and in any calendar week.
    public var sessionsPerWeek: Int
    /// Minimum whole days between two doses; nil uses the clinic's twice-weekly gap.
    public var minimumDaysBetween: Int?
    public var dose: DoseRule
    /// Minutes to give the drug (infusion time, or spray devices 5 min apart).
    public var administrationMinutes: Int
    /// Minutes of observation after the dose.
    public var monitoringMinutes: Int
    /// For maintenance: the intervals (days) the label allows, e.g. [7, 14] for
    /// esketamine from week 9; nil allows any the policy sets.
    public var allowedIntervalsDays: [Int]?
    /// How long the phase may take, first dose to last dose (days, both counted): the
    /// protocol's usual length and the most it may stretch to (e.g. 6 infusions three a
    /// week: 12 days, at most 16). Nil: no limit is stated.
    public var window: PhaseWindow?

    public init(
        kind: PhaseKind, length: PhaseLength, sessionsPerWeek: Int, minimumDaysBetween: Int?,
        dose: DoseRule, administrationMinutes: Int, monitoringMinutes: Int, allowedIntervalsDays: [Int]? = nil,
        window: PhaseWindow? = nil
    ) {
        self.kind = kind
        self.length = length
        self.sessionsPerWeek = sessionsPerWeek
        self.minimumDaysBetween = minimumDaysBetween
        self.dose = dose
        self.administrationMinutes = administrationMinutes
        self.monitoringMinutes = monitoringMinutes
        self.allowedIntervalsDays = allowedIntervalsDays
        self.window = window
    }

    /// Chair minutes: administration plus monitoring.
    public var chairMinutes: Int { administrationMinutes + monitoringMinutes }

    /// The minimum gap in days with the clinic's setting filled in.
    public func minimumGap(settings: ClinicSettings) -> Int {
        minimumDaysBetween ?? settings.twiceWeeklyMinimumGapDays
    }
}
