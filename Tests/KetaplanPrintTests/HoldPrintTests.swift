import Foundation
import SwiftCSV
import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanPrint

/// Holds in prints and exports: the handout lists no held date, the calendar withdraws
/// held events under the same UID, the summary prints holds, overrides and reviews.
@Suite struct HoldPrintTests {
    /// P-0006 with a positive C-SSRS screen today: every planned session is on hold.
    func heldChart() -> PatientChart {
        let scheduler = Scheduler(context: printContext().scheduling)
        return scheduler.add(try! Assessment(date: printToday, instrument: .cssrs, score: 4), to: demoChart("P-0006")).chart
    }

    /// The text's words joined by single spaces, so a phrase matches however it wrapped.
    func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func events(_ ics: String) -> [[String: String]] { ExportTests().events(ExportTests().unfold(ics)) }

    @Test func theHandoutListsNoHeldDateAndSaysTheClinicWillCall() {
        let free = PatientHandout.text(demoChart("P-0006"), printContext())
        let held = PatientHandout.text(heldChart(), printContext())
        let next = demoChart("P-0006").plan!.sessions.first { $0.status == .planned && $0.date >= printToday }!
        #expect(free.contains(PatientHandout.longDate(next.date)))
        #expect(!held.contains(PatientHandout.longDate(next.date)))
        #expect(!held.contains("[ ]"))
        // The handout wraps at its 64 columns: read it as running words.
        #expect(words(held).contains("Your next sessions are on hold for now. The clinic will call you to"))
    }

    @Test func anIncompleteScreeningKeepsEveryDateOffTheHandoutUntilTheFirstDose() {
        // P-0004 starts today with an incomplete screening: whichever session comes first
        // is the first dose, so none is offered until the screening is complete.
        let chart = demoChart("P-0004")
        let text = PatientHandout.text(chart, printContext())
        for s in chart.plan!.sessions where s.status == .planned { #expect(!text.contains(PatientHandout.longDate(s.date))) }
        #expect(words(text).contains("The clinic will call you"))
        var complete = chart
        complete.patient.screening.set(.cystitis, to: false, by: "dr.k", on: printToday)
        complete.patient.screening.set(.psychosis, to: false, by: "dr.k", on: printToday)
        #expect(PatientHandout.text(complete, printContext()).contains(PatientHandout.longDate(chart.plan!.sessions[0].date)))
    }

    @Test func theCalendarWithdrawsHeldEventsUnderTheSameUID() {
        let before = events(ICalendarExport.ics([demoChart("P-0006")], printContext(), stamp: "20261126T090000Z", revisions: [4]))
        let icsHeld = ICalendarExport.ics([heldChart()], printContext(), stamp: "20261126T100000Z", revisions: [5])
        let after = events(icsHeld)
        #expect(icsHeld.contains("\r\nMETHOD:CANCEL\r\n"), "every event is withdrawn")
        #expect(after.map { $0["UID"] } == before.map { $0["UID"] })
        #expect(before.allSatisfy { $0["STATUS"] == "CONFIRMED" && $0["SEQUENCE"] == "8" })
        #expect(after.allSatisfy { $0["STATUS"] == "CANCELLED" && $0["SEQUENCE"] == "11" })
        #expect(after.allSatisfy { $0["SUMMARY"]?.hasPrefix("Withdrawn (on hold)") == true })
        // Lifted by a review on the next save: offered again, with a higher sequence.
        let reviewed = Scheduler(context: printContext().scheduling)
            .add(ClinicianReview(kind: .positiveSuicideScreen, on: printToday, by: "dr.k", note: "seen"), to: heldChart()).chart
        let lifted = ICalendarExport.ics([reviewed], printContext(), stamp: "20261126T110000Z", revisions: [6])
        #expect(lifted.contains("\r\nMETHOD:PUBLISH\r\n"))
        #expect(events(lifted).allSatisfy { $0["STATUS"] == "CONFIRMED" && $0["SEQUENCE"] == "12" })
        // A calendar with held and free events publishes both, the held ones cancelled.
        let mixed = ICalendarExport.ics([heldChart(), demoChart("P-0001")], printContext(), stamp: "20261126T110000Z")
        #expect(mixed.contains("\r\nMETHOD:PUBLISH\r\n"))
        #expect(events(mixed).contains { $0["STATUS"] == "CANCELLED" } && events(mixed).contains { $0["STATUS"] == "CONFIRMED" })
    }

    @Test func theSummaryPrintsHoldsOverridesAndReviews() {
        var chart = heldChart()
        let summary = PlanSummary.render(chart, printContext(), format: .text)
        #expect(summary.contains("ON HOLD\n") || summary.contains("\nON HOLD"))
        #expect(summary.contains("ON HOLD (positive C-SSRS screen) since 2026-11-26"))
        #expect(summary.contains("To lift: record a clinician's review"))
        chart.plan!.overrides.append(PlanOverride(.preDoseBloodPressure, session: chart.plan!.sessions[0].id, on: printToday, by: "dr.k", reason: "weighed: rechecked 146/88"))
        chart = Scheduler(context: printContext().scheduling)
            .add(ClinicianReview(kind: .positiveSuicideScreen, on: printToday, by: "dr.k", note: "safety plan agreed"), to: chart).chart
        let after = PlanSummary.render(chart, printContext(), format: .markdown)
        #expect(!after.contains("## On hold"))
        #expect(after.contains("## Overrides and reviews"))
        #expect(after.contains("Override (pre-dose blood pressure, session 1) by dr.k on 2026-11-26: weighed: rechecked 146/88"))
        #expect(after.contains("Review (suicide-screen) by dr.k on 2026-11-26: the positive C-SSRS screen was reviewed"))
        #expect(after.contains("safety plan agreed"))
    }

    @Test func csvAndFHIRMarkHeldSessions() throws {
        let chart = heldChart()
        let csv = try CSV<Named>(string: CSVExport.csv([chart], context: printContext()).replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .comma)
        let planned = csv.rows.filter { $0["status"] == "planned" }
        #expect(!planned.isEmpty && planned.allSatisfy { $0["hold"] == "suicideScreen" })
        #expect(csv.rows.filter { $0["status"] == "given" }.allSatisfy { $0["hold"] == "" })
        let fhir = FHIRExport.bundle([chart], printContext())
        #expect(fhir.contains("\"status\" : \"on-hold\""))
        #expect(fhir.contains("on hold: positive C-SSRS screen"))
    }
}
