import Foundation
import Testing

/// The renderer only draws: what the engine says (warnings, holds, previews, response,
/// re-plans), what the print module renders, and every form check are worked out by the
/// reducer when their inputs change and kept in state. This reads the renderer's source
/// and fails on any call into that behaviour, so it cannot creep back into a frame.
@Suite struct RendererPurityTests {
    /// Names whose use in a renderer file means behaviour runs while drawing.
    static let forbidden = [
        // The engine's behaviour.
        "Scheduler", "SafetyChecker", "HoldChecker", "DoseCalculator", "ResponseStatus", "ResponseCourse",
        "MaintenanceSpacing", "DurabilityEstimate", "SchedulingRules", "ScoringVisits", "PhaseStretch",
        "ChairBookings", "SchedulingContext", "context(for:", ".apply(", ".replanned(", ".concerns(",
        // Edits, form checks and the print module's renderings.
        "FormSubmission", "ChartEdit", ".problem(today:", ".problems(today:", "PlanSummary", "PatientHandout",
        "ICalendarExport", "CSVExport", "FHIRExport", "previewText(", "previewLines(", "formPreview(", "patientFacts(",
        // Paging and clamping belong to the reducer (ScreenMetrics); the renderer reads.
        "scrolled(", "clampScrolling(",
    ]

    static var rendererFiles: [URL] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/KetaplanUI").standardized
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("Renderer") && $0.hasSuffix(".swift") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Code lines of `text`: comments dropped, so a comment may name what it avoids.
    static func code(_ text: String) -> [(line: Int, text: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
            let code = line.components(separatedBy: "//").first ?? ""
            return code.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (i + 1, code)
        }
    }

    @Test func noRendererFileCallsIntoBehaviour() throws {
        let files = Self.rendererFiles
        #expect(files.count >= 6, "expected Renderer.swift and its extensions, found \(files.map(\.lastPathComponent))")
        var found: [String] = []
        for file in files {
            for (line, text) in Self.code(try String(contentsOf: file, encoding: .utf8)) {
                for name in Self.forbidden where text.contains(name) {
                    found.append("\(file.lastPathComponent):\(line) calls \(name): \(text.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "the renderer must only draw state; work these out in the reducer:\n\(found.joined(separator: "\n"))")
    }

    /// The check itself can fail: a line that calls the engine is found, one that only
    /// names it in a comment is not.
    @Test func theCheckFindsACallAndIgnoresAComment() {
        let sample = """
            let w = SafetyChecker(context: state.context(for: id)).warnings(for: chart)
            // SafetyChecker is not called here.
            buf.put(line.text, x: 0, y: 1)
            """
        let hits = Self.code(sample).filter { line in Self.forbidden.contains { line.text.contains($0) } }
        #expect(hits.map(\.line) == [1])
    }
}
