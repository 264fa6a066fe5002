import Foundation
import Testing
import KetaplanEngine
import KetaplanDemo
import KetaplanRecords
@testable import KetaplanStore

/// SortedJSONEncoder writes the demo's files (`createAll`): every byte must be what
/// `ClinicStore.encoder()` (Foundation's JSONEncoder) writes for the same value.
@Suite struct SortedJSONEncoderTests {
    func expectSame<T: Encodable>(_ value: T, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = try ClinicStore.encoder().encode(value)
        // Written here, not handed to JSONEncoder.
        let ours = try #require(SortedJSONEncoder.ownEncoding(value), "\(what)", sourceLocation: sourceLocation)
        #expect(ours == foundation, "\(what)\nours:       \(String(decoding: ours, as: UTF8.self))\nfoundation: \(String(decoding: foundation, as: UTF8.self))",
                sourceLocation: sourceLocation)
    }

    @Test func demoPatientFilesAndAuditLinesAreFoundationsBytes() throws {
        let clinic = DemoClinic.make(patients: 120, seed: 5, today: try CalendarDay(iso: "2026-11-26"))
        for chart in clinic.charts {
            try expectSame(PatientFile(schemaVersion: Schema.patientVersion, revision: 1, savedBy: "dr.demo", savedAt: "2026-11-26T10:00:00Z", chart: chart),
                           "\(chart.patient.id)")
            try expectSame(AuditEntry(time: "2026-11-26T10:00:00Z", user: "dr.demo", patient: chart.patient.id, revision: 1,
                                      changes: AuditChange.between(nil, chart)))
        }
        try expectSame(ClinicFile(name: clinic.name, calendar: clinic.calendar, settings: clinic.settings))
    }

    struct Scalars: Codable {
        var strings: [String]
        var doubles: [Double]
        var floats: [Float]
        var ints: [Int]
        var small: [Int8]
        var unsigned: UInt64
        var flags: [Bool]
        var maybe: String?
        var missing: Int?
        var nils: [Int?]
    }

    @Test func escapesAndNumbersAreFoundations() throws {
        let controls = String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) })
        try expectSame(Scalars(
            strings: ["", "plain", "quote \" back \\ slash / end", controls, "Zoë 山田 花子 👩‍⚕️ e\u{301}", "\u{7F}\u{2028}\u{2029}", "</script>"],
            doubles: [0, -0.0, 0.1, 1.5, 47.5, 100, 1e-7, 1e21, 1e16, 123456789.125, -2.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 1.0 / 3],
            floats: [0.1, 2, 3.25, -1e-9],
            ints: [0, -1, 42, .max, .min], small: [.min, .max], unsigned: .max,
            flags: [true, false], maybe: "here", missing: nil, nils: [1, nil, 3]))
        try expectSame("top-level string")
        try expectSame([1.0, 2.5])
        try expectSame([[Int]]([[], [1], [2, 3]]))
    }

    @Test func keysSortByTheirBytes() throws {
        try expectSame(["b": 1, "a": 2, "B": 3, "é": 4, "a1": 5, "a10": 6, "a9": 7, "": 8, "aa": 9, "Z": 10])
        try expectSame([10: "ten", 9: "nine", -1: "minus one", 100: "hundred"])
        try expectSame([String: [String: Int]]())
        try expectSame(["outer": ["z": 1, "y": ["x": 2]]] as [String: [String: AnyCodable]])
    }

    /// Containers used in ways the chart's types do not (yet): the same bytes still.
    struct Unusual: Encodable {
        enum Keys: String, CodingKey { case b, a, nested, list, twice, empty }
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(1, forKey: .twice)
            try c.encode("b", forKey: .b)
            var nested = c.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode(true, forKey: .b)
            try nested.encodeNil(forKey: .a)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encode(2.5, forKey: .a)
            try list.encode(Nothing())
            try c.encode(Nothing(), forKey: .empty)
            try c.encode("again", forKey: .twice)
            try c.encode(Optional<Int>.none, forKey: .a)
        }
    }

    @Test func nestedContainersRepeatedKeysAndEmptyValuesAreFoundations() throws {
        try expectSame(Unusual())
    }

    @Test func whatOnlyFoundationHandlesIsLeftToIt() throws {
        // Dates and URLs have JSONEncoder's own encodings: left to it, the same bytes.
        let date = ["when": Date(timeIntervalSince1970: 1_767_607_200)], url = ["where": URL(fileURLWithPath: "/tmp/x y")]
        #expect(SortedJSONEncoder.ownEncoding(date) == nil && SortedJSONEncoder.ownEncoding(url) == nil)
        #expect(try SortedJSONEncoder.encode(date) == ClinicStore.encoder().encode(date))
        #expect(try SortedJSONEncoder.encode(url) == ClinicStore.encoder().encode(url))
        // NaN is refused by both.
        #expect(throws: EncodingError.self) { try SortedJSONEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try ClinicStore.encoder().encode([Double.nan]) }
        // And a finite value right after is written.
        try expectSame([1.25])
    }
}

/// A JSON value of any shape, for nesting dictionaries in one test.
enum AnyCodable: Codable, ExpressibleByIntegerLiteral, ExpressibleByDictionaryLiteral {
    case int(Int)
    case object([String: AnyCodable])
    init(integerLiteral value: Int) { self = .int(value) }
    init(dictionaryLiteral elements: (String, AnyCodable)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }
    init(from decoder: any Decoder) throws { self = .int(try decoder.singleValueContainer().decode(Int.self)) }
    func encode(to encoder: any Encoder) throws {
        switch self {
        case .int(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .object(let o): try o.encode(to: encoder)
        }
    }
}
