import Testing
@testable import KetaplanEngine

@Suite struct SafetyCheckerTests {
    func warnings(_ chart: PatientChart, today: String = "2026-01-05", settings: ClinicSettings = ClinicSettings()) -> [PlanWarning] {
        SafetyChecker(context: .mock(today: today, settings: settings)).warnings(for: chart)
    }

    func codes(_ chart: PatientChart, today: String = "2026-01-05") -> Set<WarningCode> {
        Set(warnings(chart, today: today).map(\.code))
    }

    @Test func incompleteScreeningIsAWarning() throws {
        var screening = Screening.allClear(on: day("2026-01-01"))
        screening.answers[.psychosis] = nil
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(screening: screening))
        let w = try #require(warnings(chart).first { $0.code == .screeningIncomplete })
        #expect(w.message.contains("1 of 14 items unanswered (Psychosis (current or history))"))
    }

    @Test func relativeContraindicationNeedsAcknowledgement() throws {
        var screening = Screening.allClear(on: day("2026-01-01"))
        screening.answers[.substanceUseDisorder] = true
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(screening: screening))
        #expect(codes(chart).contains(.relativeContraindication))
        chart.patient.screening.acknowledged.append(ScreeningAcknowledgement(item: .substanceUseDisorder, by: "dr.k", on: day("2026-01-02")))
        #expect(!codes(chart).contains(.relativeContraindication))
    }

    /// F6: a given mg/kg dose is judged on the weight on record only when that weight was
    /// measured on or before the session's day (the chart keeps no weight history): a
    /// re-weigh does not turn right past doses into criticals, and a wrong dose given after
    /// the weight was measured still warns.
    @Test func aGivenDoseIsJudgedOnlyOnAWeightMeasuredByItsDay() throws {
        let context = SchedulingContext.mock(today: "2026-01-09")
        var chart = try giveAll(through: "2026-01-07", in: try plannedChart(BuiltInProtocols.ivKetamine3x), context: context)
        func doseWarnings() -> [PlanWarning] {
            // Given doses only: planned ones follow the new weight once the plan re-plans.
            warnings(chart, today: "2026-01-09").filter { $0.code == .doseNotAllowed && $0.message.contains("dose given") }
        }
        // 70 kg measured on 2026-01-01: sessions 1 and 2 (05 and 07 January) were given 35 mg.
        #expect(chart.plan?.session(number: 2)?.record?.doseGivenMg == 35)
        #expect(doseWarnings().isEmpty)
        // Re-weighed at 90 kg on 2026-01-08: 35 mg is under 0.5 mg/kg of 90 kg, but it was
        // right for the weight on record when it was given.
        chart.patient.weight = try WeightMeasurement(kilograms: 90, measuredOn: day("2026-01-08"))
        #expect(doseWarnings().isEmpty)
        // Measured on 2026-01-06: session 2 (07 January) is judged on it, session 1 is not.
        chart.patient.weight = try WeightMeasurement(kilograms: 90, measuredOn: day("2026-01-06"))
        let judged = doseWarnings()
        #expect(judged.count == 1 && judged.first?.sessionID == chart.plan?.session(number: 2)?.id, "\(judged.map(\.message))")
        #expect(judged.first?.severity == .critical && judged.first?.message.contains("45-90 mg") == true)
        // The allowed path: a dose right for 90 kg given on 07 January raises nothing.
        chart.plan?.sessions[1].record?.doseGivenMg = 45
        #expect(doseWarnings().isEmpty)
        // A wrong dose given after the weight was measured still warns.
        chart.plan?.sessions[1].record?.doseGivenMg = 100
        #expect(doseWarnings().map(\.sessionID) == [chart.plan?.session(number: 2)?.id])
    }

    @Test func bloodPressureLimitsByRoute() {
        let checker = SafetyChecker(context: .mock())
        let bp150 = try! BloodPressure(systolic: 150, diastolic: 85)
        #expect(checker.bloodPressureBeforeDosing(bp150, route: .intranasalEsketamine)?.severity == .critical)
        #expect(checker.bloodPressureBeforeDosing(bp150, route: .ivInfusion) == nil)
        let bp140 = try! BloodPressure(systolic: 140, diastolic: 90)
        #expect(checker.bloodPressureBeforeDosing(bp140, route: .intranasalEsketamine) == nil)
        let bp185 = try! BloodPressure(systolic: 185, diastolic: 95)
        #expect(checker.bloodPressureBeforeDosing(bp185, route: .ivInfusion)?.message.contains("above 180/100") == true)
        let diastolic = try! BloodPressure(systolic: 130, diastolic: 101)
        #expect(checker.bloodPressureBeforeDosing(diastolic, route: .imInjection) != nil)
    }

    @Test func bloodPressureAfterTheDoseIsChecked() throws {
        let checker = SafetyChecker(context: .mock())
        func codes(_ before: String?, _ at40: String?, _ discharge: String?, route: Route = .intranasalEsketamine) -> [WarningCode] {
            let record = SessionRecord(bpBefore: before.map(bp), bpAt40Minutes: at40.map(bp), bpAtDischarge: discharge.map(bp))
            return checker.bloodPressureAfterDosing(record, route: route).map(\.code)
        }
        // The example: 185/110 at 40 minutes, 165/105 at discharge.
        let record = SessionRecord(bpBefore: bp("130/80"), bpAt40Minutes: bp("185/110"), bpAtDischarge: bp("165/105"))
        let found = checker.bloodPressureAfterDosing(record, route: .intranasalEsketamine)
        #expect(found.map(\.code) == [.hypertensiveUrgency, .notReadyForDischarge, .bloodPressureRise])
        #expect(found[0].severity == .critical && found[0].message.hasPrefix("40-minute BP 185/110 is at or above 180/110"))
        #expect(found[1].severity == .critical && found[1].message == "discharge BP 165/105 is still above 140/90: not ready for discharge: keep monitoring")
        #expect(found[2].severity == .caution && found[2].message.contains("systolic rose 55 mmHg"))
        // Discharge not lower than 40 minutes, though under the limit.
        #expect(codes("120/75", "130/80", "132/84") == [.notReadyForDischarge])
        #expect(codes("120/75", "130/80", "128/80") == [])
        // Diastolic at the urgency threshold alone is enough.
        #expect(codes("120/75", "150/110", "130/80") == [.hypertensiveUrgency])
        // Rise of exactly 40 is a caution; 39 is not.
        #expect(codes("110/70", "150/85", "130/80") == [.bloodPressureRise])
        #expect(codes("110/70", "149/85", "130/80") == [])
        // Esketamine with no 40-minute reading: the REMS form is incomplete; not for IV.
        #expect(codes("120/75", nil, "118/74") == [.remsFormIncomplete])
        #expect(codes("120/75", nil, "118/74", route: .ivInfusion) == [])
        // Ketamine's discharge limit is 180/100.
        #expect(codes("150/90", "165/98", "150/92", route: .ivInfusion) == [])
        // The clinic's thresholds are settings.
        let strict = SafetyChecker(context: .mock(settings: ClinicSettings(hypertensiveUrgencySystolic: 160, systolicRiseCaution: 20)))
        let strictRecord = SessionRecord(bpBefore: bp("120/75"), bpAt40Minutes: bp("160/85"), bpAtDischarge: bp("130/80"))
        #expect(strict.bloodPressureAfterDosing(strictRecord, route: .ivInfusion).map(\.code) == [.hypertensiveUrgency, .bloodPressureRise])
    }

    @Test func afterDoseChecksAppearOnTheSavedSessionInTheSameWords() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        let record = SessionRecord(bpBefore: bp("130/80"), bpAt40Minutes: bp("185/110"), bpAtDischarge: bp("165/105"), minutesMonitored: 120)
        chart = try Scheduler(context: .mock()).record(SessionOutcome(status: .given, record: record), for: SessionID(1), in: chart).chart
        let live = SafetyChecker(context: .mock()).bloodPressureAfterDosing(record, route: .intranasalEsketamine).map(\.message)
        let saved = warnings(chart).filter { $0.sessionID == SessionID(1) }.map(\.message)
        for message in live { #expect(saved.contains("session 1 on 2026-01-05: " + message)) }
    }

    @Test func ymrsRiseOverTheFirstScoreIsACaution() throws {
        let patient = Patient.mock(conditions: [.bipolarDepression], moodStabiliser: "lithium")
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient, assessments: [score(.ymrs, 2, on: "2026-01-02")])
        chart.add(score(.ymrs, 5, on: "2026-01-04"))
        #expect(!codes(chart).contains(.maniaRise))
        chart.add(score(.ymrs, 11, on: "2026-01-05"))
        let w = try #require(warnings(chart).first { $0.code == .maniaRise })
        #expect(w.severity == .caution && w.message.contains("YMRS rose from 2 (2026-01-02) to 11 (2026-01-05)"))
        chart.add(score(.ymrs, 12, on: "2026-01-05"))
        #expect(codes(chart).contains(.maniaAlert) && !codes(chart).contains(.maniaRise))
        var settings = ClinicSettings()
        settings.ymrsRiseCaution = 10
        var small = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient, assessments: [score(.ymrs, 2, on: "2026-01-02")])
        small.add(score(.ymrs, 11, on: "2026-01-05"))
        #expect(!warnings(small, settings: settings).contains { $0.code == .maniaRise })
    }

    @Test func bloodPressureReadingsAreValidated() {
        #expect(throws: BloodPressureError.unreadable("120-80")) { try BloodPressure(text: "120-80") }
        #expect(throws: BloodPressureError.implausible("80/120")) { try BloodPressure(text: "80/120") }
        #expect(try! BloodPressure(text: "128/82").description == "128/82")
    }

    @Test func remsMonitoringAndForm() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        let scheduler = Scheduler(context: .mock())
        chart = try scheduler.record(SessionOutcome(status: .given, record: SessionRecord(bpBefore: bp("124/78"), minutesMonitored: 90)), for: SessionID(1), in: chart).chart
        let now = warnings(chart)
        #expect(now.contains { $0.code == .remsMonitoringTooShort && $0.message.contains("monitored 90 min; REMS requires at least 120 minutes") })
        #expect(now.contains { $0.code == .remsFormDue && $0.message.contains("due by 2026-01-12") })
        #expect(warnings(chart, today: "2026-01-13").contains { $0.code == .remsFormOverdue && $0.severity == .critical })
        chart.plan?.sessions[0].record?.monitoringFormSubmittedOn = day("2026-01-06")
        chart.plan?.sessions[0].record?.minutesMonitored = 120
        let after = codes(chart)
        #expect(!after.contains(.remsFormDue) && !after.contains(.remsMonitoringTooShort))
    }

    @Test func remsSiteMustBeCertified() throws {
        var settings = ClinicSettings()
        settings.remsCertified = false
        let chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        #expect(warnings(chart, settings: settings).contains { $0.code == .remsSiteNotCertified })
        #expect(!warnings(try plannedChart(BuiltInProtocols.ivKetamine3x), settings: settings).contains { $0.code == .remsSiteNotCertified })
    }

    @Test func noDrivingReminder() throws {
        let esk = try #require(warnings(try plannedChart(BuiltInProtocols.esketamineTRD)).first { $0.code == .noDriving })
        #expect(esk.message.contains("until the next day after restful sleep"))
        let iv = try #require(warnings(try plannedChart(BuiltInProtocols.ivKetamine3x)).first { $0.code == .noDriving })
        #expect(iv.message.contains("no driving for 24 hours"))
    }

    @Test func futilityAfterThreeSessionsWithoutResponse() throws {
        let baseline = [score(.phq9, 20, on: "2026-01-02")]
        let context = SchedulingContext.mock(today: "2026-01-09")
        var chart = try giveAll(through: "2026-01-09", in: try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: baseline), context: context)
        chart = Scheduler(context: context).add(score(.phq9, 15, on: "2026-01-09"), to: chart).chart
        #expect(codes(chart, today: "2026-01-09").contains(.futilityReview))
        // A response clears it...
        let responded = Scheduler(context: context).add(score(.phq9, 9, on: "2026-01-09"), to: chart).chart
        #expect(!codes(responded, today: "2026-01-09").contains(.futilityReview))
        // ...and so does a recorded review.
        let reviewed = Scheduler(context: context).add(ClinicianReview(kind: .futility, on: day("2026-01-09"), by: "dr.k"), to: chart).chart
        #expect(!codes(reviewed, today: "2026-01-09").contains(.futilityReview))
        // Not before the third session.
        let early = try giveAll(through: "2026-01-07", in: try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: baseline), context: context)
        #expect(!codes(early, today: "2026-01-09").contains(.futilityReview))
    }

    @Test func assessmentBeforeMaintenance() throws {
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: [score(.phq9, 20, on: "2026-01-02")])
        let w = try #require(warnings(chart).first { $0.code == .assessmentBeforeMaintenance })
        #expect(w.message.contains("on or after 2026-01-16, before the first maintenance session on 2026-01-23"))
        var scored = chart
        scored.add(score(.phq9, 8, on: "2026-01-16"))
        #expect(!codes(scored).contains(.assessmentBeforeMaintenance))
    }

    @Test func bipolarNeedsAMoodStabiliser() throws {
        let without = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(conditions: [.bipolarDepression]))
        #expect(codes(without).contains(.bipolarWithoutMoodStabiliser))
        let with = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(conditions: [.bipolarDepression], moodStabiliser: "lithium"))
        #expect(!codes(with).contains(.bipolarWithoutMoodStabiliser))
        var scored = with
        scored.add(score(.ymrs, 14, on: "2026-01-04"))
        #expect(codes(scored).contains(.maniaAlert))
    }

    @Test func positiveSuicideScreenStopsAutomaticScheduling() throws {
        let scheduler = Scheduler(context: .mock())
        let positive = PatientChart(patient: .mock(), assessments: [score(.cssrs, 4, on: "2026-01-04")])
        #expect(throws: PlanningError.suicideScreenNeedsReview(day("2026-01-04"), .high)) {
            try scheduler.makePlan(for: positive, protocol: BuiltInProtocols.ivKetamine3x, start: day("2026-01-05"))
        }
        // An existing plan keeps its dates but nothing is re-planned until review.
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        let before = chart.plan
        let update = scheduler.add(score(.cssrs, 3, on: "2026-01-05"), to: chart)
        chart = update.chart
        #expect(chart.plan == before)
        #expect(codes(chart).contains(.suicideScreenPositive))
        let missed = try scheduler.record(SessionOutcome(status: .cancelled), for: SessionID(1), in: chart)
        #expect(missed.changes.isEmpty)
        // The review lets scheduling resume.
        let reviewed = scheduler.add(ClinicianReview(kind: .positiveSuicideScreen, on: day("2026-01-05"), by: "dr.k"), to: missed.chart)
        #expect(!codes(reviewed.chart).contains(.suicideScreenPositive))
        #expect(!reviewed.changes.isEmpty)
        // A low-risk screen is a caution, not a stop.
        let low = scheduler.add(score(.cssrs, 1, on: "2026-01-05"), to: try plannedChart(BuiltInProtocols.ivKetamine3x))
        #expect(codes(low.chart).contains(.suicideScreenLowRisk))
    }

    @Test func overdueSessionsAskToBeRecorded() throws {
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        let w = warnings(chart, today: "2026-01-08").filter { $0.code == .overdueRecord }
        #expect(w.map(\.date) == [day("2026-01-05"), day("2026-01-07")])
        // Overdue sessions are never moved by a re-plan.
        let later = Scheduler(context: .mock(today: "2026-01-08")).replanned(chart)
        #expect(dates(later.chart.plan).prefix(2) == ["2026-01-05", "2026-01-07"])
    }

    @Test func dosesThatCannotBeComputedAreWarnedNotGuessed() throws {
        var settings = ClinicSettings()
        settings.weightBasis = .ideal
        let context = SchedulingContext.mock(settings: settings)
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(heightCm: nil), context: context)
        #expect(chart.plan?.sessions.allSatisfy { $0.plannedDoseMg == nil } == true)
        #expect(warnings(chart, settings: settings).contains { $0.code == .doseNotComputed && $0.message.contains("needs the patient's height and sex") })
    }

    @Test func relapseIsFlagged() throws {
        let context = SchedulingContext.mock(today: "2026-02-10")
        var chart = try giveAll(through: "2026-01-16", in: try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: [score(.phq9, 20, on: "2026-01-02")]), context: context)
        chart.add(score(.phq9, 3, on: "2026-01-20"))
        chart.add(score(.phq9, 9, on: "2026-02-09"))
        let w = try #require(SafetyChecker(context: context).warnings(for: chart).first { $0.code == .relapse })
        #expect(w.message.contains("PHQ-9 9 on 2026-02-09 shows relapse (baseline 20, out of remission)"))
    }

    @Test func mostSevereFirst() throws {
        var screening = Screening()
        screening.answers[.priorStroke] = true
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(screening: screening))
        let severities = warnings(chart).map(\.severity)
        #expect(severities == severities.sorted(by: >))
        #expect(severities.first == .critical)
    }
}
