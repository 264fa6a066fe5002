import Testing
@testable import KetaplanEngine

@Suite struct SchedulingTests {
    @Test func ivThreeTimesWeeklyIsMonWedFriOverTwelveDays() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x).plan)
        #expect(dates(plan, phase: .induction) == ["2026-01-05", "2026-01-07", "2026-01-09", "2026-01-12", "2026-01-14", "2026-01-16"])
        #expect(plan.sessions.first?.plannedDoseMg == 35)
        #expect(plan.sessions.first?.chairMinutes == 100)
    }

    @Test func ivTwiceWeeklyTakesAboutThreeWeeks() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine2x).plan)
        let induction = dates(plan, phase: .induction)
        #expect(induction == ["2026-01-05", "2026-01-08", "2026-01-12", "2026-01-15", "2026-01-19", "2026-01-22"])
    }

    @Test func imWeeklyEightSessions() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.imKetamineWeekly).plan)
        let induction = plan.sessions.filter { $0.phase == .induction }
        #expect(induction.count == 8)
        #expect(zip(induction, induction.dropFirst()).allSatisfy { $0.date.days(to: $1.date) == 7 })
        #expect(induction.first?.chairMinutes == 35)
    }

    @Test func closedDateIsSkippedAndTheReasonSaysSo() throws {
        let context = SchedulingContext.mock(closed: ["2026-01-07"])
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, context: context).plan)
        #expect(dates(plan, phase: .induction) == ["2026-01-05", "2026-01-08", "2026-01-12", "2026-01-14", "2026-01-16", "2026-01-19"])
        let second = plan.sessions[1]
        #expect(second.reason.contains("Wed 2026-01-07 (clinic closed)"))
        #expect(second.reason.hasPrefix("Induction 2 of 6 on Thursday: 3 days after the previous dose on Mon 2026-01-05"))
    }

    @Test func fullDaysAreSkipped() throws {
        let context = SchedulingContext.mock(chairs: 3, bookings: ["2026-01-07": 3])
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, context: context).plan)
        #expect(plan.sessions[1].date == day("2026-01-08"))
        #expect(plan.sessions[1].reason.contains("all 3 chairs booked"))
    }

    @Test func capacityCountsOtherPlans() throws {
        // Four patients fill Monday's four chairs; the fifth starts Tuesday.
        var charts: [PatientChart] = []
        for n in 1...5 {
            let context = SchedulingContext(today: day("2026-01-05"), calendar: ClinicCalendar(chairsPerDay: 4),
                                            bookings: ChairBookings(charts: charts, excluding: nil), horizon: day("2026-03-01"))
            charts.append(try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(id: "P-\(n)"), context: context))
        }
        #expect(charts[3].plan?.sessions.first?.date == day("2026-01-05"))
        #expect(charts[4].plan?.sessions.first?.date == day("2026-01-06"))
    }

    @Test func preferredWeekdaysAreHonoured() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine2x, preferred: [.monday, .thursday]).plan)
        #expect(plan.sessions.allSatisfy { [.monday, .thursday].contains($0.date.weekday) })
        #expect(dates(plan, phase: .induction) == ["2026-01-05", "2026-01-08", "2026-01-12", "2026-01-15", "2026-01-19", "2026-01-22"])
    }

    @Test func neverBeforeTodayNorTheStart() throws {
        let context = SchedulingContext.mock(today: "2026-01-07")
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, start: "2026-01-05", context: context).plan)
        #expect(plan.sessions.first?.date == day("2026-01-07"))
    }

    @Test func maintenanceStopsAtTheHorizon() throws {
        let context = SchedulingContext.mock(horizon: "2026-03-01")
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, context: context).plan)
        #expect(plan.sessions.allSatisfy { $0.date <= day("2026-03-01") })
        #expect(dates(plan, phase: .maintenance) == ["2026-01-23", "2026-02-06", "2026-02-27"])
    }

    @Test func sameInputSamePlan() throws {
        let a = try plannedChart(BuiltInProtocols.esketamineTRD, context: .mock(closed: ["2026-01-19"]))
        let b = try plannedChart(BuiltInProtocols.esketamineTRD, context: .mock(closed: ["2026-01-19"]))
        #expect(a == b)
    }

    @Test func everySessionSaysWhy() throws {
        for proto in BuiltInProtocols.all {
            let plan = try #require(try plannedChart(proto).plan)
            #expect(plan.sessions.allSatisfy { !$0.reason.isEmpty }, "\(proto.id)")
        }
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x).plan)
        #expect(plan.sessions[6].reason == "Maintenance 1 on Friday: 7 days after the dose on Fri 2026-01-16: taper step 1 of 4: 7 days")
    }

    @Test func customProtocolAsData() throws {
        let subcutaneous = TreatmentProtocol(
            id: "sc-anxiety", name: "Subcutaneous ketamine for anxiety", route: .subcutaneous,
            phases: [ProtocolPhase(kind: .induction, length: .weeks(12), sessionsPerWeek: 2, minimumDaysBetween: 3,
                                   dose: .perKilogram(PerKilogramDose(mgPerKg: 1, minimumMgPerKg: 0.25, maximumMgPerKg: 1)),
                                   administrationMinutes: 5, monitoringMinutes: 60)],
            reviewPoints: [], defaultMaintenance: nil, source: "Glue 2018")
        let plan = try #require(try plannedChart(subcutaneous, patient: .mock(conditions: [.generalisedAnxiety]), context: .mock(horizon: "2026-12-31")).plan)
        #expect(plan.sessions.count == 24)
        #expect(plan.sessions.first?.plannedDoseMg == 70)
    }

    @Test func invalidProtocolIsRefused() {
        var broken = BuiltInProtocols.ivKetamine3x
        broken.phases[0].sessionsPerWeek = 0
        #expect(throws: PlanningError.self) { try plannedChart(broken) }
    }
}
