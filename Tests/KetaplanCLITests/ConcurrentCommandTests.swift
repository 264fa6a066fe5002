import Foundation
import KetaplanTestSupport
import Testing

/// Commands started at the same time on one patient (two clinicians, or a script running
/// several at once): each waits its turn through the folder's lock and, when a colleague
/// saved the patient between its load and its save, makes its change again on their
/// version instead of failing with "reload and make your change again" (tester's F15).
@Suite struct ConcurrentCommandTests {
    /// Every one of eight `score add`s on one patient, started together, is saved, once.
    @Test func scoresAddedTogetherAreAllSaved() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Concurrent Example", "--birth", "1980-04-12", "--weight", "70").status == 0)
        let count = 8
        let results = Results(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.set(i, cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", String(i + 1)))
        }
        for (i, result) in results.all.enumerated() {
            #expect(result.status == 0, "score \(i + 1): \(result.err)")
            #expect(result.out.contains("Recorded PHQ-9 \(i + 1) "), "\(result.out)")
        }
        let chart = try #require(cli.file("patients/P-0001.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: chart) as? [String: Any])
        #expect(json["revision"] as? Int == count + 1)
        let assessments = try #require((json["chart"] as? [String: Any])?["assessments"] as? [[String: Any]])
        let scores = assessments.filter { $0["instrument"] as? String == "phq9" }.compactMap { $0["score"] as? Int }
        #expect(scores.sorted() == Array(1...count))
        let audit = String(decoding: try #require(cli.file("audit.jsonl")), as: UTF8.self)
        #expect(audit.split(separator: "\n").filter { $0.contains("\"P-0001\"") && $0.contains("\"score-added\"") }.count == count, "\(audit)")
        #expect(cli.run("validate").status == 0)
    }

    /// The results of commands run on several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [CLI.Result?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ result: CLI.Result) { lock.withLock { results[i] = result } }
        var all: [CLI.Result] { lock.withLock { results.compactMap { $0 } } }
    }
}
