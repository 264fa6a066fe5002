import Foundation
import KetaplanTestSupport
import Testing

/// `session amend`: a given session's record is corrected, the original kept and shown.
@Suite struct AmendCommandTests {
    @Test func aRecordIsCorrectedWithItsReasonAndTheOriginalStaysOnThePlan() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Ann Amend", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").status == 0)
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)

        // Nothing to correct before the session is given.
        let early = cli.run("session", "amend", "P-0001", "1", "--dose", "42", "--reason", "wrong dose")
        #expect(early.status != 0)
        #expect(early.err.contains("session 1 is planned, not given"))

        let given = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82", "--monitored", "60", "--given-by", "nurse.a")
        #expect(given.status == 0, "\(given.err)")

        // A correction needs its reason.
        let noReason = cli.run("session", "amend", "P-0001", "1", "--dose", "42", "--reason", " ")
        #expect(noReason.status != 0)
        #expect(noReason.err.contains("--reason: say why the record is corrected"))

        let amended = cli.run("session", "amend", "P-0001", "1", "--dose", "42", "--bp", "130/84", "--reason", "0.6 mg/kg per the MAR", today: "2026-01-06")
        #expect(amended.status == 0, "\(amended.err)")
        #expect(amended.out.contains("Amended the record of session 1 (2026-01-05); the original is kept."))
        #expect(amended.out.contains("dose 35 mg -> 42 mg"))
        #expect(amended.out.contains("BP before 128/82 -> 130/84"))

        let shown = cli.run("plan", "show", "P-0001", today: "2026-01-06")
        #expect(shown.out.contains("Amended records (the original is kept):"))
        let line = try #require(shown.out.split(separator: "\n").first { $0.contains("session 1 (2026-01-05): amended 2026-01-06 by ") }, "\(shown.out)")
        #expect(line.hasSuffix(": 0.6 mg/kg per the MAR"))
        #expect(shown.out.contains("dose 35 mg -> 42 mg; BP before 128/82 -> 130/84"))

        let file = try #require(cli.file("patients/P-0001.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let plan = try #require((json["chart"] as? [String: Any])?["plan"] as? [String: Any])
        let first = try #require((plan["sessions"] as? [[String: Any]])?.first)
        #expect((first["record"] as? [String: Any])?["doseGivenMg"] as? Double == 42)
        let amendments = try #require(first["amendments"] as? [[String: Any]])
        #expect(amendments.count == 1)
        #expect((amendments[0]["original"] as? [String: Any])?["doseGivenMg"] as? Double == 35)
        #expect((amendments[0]["original"] as? [String: Any])?["givenBy"] as? String == "nurse.a")
        #expect(amendments[0]["reason"] as? String == "0.6 mg/kg per the MAR")

        let audit = String(decoding: cli.file("audit.jsonl") ?? Data(), as: UTF8.self)
        #expect(audit.contains("\"kind\":\"session-amended\""))
        #expect(!audit.contains("MAR"))
    }

    /// A value refused once the command runs prints its message, not the usage text, and
    /// exits as a usage error; the same command with the value corrected goes through.
    @Test func aRefusalInRunIsOneClearMessage() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Ann Amend", "--birth", "1980-04-12", "--weight", "70").status == 0)
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82").status == 0)
        let blank = cli.run("session", "amend", "P-0001", "1", "--dose", "40", "--reason", " ")
        #expect(blank.status == 64)
        #expect(blank.err == "Error: --reason: say why the record is corrected, e.g. --reason \"dose transcribed wrongly: 40 mg per the MAR\"\n")
        #expect(!blank.err.contains("Usage:"))
        let amended = cli.run("session", "amend", "P-0001", "1", "--dose", "40", "--reason", "transcribed wrongly")
        #expect(amended.status == 0, "\(amended.err)")
        #expect(amended.out.contains("dose 35 mg -> 40 mg"))
    }
}
