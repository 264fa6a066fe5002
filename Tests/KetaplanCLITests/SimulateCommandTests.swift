import Foundation
import KetaplanTestSupport
import Testing

/// `ketaplan simulate` end to end: a small cohort so the debug build stays quick.
@Suite struct SimulateCommandTests {
    static let small = ["simulate", "--patients", "8", "--days", "90", "--policy", "fixed:14", "--policy", "durability"]

    @Test func printsTheTableAndTheFrontierTheSameWayEveryTime() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let first = cli.run(Self.small + ["--plot"])
        #expect(first.status == 0, "\(first.err)")
        for text in ["fixed:14", "durability", "relapse days/yr", "sessions/yr", "Pareto frontier", "maintenance sessions per patient-year"] {
            #expect(first.out.contains(text), "\(text)")
        }
        #expect(first.err.contains("simulated 8 patients x 90 days x 2 policies in"))
        #expect(cli.run(Self.small + ["--plot"]).out == first.out)
        #expect(cli.run(Self.small + ["--seed", "2"]).out != cli.run(Self.small).out)
        // Nothing was written to the data folder.
        #expect(!FileManager.default.fileExists(atPath: cli.data))
    }

    @Test func jsonCarriesTheModelTheFiguresAndTheTime() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let r = cli.run(Self.small + ["--json", "--missed-rate", "0.1"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["missedRate"] as? Double == 0.1)
        let result = try #require(json["result"] as? [String: Any])
        let summaries = try #require(result["summaries"] as? [[String: Any]])
        #expect(summaries.map { $0["policy"] as? String } == ["fixed:14", "durability"])
        #expect((json["seconds"] as? Double ?? -1) >= 0)
    }

    /// Like every other output file, the CSV is refused inside the data folder; the same
    /// request writing elsewhere works.
    @Test func csvIsRefusedInsideTheDataFolderAndWrittenElsewhere() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        try FileManager.default.createDirectory(atPath: cli.data, withIntermediateDirectories: true)
        let inside = cli.run(Self.small + ["--csv", cli.data + "/figures.csv"])
        #expect(inside.status != 0)
        #expect(inside.err.contains("inside the data folder"), "\(inside.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.data + "/figures.csv"))
        let outsidePath = (cli.data as NSString).deletingLastPathComponent + "/figures.csv"
        let outside = cli.run(Self.small + ["--csv", outsidePath])
        #expect(outside.status == 0, "\(outside.err)")
        let csv = try String(contentsOfFile: outsidePath, encoding: .utf8)
        #expect(csv.hasPrefix("policy,patients,relapse_days_per_year"))
        #expect(csv.split(separator: "\n").count == 3)
        // An existing file is replaced only with --force; the data folder's exports/ is allowed.
        let again = cli.run(Self.small + ["--csv", outsidePath])
        #expect(again.status != 0 && again.err.contains("--force"), "\(again.err)")
        #expect(cli.run(Self.small + ["--csv", outsidePath, "--force"]).status == 0)
        try FileManager.default.createDirectory(atPath: cli.data + "/exports", withIntermediateDirectories: true)
        #expect(cli.run(Self.small + ["--csv", cli.data + "/exports/figures.csv"]).status == 0)
    }

    @Test func badOptionsSayWhatIsAccepted() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let cases: [([String], String)] = [
            (["simulate", "--policy", "weekly"], "is not a maintenance policy"),
            (["simulate", "--response-rate", "2"], "the response rate must be a share from 0 to 1"),
            (["simulate", "--baseline", "20"], "write MIN-MAX"),
            (["simulate", "--population", "mars"], "murrough"),
            (["simulate", "--protocol", "esketamine-mdsi"], "not a built-in protocol with maintenance"),
            (["simulate", "--days", "5"], "days must be 28-3650"),
            (["simulate", "--response-rate", "0x1p-1"], "'0x1p-1' is not a plain decimal number"),
            (["simulate", "--threads", "0"], "'0' is not accepted; use 1-256 threads"),
            (["simulate", "--well-fraction", "0x1-2"], "--well-fraction: '0x1-2' is not a range; write MIN-MAX"),
        ]
        for (args, expected) in cases {
            let r = cli.run(args)
            #expect(r.status != 0)
            #expect(r.err.contains(expected), "\(args): \(r.err)")
        }
    }
}
