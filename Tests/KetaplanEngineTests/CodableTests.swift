import Testing
import Foundation
@testable import KetaplanEngine

enum ChartCodingForTests {
    static func encode(_ chart: PatientChart) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(chart)
    }

    static func decode(_ data: Data) throws -> PatientChart {
        try JSONDecoder().decode(PatientChart.self, from: data)
    }
}

@Suite struct CodableTests {
    /// Every small id type is its bare value in a file, and reads back only through its
    /// checking initialiser: a file cannot hold a patient id that could not be typed.
    @Test func identifiersAreBareValuesCheckedOnRead() throws {
        let ids = [try PatientID("P-0042"), try PatientID("clinic-7")]
        let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
        #expect(json == #"["P-0042","clinic-7"]"#)
        #expect(try JSONDecoder().decode([PatientID].self, from: Data(json.utf8)) == ids)
        #expect(String(decoding: try JSONEncoder().encode([SessionID(4)]), as: UTF8.self) == "[4]")
        #expect(try JSONDecoder().decode([SessionID].self, from: Data("[4]".utf8)) == [SessionID(4)])
        #expect(String(decoding: try JSONEncoder().encode([ProtocolID("iv-ketamine-3x")]), as: UTF8.self) == #"["iv-ketamine-3x"]"#)
        #expect(SessionID(4).description == "#4" && ids[0].description == "P-0042")
        #expect(try PatientID("P-0002") < PatientID("P-0010"))
        #expect(SessionID(2) < SessionID(10))
        do {
            _ = try JSONDecoder().decode([PatientID].self, from: Data(#"["../etc"]"#.utf8))
            Issue.record("a path was read as a patient id")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains("'../etc' is not a valid patient id: use 1-64 ASCII letters"))
        }
    }

    @Test func datesAreISOStringsAndTimesSeparate() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        chart.plan?.appointmentTime = try TimeOfDay(text: "09:30")
        let json = String(decoding: try ChartCodingForTests.encode(chart), as: UTF8.self)
        #expect(json.contains("\"date\":\"2026-01-05\""))
        #expect(json.contains("\"appointmentTime\":\"09:30\""))
        #expect(json.contains("\"kind\":\"adaptive\""))
        #expect(try ChartCodingForTests.decode(Data(json.utf8)) == chart)
    }

    @Test func impossibleValuesAreRefusedOnRead() throws {
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        let json = String(decoding: try ChartCodingForTests.encode(chart), as: UTF8.self)
        let cases = [
            json.replacingOccurrences(of: "\"date\":\"2026-01-05\"", with: "\"date\":\"2026-02-30\""),
            json.replacingOccurrences(of: "\"kilograms\":70", with: "\"kilograms\":-70"),
            json.replacingOccurrences(of: "\"status\":\"planned\"", with: "\"status\":\"maybe\""),
            json.replacingOccurrences(of: "\"nextSessionID\":", with: "\"nextSessionID\":1,\"x\":"),
        ]
        for broken in cases {
            #expect(broken != json)
            #expect(throws: DecodingError.self) { try ChartCodingForTests.decode(Data(broken.utf8)) }
        }
    }

    @Test func customProtocolsAreData() throws {
        let data = try JSONEncoder().encode(BuiltInProtocols.all)
        let back = try JSONDecoder().decode([TreatmentProtocol].self, from: data)
        #expect(back == BuiltInProtocols.all)
        for proto in back { try proto.validate() }
    }

    /// Found by the loaders' fuzzer: a protocol copy whose mg/kg range ran backwards crashed
    /// every dose check (a Swift range needs lower <= upper). Decoding now refuses it.
    @Test func aMgPerKgRangeThatIsNotOneIsRefused() throws {
        func decode(_ json: String) throws -> PerKilogramDose {
            try JSONDecoder().decode(PerKilogramDose.self, from: Data(json.utf8))
        }
        for bad in [#"{"mgPerKg":0.5,"minimumMgPerKg":1,"maximumMgPerKg":0.2}"#,
                    #"{"mgPerKg":2,"minimumMgPerKg":0.5,"maximumMgPerKg":1}"#,
                    #"{"mgPerKg":0,"minimumMgPerKg":0,"maximumMgPerKg":1}"#,
                    #"{"mgPerKg":-1,"minimumMgPerKg":-2,"maximumMgPerKg":1}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try decode(bad) }
        }
        // A real range still reads, and reads back as written.
        let good = try decode(#"{"mgPerKg":0.5,"minimumMgPerKg":0.5,"maximumMgPerKg":1}"#)
        #expect(good == PerKilogramDose(mgPerKg: 0.5, minimumMgPerKg: 0.5, maximumMgPerKg: 1))
        #expect(try JSONDecoder().decode(PerKilogramDose.self, from: JSONEncoder().encode(good)) == good)
    }

    /// Found by the loaders' fuzzer: a protocol copy asking for a futility review after 0
    /// sessions loaded, and the safety check then read the session before the first.
    @Test func reviewPointsNameARealCount() throws {
        func decode(_ json: String) throws -> ReviewPoint { try JSONDecoder().decode(ReviewPoint.self, from: Data(json.utf8)) }
        for bad in [#"{"kind":"futilityAfterSessions","sessions":0}"#, #"{"kind":"futilityAfterSessions","sessions":-3}"#,
                    #"{"kind":"maximumWeeks","weeks":0}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try decode(bad) }
        }
        #expect(try decode(#"{"kind":"futilityAfterSessions","sessions":4}"#) == .futilityAfterSessions(4))
        #expect(try decode(#"{"kind":"maximumWeeks","weeks":8}"#) == .maximumWeeks(8))
    }
}
