import Foundation
import Testing
import KetaplanEngine
import KetaplanDemo
import KetaplanRecords
@testable import KetaplanStore

/// SortedJSONDecoder reads a batch's files back (`createAll`): what it accepts must be
/// what Foundation's JSONDecoder accepts, with the same value, and everything else must
/// go to JSONDecoder.
@Suite struct SortedJSONDecoderTests {
    /// Decoded here (not handed on), and the same value as JSONDecoder's (compared through
    /// Foundation's encoding of both).
    func expectDecodedHere<T: Codable>(_ type: T.Type, _ data: Data, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try #require(SortedJSONDecoder.ownDecoding(type, from: data), "handed on: \(what)", sourceLocation: sourceLocation)
        let foundation = try JSONDecoder().decode(type, from: data)
        #expect(try ClinicStore.encoder().encode(ours) == ClinicStore.encoder().encode(foundation), "\(what)", sourceLocation: sourceLocation)
    }

    /// Handed to JSONDecoder, whose value or error `decode` then gives.
    func expectHandedOn<T: Codable>(_ type: T.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let data = Data(text.utf8)
        #expect(SortedJSONDecoder.ownDecoding(type, from: data) == nil, "decoded here: \(text)", sourceLocation: sourceLocation)
        let foundation = Result { try JSONDecoder().decode(type, from: data) }
        let ours = Result { try SortedJSONDecoder.decode(type, from: data) }
        switch (foundation, ours) {
        case (.success(let a), .success(let b)):
            #expect(try ClinicStore.encoder().encode(a) == ClinicStore.encoder().encode(b), "\(text)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)", "\(text)", sourceLocation: sourceLocation)
        default:
            Issue.record("JSONDecoder gave \(foundation), decode gave \(ours) for \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func demoPatientFilesAndAuditLinesAreDecodedHereAsJSONDecoderDecodesThem() throws {
        let clinic = DemoClinic.make(patients: 120, seed: 5, today: try CalendarDay(iso: "2026-11-26"))
        for chart in clinic.charts {
            let file = PatientFile(schemaVersion: Schema.patientVersion, revision: 1, savedBy: "dr.demo", savedAt: "2026-11-26T10:00:00Z", chart: chart)
            let data = try SortedJSONEncoder.encode(file)
            try expectDecodedHere(PatientFile.self, data, "\(chart.patient.id)")
            // Read back, it writes the very bytes it was read from.
            #expect(try SortedJSONEncoder.encode(SortedJSONDecoder.decode(PatientFile.self, from: data)) == data)
            let audit = AuditEntry(time: "2026-11-26T10:00:00Z", user: "dr.demo", patient: chart.patient.id, revision: 1, changes: AuditChange.between(nil, chart))
            try expectDecodedHere(AuditEntry.self, try SortedJSONEncoder.encode(audit))
        }
        try expectDecodedHere(ClinicFile.self, try SortedJSONEncoder.encode(ClinicFile(name: clinic.name, calendar: clinic.calendar, settings: clinic.settings)))
    }

    struct Scalars: Codable {
        var strings: [String]
        var doubles: [Double]
        var ints: [Int]
        var small: [Int8]
        var unsigned: UInt64
        var flags: [Bool]
        var maybe: String?
        var missing: Int?
        var nils: [Int?]
        var keyed: [String: Int]
        var numbered: [Int: String]
    }

    @Test func escapesNumbersAndContainersAreJSONDecoders() throws {
        let controls = String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) })
        let value = Scalars(
            strings: ["", "plain", "quote \" back \\ slash / end", controls, "Zoë 山田 花子 👩‍⚕️ e\u{301}", "\u{7F}\u{2028}\u{2029}"],
            doubles: [0, -0.0, 0.1, 1.5, 47.5, 100, 123456789.125, -2.5, 1.0 / 3],
            ints: [0, -1, 42, .max, .min + 1], small: [.min, .max], unsigned: .max,
            flags: [true, false], maybe: "here", missing: nil, nils: [1, nil, 3],
            keyed: ["b": 1, "a": 2, "é": 3, "": 4], numbered: [10: "ten", -1: "minus one"])
        try expectDecodedHere(Scalars.self, try SortedJSONEncoder.encode(value))
        // Doubles written with an exponent go to JSONDecoder, which reads the same values.
        let exponents: [Double] = [1e-7, 1e21, 1e16, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        try expectHandedOn([Double].self, String(decoding: try SortedJSONEncoder.encode(exponents), as: UTF8.self))
        #expect(try SortedJSONDecoder.decode([Double].self, from: SortedJSONEncoder.encode(exponents)) == exponents)
        // Escapes SortedJSONEncoder never writes, whitespace between tokens and exponents.
        try expectDecodedHere([String].self, Data(#"[ "\u00e9\ud83d\ude00\/\"" , "tab\there" ]"#.utf8))
        try expectDecodedHere([Double].self, Data("[0, -0, -0.0, 0.000, 10.25, 123456789.125]".utf8))
        try expectDecodedHere([String: Int].self, Data(#" { "a" : 1 , "b":2 } "#.utf8))
    }

    @Test func anythingUnsureGoesToJSONDecoderAndTheNextDocumentIsDecodedHere() throws {
        // Keys out of order or twice (JSONDecoder picks one), and a key with an escape.
        try expectHandedOn([String: Int].self, #"{"b":1,"a":2}"#)
        try expectHandedOn([String: Int].self, #"{"a":1,"a":2}"#)
        try expectHandedOn([String: Int].self, #"{"\u0061":1}"#)
        // Not JSON.
        for text in [#"{"a":1,}"#, "[01]", "[1.]", "[.5]", "[+1]", "[1e]", #"["a"] x"#, "", #"["\x"]"#, "[\"\u{1}\"]", "[tru]", "{\"a\" 1}", "[1 2]"] {
            try expectHandedOn([String: [Int]].self, text)
        }
        try expectHandedOn([String].self, #"["\ud800"]"#)
        try expectHandedOn([String].self, #"["\udc00x"]"#)
        #expect(SortedJSONDecoder.ownDecoding([String].self, from: Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D])) == nil, "invalid UTF-8")
        try expectHandedOn([[[Int]]].self, String(repeating: "[", count: 70) + String(repeating: "]", count: 70))
        // Numbers JSONDecoder reads differently or refuses for the type.
        try expectHandedOn([Int].self, "[-0]")
        try expectHandedOn([Int].self, "[1.0]")
        try expectHandedOn([Int].self, "[1e2]")
        try expectHandedOn([Int8].self, "[128]")
        try expectHandedOn([UInt].self, "[-1]")
        try expectHandedOn([Int].self, "[9223372036854775808]")
        try expectHandedOn([Double].self, "[1e400]")
        try expectHandedOn([Double].self, "[0e5]") // refused by Foundation
        try expectHandedOn([Double].self, "[1E2, 2.5e-3]") // read by Foundation
        try expectHandedOn([Double].self, "[0." + String(repeating: "0", count: 400) + "1]")
        try expectHandedOn([Double].self, "[1e-400]")
        try expectHandedOn([Float].self, "[1.5]")
        // Wrong types, nulls and missing keys; a value the type itself refuses.
        try expectHandedOn([Int].self, #"["1"]"#)
        try expectHandedOn([String].self, "[null]")
        try expectHandedOn(Scalars.self, "{}")
        try expectHandedOn([CalendarDay].self, #"["2026-02-30"]"#)
        try expectHandedOn([Date].self, "[0]")
        // Right after, well-formed documents of the same types are decoded here.
        try expectDecodedHere([String: Int].self, Data(#"{"a":2,"b":1}"#.utf8))
        try expectDecodedHere([Int].self, Data("[0,-1,9223372036854775807]".utf8))
        try expectDecodedHere([CalendarDay].self, Data(#"["2026-02-28"]"#.utf8))
        try expectDecodedHere([String].self, Data(#"["\ud83d\ude00"]"#.utf8))
    }

    @Test func aTypeThatCatchesAnErrorStillGetsJSONDecodersAnswer() throws {
        // The error is caught by the type, but the document still goes to JSONDecoder.
        struct Lenient: Codable {
            var n: Int
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                n = (try? c.decode(Int.self)) ?? -1
            }
            func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(n) }
        }
        try expectHandedOn(Lenient.self, "1.0")
        try expectDecodedHere(Lenient.self, Data("7".utf8))
    }
}
