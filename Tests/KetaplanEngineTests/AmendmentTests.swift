import Foundation
import Testing
import KetaplanEngine

/// Correcting a given session's record: the original is kept with the reason, who and
/// when; a correction meets the checks a record meets.
@Suite struct AmendmentTests {
    let context = SchedulingContext.mock(today: "2026-01-07")

    func givenChart() throws -> PatientChart {
        try giveAll(through: "2026-01-05", in: try plannedChart(BuiltInProtocols.ivKetamine3x), context: context)
    }

    @Test func anAmendmentKeepsTheOriginalRecordWithItsReason() throws {
        let chart = try givenChart()
        let first = try #require(chart.plan?.sessions.first)
        let original = try #require(first.record)
        var corrected = original
        corrected.bpBefore = bp("138/88")
        corrected.note = "BP re-read from the monitor log"
        let update = try Scheduler(context: context).amend(first.id, to: corrected, reason: "transcribed wrongly", by: "dr.k", in: chart)
        let session = try #require(update.chart.plan?.session(first.id))
        #expect(session.record == corrected)
        #expect(session.status == .given)
        #expect(session.date == first.date)
        #expect(session.amendments == [SessionAmendment(original: original, reason: "transcribed wrongly", by: "dr.k", on: day("2026-01-07"))])
        #expect(SessionAmendment.differences(session.amendments[0].original, corrected) == ["BP before 124/78 -> 138/88", "note \"\" -> \"BP re-read from the monitor log\""])

        // A second correction keeps the first one's record as its original: nothing is lost.
        var again = corrected
        again.minutesMonitored = 90
        let second = try Scheduler(context: context).amend(first.id, to: again, reason: "left early", by: "dr.m", in: update.chart)
        let twice = try #require(second.chart.plan?.session(first.id))
        #expect(twice.amendments.map(\.original) == [original, corrected])
        #expect(twice.record == again)
    }

    @Test func anAmendmentRoundTripsThroughJSONAndOtherSessionsDoNotChange() throws {
        let chart = try givenChart()
        let first = try #require(chart.plan?.sessions.first)
        var corrected = try #require(first.record)
        corrected.doseGivenMg = 42
        let amended = try Scheduler(context: context).amend(first.id, to: corrected, reason: "0.6 mg/kg was given", by: "dr.k", in: chart).chart
        let data = try JSONEncoder().encode(amended)
        #expect(try JSONDecoder().decode(PatientChart.self, from: data) == amended)
        // Sessions without amendments write no field for them.
        let plain = try JSONEncoder().encode(try #require(amended.plan?.sessions[1]))
        #expect(!String(decoding: plain, as: UTF8.self).contains("amendments"))
    }

    @Test func anAmendmentIsRefusedWithoutAReasonOrForASessionNotGivenThenAllowed() throws {
        let chart = try givenChart()
        let scheduler = Scheduler(context: context)
        let first = try #require(chart.plan?.sessions.first)
        let second = try #require(chart.plan?.sessions[1])
        var corrected = try #require(first.record)
        corrected.dissociationCADSS = 12
        #expect(throws: PlanningError.invalidRecord("give the reason for correcting session 1's record (kept with the original)")) {
            try scheduler.amend(first.id, to: corrected, reason: "  ", by: "dr.k", in: chart)
        }
        #expect(throws: PlanningError.invalidRecord("session 2 is planned, not given: only a given session's record is amended (record it with `session record`)")) {
            try scheduler.amend(second.id, to: corrected, reason: "wrong session", by: "dr.k", in: chart)
        }
        #expect(throws: PlanningError.invalidRecord("session 1's record already says this: nothing to amend")) {
            try scheduler.amend(first.id, to: first.record!, reason: "checked", by: "dr.k", in: chart)
        }
        var implausible = corrected
        implausible.dissociationCADSS = 93
        #expect(throws: PlanningError.invalidRecord("CADSS 93 is outside the scale: enter 0-92")) {
            try scheduler.amend(first.id, to: implausible, reason: "typo", by: "dr.k", in: chart)
        }
        var tooMuch = corrected
        tooMuch.doseGivenMg = 500
        #expect(throws: PlanningError.self) { try scheduler.amend(first.id, to: tooMuch, reason: "typo", by: "dr.k", in: chart) }
        // With a reason, on the given session, it goes through.
        let update = try scheduler.amend(first.id, to: corrected, reason: "CADSS scored after discharge", by: "dr.k", in: chart)
        #expect(update.chart.plan?.session(first.id)?.record?.dissociationCADSS == 12)
    }

    @Test func aFileWithAmendmentsOnASessionNotGivenIsRefused() throws {
        let chart = try givenChart()
        var plan = try #require(chart.plan)
        plan.sessions[1].amendments = [SessionAmendment(original: SessionRecord(), reason: "x", by: "y", on: day("2026-01-07"))]
        let data = try JSONEncoder().encode(plan.sessions[1])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Session.self, from: data) }
    }
}
