import Foundation
import SwiftCSV
import Testing
import KetaplanDemo
import KetaplanEngine
import KetaplanStore
import KetaplanText
@testable import KetaplanPrint

let printToday = try! CalendarDay(iso: "2026-11-26")
let printClinic = DemoClinic.make(patients: 12, seed: 1, today: printToday)

func printContext(names: ClinicFile.CalendarNames = .initials) -> PrintContext {
    PrintContext(clinic: ClinicFile(name: printClinic.name, calendar: printClinic.calendar, settings: printClinic.settings,
                                    sessionTime: try! TimeOfDay(hour: 9, minute: 0), contactPhone: "0161 496 0000", calendarNames: names),
                 today: printToday, printedBy: "dr.test")
}

func demoChart(_ id: String) -> PatientChart { printClinic.charts.first { $0.patient.id.rawValue == id }! }

/// Compares with Golden/NAME; KETAPLAN_RECORD_SNAPSHOTS=1 rewrites it (review the diff).
func assertGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["KETAPLAN_RECORD_SNAPSHOTS"] == "1" {
        try! text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try? String(contentsOf: url, encoding: .utf8)
    #expect(expected == text, "\(name) differs from its golden file", sourceLocation: sourceLocation)
}

@Suite struct PlanSummaryTests {
    @Test(arguments: ["P-0006", "P-0003", "P-0002"])
    func summaryPages(_ id: String) {
        let text = PlanSummary.render(demoChart(id), printContext(), format: .text)
        assertGolden(text, "summary-\(id).txt")
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        for (n, page) in pages.enumerated() {
            // Every page ends with a newline (before the form feed, or at the end).
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 66, "page \(n + 1) of \(id) has \(lines.count) lines")
            #expect(lines.allSatisfy { String($0).displayWidth <= 80 })
            #expect(lines.first?.hasSuffix("page \(n + 1) of \(pages.count)") == true)
            #expect(lines.last?.hasPrefix("Printed on 2026-11-26 by dr.test.") == true)
            #expect(lines.contains { $0.contains(demoChart(id).patient.name) && $0.contains(id) })
        }
        #expect(text.contains("Signature: ____"))
    }

    @Test func longPlansBreakBetweenRowsAndEverySessionIsListed() {
        let chart = demoChart("P-0006")
        let text = PlanSummary.render(chart, printContext(), format: .text)
        #expect(text.contains("\u{0C}"))
        for (i, s) in chart.plan!.sessions.enumerated() {
            #expect(text.contains(String(i + 1).leftPadded(toWidth: 3) + " " + s.date.iso), "session \(i + 1)")
        }
        #expect(text.contains("REMISSION") || text.contains("RESPONSE"))
        #expect(text.contains("OPEN WARNINGS"))
        #expect(text.contains("NEXT SESSIONS DUE"))
    }

    @Test func markdownHasTheSameContent() {
        let md = PlanSummary.render(demoChart("P-0006"), printContext(), format: .markdown)
        assertGolden(md, "summary-P-0006.md")
        #expect(md.hasPrefix("# Plan summary: Max Mustermann (P-0006)"))
        #expect(md.contains("| # | Date | Day | Phase |"))
    }

    @Test(arguments: ["P-0006", "P-0005"])
    func handoutFitsOnePageInPlainWords(_ id: String) {
        let text = PatientHandout.text(demoChart(id), printContext())
        assertGolden(text, "handout-\(id).txt")
        #expect(!text.contains("\u{0C}"), "the handout fits on one page")
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { String($0).displayWidth <= PagedText.handoutShape.width })
        #expect(lines.count == PagedText.handoutShape.pageLength)
        #expect(text.contains("0161 496 0000"))
        #expect(text.contains("Do not drive"))
        for jargon in ["esketamine", "REMS", "mg/kg", "induction", "maintenance", "CADSS"] {
            #expect(!text.contains(jargon), "jargon '\(jargon)' in the handout")
        }
    }
}

