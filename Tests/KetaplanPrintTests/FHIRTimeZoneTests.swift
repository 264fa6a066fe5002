import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanPrint

/// Issue #10 item 9: every FHIR dateTime with a time carries the clinic's UTC offset.
@Suite struct FHIRTimeZoneTests {
    func starts(_ zone: String?) throws -> [String] {
        var context = printContext()
        context.clinic.timeZone = zone
        let json = FHIRExport.bundle([demoChart("P-0006")], context)
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let plan = try #require((bundle["entry"] as? [[String: Any]])?.compactMap { $0["resource"] as? [String: Any] }
            .first { $0["resourceType"] as? String == "CarePlan" })
        return (plan["activity"] as? [[String: Any]] ?? []).compactMap {
            (($0["detail"] as? [String: Any])?["scheduledPeriod"] as? [String: Any])?["start"] as? String
        }
    }

    @Test func dateTimesCarryTheClinicsOffset() throws {
        let pattern = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/#
        let newYork = try starts("America/New_York")
        #expect(!newYork.isEmpty)
        #expect(newYork.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(newYork)")
        // Winter and summer differ: the offset is the one in force on that day.
        let context = { (zone: String) -> PrintContext in var c = printContext(); c.clinic.timeZone = zone; return c }
        #expect(context("America/New_York").dateTime(try CalendarDay(iso: "2026-01-15"), minutes: 9 * 60) == "2026-01-15T09:00:00-05:00")
        #expect(context("America/New_York").dateTime(try CalendarDay(iso: "2026-07-15"), minutes: 9 * 60) == "2026-07-15T09:00:00-04:00")
        #expect(context("Asia/Kolkata").dateTime(try CalendarDay(iso: "2026-07-15"), minutes: 14 * 60 + 30) == "2026-07-15T14:30:00+05:30")
        #expect(try starts("UTC").allSatisfy { $0.hasSuffix("+00:00") })
    }
}
