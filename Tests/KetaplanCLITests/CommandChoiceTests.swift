import Foundation
import KetaplanTestSupport
import Testing

/// Fixed choices are read by their types (Sources/ketaplan/Choices), never checked by hand
/// in a command, so `--help` lists them, completion offers them and every refusal names
/// what is accepted in the same words.
@Suite struct CommandChoiceTests {
    /// What a hand-written check of a fixed choice looks like: an enum built from its raw
    /// text or name, text lowered to compare, a `switch` over string literals, a literal
    /// list searched, a prefix or a word compared.
    static let handWritten: [(String, String)] = [
        (#"[A-Z][A-Za-z]*\(rawValue: "#, "an enum built from typed text"),
        (#"[A-Z][A-Za-z]*\((name|parsing): [a-zA-Z.]+\)"#, "a choice parsed by name"),
        (#"lowercased\(\)"#, "text lowered to compare"),
        (#"case "[^"]*""#, "a switch over words"),
        (#"\["[a-z0-9-]+"(, "[a-z0-9-]+")*\]\.contains"#, "a list of words searched"),
        (#"hasPrefix\("[a-z]"#, "a prefix compared"),
        (#"[=!]= "[a-z]"#, "a word compared"),
    ]

    static var commandFiles: [URL] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ketaplan")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Lines of `text` that look like a hand-written check.
    static func findings(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            for (pattern, what) in handWritten where line.range(of: pattern, options: .regularExpression) != nil {
                return "\(what): \(line.trimmingCharacters(in: .whitespaces))"
            }
            return nil
        }
    }

    @Test func noCommandChecksAFixedChoiceByHand() throws {
        let files = Self.commandFiles
        #expect(files.count >= 15, "the command files were not found")
        for file in files {
            let found = Self.findings(in: try String(contentsOf: file, encoding: .utf8))
            #expect(found.isEmpty, "\(file.lastPathComponent): \(found.joined(separator: "\n"))")
        }
    }

    /// The patterns find the checks this module used to make.
    @Test func thePatternsFindTheOldChecks() {
        let old = [
            #"guard let newStatus = PlanStatus(rawValue: status.lowercased()) else {"#,
            #"guard let inst = Instrument(name: instrument) else {"#,
            #"case "yes", "true": clinic.settings.remsCertified = true"#,
            #"guard ["ics", "csv", "fhir"].contains(format) else {"#,
            #"if kind.hasPrefix("screening:") {"#,
            #"if timeZone == "system" {"#,
        ]
        for line in old { #expect(Self.findings(in: line).count == 1, "\(line)") }
        #expect(Self.findings(in: #"try store.saveClinic(ClinicFile(name: demo.name, calendar: demo.calendar))"#).isEmpty)
    }

    /// Completion scripts offer the fixed choices (here bash's, for three of them).
    @Test func completionScriptsOfferTheChoices() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["--generate-completion-script", "bash"]
        let out = Pipe()
        process.standardOutput = out
        try? process.run()
        let script = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(script.contains("'given'$'\\n''missed'$'\\n''deferred'$'\\n''cancelled'"))
        #expect(script.contains("'ics'$'\\n''csv'$'\\n''fhir'"))
        #expect(script.contains("'female'$'\\n''male'"))
    }
}