@Suite struct ExportTests {
    /// Unfolds and splits an iCalendar text into content lines.
    func unfold(_ ics: String) -> [String] {
        ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    func events(_ lines: [String]) -> [[String: String]] {
        var out: [[String: String]] = []
        var current: [String: String]?
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [:]; continue }
            if line == "END:VEVENT" { out.append(current!); current = nil; continue }
            guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
            current![String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return out
    }

    @Test func icsParsesBackToThePlannedSessions() {
        let chart = demoChart("P-0006")
        let ics = ICalendarExport.ics([chart], printContext(), stamp: "20261126T090000Z")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        // CRLF only, and no physical line over 75 octets.
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        let planned = chart.plan!.sessions.filter { $0.status == .planned }
        let parsed = events(unfold(ics))
        #expect(parsed.count == planned.count)
        for (event, session) in zip(parsed, planned) {
            let (y, m, d) = session.date.components
            #expect(event["DTSTART"]?.hasPrefix(String(format: "%04d%02d%02dT", y, m, d)) == true)
            #expect(event["UID"] == "ketaplan-P-0006-\(session.id.rawValue)@riverside-ketamine-clinic-demo")
            #expect(event["SUMMARY"]?.contains("(M.M.)") == true, "initials only by default")
            #expect(event["SUMMARY"]?.contains("Mustermann") == false)
        }
        // The same plan exported again gives the same UIDs.
        let again = events(unfold(ICalendarExport.ics([chart], printContext(), stamp: "20261127T100000Z")))
        #expect(again.map { $0["UID"] } == parsed.map { $0["UID"] })
    }

    @Test func icsFoldsAndEscapes() {
        #expect(ICalendarExport.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let long = "DESCRIPTION:" + String(repeating: "é", count: 60)
        let folded = ICalendarExport.fold(long)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count == 2)
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical[1].hasPrefix(" "))
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == long)
        #expect(ICalendarExport.name(demoChart("P-0006").patient, .none) == "")
        #expect(ICalendarExport.name(demoChart("P-0006").patient, .full) == "Max Mustermann")
    }

    @Test func allDayWithoutATime() {
        var context = printContext()
        context.clinic.sessionTime = nil
        var chart = demoChart("P-0006")
        for i in chart.plan!.sessions.indices { chart.plan!.sessions[i].time = nil }
        let ics = ICalendarExport.ics([chart], context, stamp: "20261126T090000Z")
        #expect(ics.contains("DTSTART;VALUE=DATE:"))
        #expect(!ics.contains("DTSTART:"))
    }

    @Test func csvRoundTripsThroughAParser() throws {
        let charts = [demoChart("P-0006"), demoChart("P-0004")]
        let text = CSVExport.csv(charts)
        #expect(text.hasPrefix(CSVExport.header.joined(separator: ",") + "\r\n"))
        let csv = try CSV<Named>(string: text.replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .comma)
        let sessions = charts.flatMap { c in c.plan!.sessions.map { (c.patient.id.rawValue, $0) } }
        #expect(csv.rows.count == sessions.count)
        for (row, (id, s)) in zip(csv.rows, sessions) {
            #expect(row["patient_id"] == id)
            #expect(row["date"] == s.date.iso)
            #expect(row["status"] == s.status.rawValue)
            #expect(row["reason"] == s.reason, "reasons hold commas and must come back whole")
            #expect(row["bp_before"] == (s.record?.bpBefore?.description ?? ""))
        }
        #expect(CSVExport.field("say \"hi\", ok") == "\"say \"\"hi\"\", ok\"")
    }

    @Test func fhirBundleHasTheRequiredFields() throws {
        let chart = demoChart("P-0006")
        let json = FHIRExport.bundle([chart], printContext())
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "collection")
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let resources = entries.compactMap { $0["resource"] as? [String: Any] }
        #expect(entries.allSatisfy { ($0["fullUrl"] as? String)?.hasPrefix("urn:uuid:") == true })
        let patient = try #require(resources.first { $0["resourceType"] as? String == "Patient" })
        #expect(patient["birthDate"] as? String == chart.patient.dateOfBirth.iso)
        let plan = try #require(resources.first { $0["resourceType"] as? String == "CarePlan" })
        #expect(plan["status"] as? String == "active")
        #expect(plan["intent"] as? String == "plan")
        #expect((plan["subject"] as? [String: Any])?["reference"] as? String == "urn:uuid:\(patient["id"] as! String)")
        let activities = try #require(plan["activity"] as? [[String: Any]])
        #expect(activities.count == chart.plan!.sessions.count)
        let statuses = Set(["not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled", "stopped", "unknown", "entered-in-error"])
        for (a, s) in zip(activities, chart.plan!.sessions) {
            let detail = try #require(a["detail"] as? [String: Any])
            #expect(statuses.contains(detail["status"] as? String ?? ""))
            let when = (detail["scheduledPeriod"] as? [String: Any])?["start"] as? String ?? detail["scheduledString"] as? String
            #expect(when?.hasPrefix(s.date.iso) == true)
        }
        let observations = resources.filter { $0["resourceType"] as? String == "Observation" }
        #expect(observations.count == chart.assessments.count)
        for o in observations {
            #expect(o["status"] as? String == "final")
            #expect(o["code"] != nil && o["valueInteger"] != nil && o["subject"] != nil)
        }
        let phq = observations.first { (($0["code"] as? [String: Any])?["text"] as? String)?.hasPrefix("PHQ-9") == true }
        let coding = ((phq?["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
        #expect(coding?["system"] as? String == "http://loinc.org")
        #expect(coding?["code"] as? String == "44261-6")
        // Stable: the same chart gives the same bundle.
        #expect(FHIRExport.bundle([chart], printContext()) == json)
    }
}
