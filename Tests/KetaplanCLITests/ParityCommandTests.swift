import Foundation
import Testing

/// Issue 11: what the screen can do, the command line can do too.
@Suite struct ParityCommandTests {
    @Test func versionNamesTheReleaseAndTheFileVersions() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let r = cli.run(["--version"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("ketaplan "), "\(r.out)")
        #expect(r.out.contains("patient files version 1, clinic.json version 1"), "\(r.out)")
    }

    @Test func finishedPlansAreArchivedAndListedOnlyOnRequest() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        for name in ["Ann Active", "Dan Done"] {
            #expect(cli.run("patient", "add", "--name", name, "--birth", "1980-04-12", "--weight", "70").status == 0)
        }
        cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05")
        cli.run("plan", "new", "P-0002", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05")
        #expect(cli.run("plan", "status", "P-0002", "discontinued").status == 0)

        let current = cli.run("patients")
        #expect(current.status == 0, "\(current.err)")
        #expect(current.out.contains("P-0001  Ann Active"))
        #expect(!current.out.contains("P-0002"), "an archived patient is listed: \(current.out)")
        #expect(current.err.contains("1 archived patient (plan completed or discontinued) not listed; `ketaplan patients --archived` lists them"))

        let archived = cli.run("patients", "--archived")
        #expect(archived.status == 0, "\(archived.err)")
        #expect(archived.out.contains("P-0002  Dan Done"))
        #expect(archived.out.contains("discontinued"))
        #expect(!archived.out.contains("P-0001"))

        let json = cli.run("patients", "--archived", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["P-0002"])
        // Put back under care, the patient is listed again.
        #expect(cli.run("plan", "status", "P-0002", "active").status == 0)
        #expect(cli.run("patients").out.contains("P-0002  Dan Done"))
        #expect(!cli.run("patients", "--archived").out.contains("P-0002"))
    }
}
