/// The protocols every clinic has, with fixed ids that scripts can name.
///
/// Sources are in docs/clinical-rules.md and in each protocol's `source`.
public enum BuiltInProtocols {
    /// All built-in protocols, in the order they are listed to clinicians.
    public static let all: [TreatmentProtocol] = [esketamineTRD, esketamineMDSI, ivKetamine3x, ivKetamine2x, imKetamineWeekly]

    /// Looks up a built-in protocol by id.
    public static func protocolWith(id: ProtocolID) -> TreatmentProtocol? {
        all.first { $0.id == id }
    }

    static let esketamineDose = FixedDose(firstSessionMg: 56, usualMg: 56, allowedMg: [56, 84], stepMg: 28, olderAdultStartMg: 28)

    /// Spravato label, treatment-resistant depression: weeks 1-4 twice weekly (day 1
    /// 56 mg, then 56 or 84 mg), weeks 5-8 weekly, week 9 on every 2 weeks or weekly;
    /// at least 2 hours' monitoring (REMS).
    public static let esketamineTRD = TreatmentProtocol(
        id: "esketamine-trd",
        name: "Esketamine nasal spray, treatment-resistant depression",
        route: .intranasalEsketamine,
        phases: [
            ProtocolPhase(kind: .induction, length: .weeks(4), sessionsPerWeek: 2, minimumDaysBetween: nil,
                          dose: .fixed(esketamineDose), administrationMinutes: 15, monitoringMinutes: 120,
                          window: PhaseWindow(usualDays: 28, maximumDays: 28)),
            ProtocolPhase(kind: .continuation, length: .weeks(4), sessionsPerWeek: 1, minimumDaysBetween: nil,
                          dose: .fixed(FixedDose(usualMg: 56, allowedMg: [56, 84], stepMg: 28)), administrationMinutes: 15, monitoringMinutes: 120),
            ProtocolPhase(kind: .maintenance, length: .openEnded, sessionsPerWeek: 1, minimumDaysBetween: nil,
                          dose: .fixed(FixedDose(usualMg: 56, allowedMg: [56, 84], stepMg: 28)), administrationMinutes: 15, monitoringMinutes: 120,
                          allowedIntervalsDays: [7, 14]),
        ],
        reviewPoints: [.assessBeforeMaintenance],
        defaultMaintenance: .adaptive(AdaptiveMaintenance(minimumDays: 7, maximumDays: 14, stepDays: 7, startDays: 7, lengthenAfterStable: 2, stableMeans: .response)),
        source: "Spravato prescribing information (dosing, REMS)"
    )

    /// Spravato label, MDD with acute suicidal ideation or behaviour: 84 mg twice weekly
    /// for 4 weeks, then stop for review (use beyond 4 weeks not evaluated).
    public static let esketamineMDSI = TreatmentProtocol(
        id: "esketamine-mdsi",
        name: "Esketamine nasal spray, MDD with acute suicidal ideation",
        route: .intranasalEsketamine,
        phases: [
            ProtocolPhase(kind: .induction, length: .weeks(4), sessionsPerWeek: 2, minimumDaysBetween: nil,
                          dose: .fixed(FixedDose(usualMg: 84, allowedMg: [56, 84], stepMg: 28)), administrationMinutes: 15, monitoringMinutes: 120,
                          window: PhaseWindow(usualDays: 28, maximumDays: 28)),
        ],
        reviewPoints: [.stopAfterLastPhase, .maximumWeeks(4)],
        defaultMaintenance: nil,
        source: "Spravato prescribing information (MDSI indication)"
    )

    static let ivDose = PerKilogramDose(mgPerKg: 0.5, minimumMgPerKg: 0.5, maximumMgPerKg: 1.0)
    static let ivMaintenance = ProtocolPhase(
        kind: .maintenance, length: .openEnded, sessionsPerWeek: 1, minimumDaysBetween: 7,
        dose: .perKilogram(ivDose), administrationMinutes: 40, monitoringMinutes: 60)

    /// Murrough 2013, Zheng 2019: six infusions of 0.5 mg/kg over 40 min, three a week
    /// (Mon/Wed/Fri, about 12 days).
    public static let ivKetamine3x = TreatmentProtocol(
        id: "iv-ketamine-3x",
        name: "IV ketamine, 6 infusions three times weekly",
        route: .ivInfusion,
        phases: [
            ProtocolPhase(kind: .induction, length: .sessions(6), sessionsPerWeek: 3, minimumDaysBetween: 2,
                          dose: .perKilogram(ivDose), administrationMinutes: 40, monitoringMinutes: 60,
                          window: PhaseWindow(usualDays: 12, maximumDays: 16)),
            ivMaintenance,
        ],
        reviewPoints: [.futilityAfterSessions(3), .assessBeforeMaintenance],
        defaultMaintenance: .taperLadder(stepsDays: [7, 14, 21, 28]),
        source: "Murrough et al. 2013; Zheng et al. 2019; Sanacora et al. 2017 (futility)"
    )

    /// Singh 2016: six infusions of 0.5 mg/kg over 40 min, twice a week (about 3 weeks).
    public static let ivKetamine2x = TreatmentProtocol(
        id: "iv-ketamine-2x",
        name: "IV ketamine, 6 infusions twice weekly",
        route: .ivInfusion,
        phases: [
            ProtocolPhase(kind: .induction, length: .sessions(6), sessionsPerWeek: 2, minimumDaysBetween: 3,
                          dose: .perKilogram(ivDose), administrationMinutes: 40, monitoringMinutes: 60,
                          window: PhaseWindow(usualDays: 21, maximumDays: 28)),
            ivMaintenance,
        ],
        reviewPoints: [.futilityAfterSessions(3), .assessBeforeMaintenance],
        defaultMaintenance: .taperLadder(stepsDays: [7, 14, 21, 28]),
        source: "Singh et al. 2016; Sanacora et al. 2017 (futility)"
    )

    /// Chilukuri 2014 and clinic practice: weekly IM 0.5 mg/kg for 8 sessions, 30 min
    /// monitoring.
    public static let imKetamineWeekly = TreatmentProtocol(
        id: "im-ketamine-weekly",
        name: "IM ketamine, weekly for 8 sessions",
        route: .imInjection,
        phases: [
            ProtocolPhase(kind: .induction, length: .sessions(8), sessionsPerWeek: 1, minimumDaysBetween: 5,
                          dose: .perKilogram(PerKilogramDose(mgPerKg: 0.5, minimumMgPerKg: 0.25, maximumMgPerKg: 0.5)),
                          administrationMinutes: 5, monitoringMinutes: 30,
                          window: PhaseWindow(usualDays: 50, maximumDays: 63)),
            ProtocolPhase(kind: .maintenance, length: .openEnded, sessionsPerWeek: 1, minimumDaysBetween: 7,
                          dose: .perKilogram(PerKilogramDose(mgPerKg: 0.5, minimumMgPerKg: 0.25, maximumMgPerKg: 0.5)),
                          administrationMinutes: 5, monitoringMinutes: 30),
        ],
        reviewPoints: [.futilityAfterSessions(3), .assessBeforeMaintenance],
        defaultMaintenance: .taperLadder(stepsDays: [14, 21, 28]),
        source: "Chilukuri et al. 2014; clinic practice"
    )
}
