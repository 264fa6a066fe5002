import Foundation
import Testing

/// Issue 11's "done when": past decoding a patient is named by `PatientID`, never by a
/// `String`, in every module (the id is made once, where a file name, an index line or an
/// argument is read).
@Suite struct TypedIdentifierTests {
    /// A declaration that holds a patient id as text: `patient: String`, `patientID: String?`,
    /// `[String: PatientChart]`, ...
    static let textID = #"\b(patient|patientID|patientId|pid)\s*:\s*\[?String\b|\[String\s*:\s*(PatientChart|StoredChart|PatientSummary)\]"#

    static var sources: [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted().map { root.appendingPathComponent($0) }
    }

    static func findings(in text: String) -> [String] {
        text.split(separator: "\n").filter { $0.range(of: textID, options: .regularExpression) != nil }.map(String.init)
    }

    @Test func noPatientIDIsText() throws {
        let files = Self.sources
        #expect(files.count > 100, "the sources were not found")
        for file in files {
            let found = Self.findings(in: try String(contentsOf: file, encoding: .utf8))
            #expect(found.isEmpty, "\(file.lastPathComponent): \(found.joined(separator: "\n"))")
        }
    }

    /// The pattern finds the declarations the code used to have.
    @Test func thePatternFindsTextIDs() {
        for line in ["case loadChart(patient: String)", "public var patientID: String?", "var charts: [String: PatientChart] = [:]"] {
            #expect(Self.findings(in: line).count == 1, "\(line)")
        }
        #expect(Self.findings(in: "case loadChart(patient: PatientID)").isEmpty)
    }
}
