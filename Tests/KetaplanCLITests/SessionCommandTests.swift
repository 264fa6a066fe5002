import Foundation
import KetaplanTestSupport
import Testing

/// `session record|move|amend`: the session they name is found one way for all three.
@Suite struct SessionCommandTests {
    /// Each subcommand refuses a session the plan does not have, naming what is accepted,
    /// and a patient without a plan; the same command naming a session by number or by
    /// date goes through right after.
    @Test func recordMoveAndAmendFindTheirSessionAlike() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Nora Noplan", "--birth", "1975-02-01", "--weight", "80").status == 0)
        // P-0002: an IV ketamine plan from 2026-01-05 (sessions on 05, 07, 09 January...).
        #expect(cli.run("patient", "add", "--name", "Sam Session", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").status == 0)
        #expect(cli.run(["screening", "set", "P-0002"] + allClear).status == 0)
        #expect(cli.run("plan", "new", "P-0002", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let commands: [[String]] = [
            ["session", "record", "P-0002", "%", "--status", "given", "--bp", "128/82"],
            ["session", "move", "P-0002", "%", "--to", "2026-01-08", "--despite"],
            ["session", "amend", "P-0002", "%", "--dose", "40", "--reason", "per the MAR"],
        ]
        for command in commands {
            let unknown = cli.run(named(command, "P-0002", "99"))
            #expect(unknown.status == 64, "\(command): \(unknown.err)")
            #expect(unknown.err == "Error: no session '99' in this plan: give the session's number (1, 2, ...) or its date (YYYY-MM-DD)\n", "\(command)")
            let offDay = cli.run(named(command, "P-0002", "2026-01-06"))
            #expect(offDay.status == 64 && offDay.err.contains("no session '2026-01-06' in this plan"), "\(command): \(offDay.err)")
            let noPlan = cli.run(named(command, "P-0001", "1"))
            #expect(noPlan.status != 0 && noPlan.err.contains("this patient has no plan yet"), "\(command): \(noPlan.err)")
        }
        // The allowed path: session 1 by its date, then by its number.
        let recorded = cli.run(named(commands[0], "P-0002", "2026-01-05"))
        #expect(recorded.status == 0, "\(recorded.err)")
        #expect(recorded.out.contains("Recorded session 1 (2026-01-05) as given."))
        let amended = cli.run(named(commands[2], "P-0002", "1"), today: "2026-01-06")
        #expect(amended.status == 0, "\(amended.err)")
        #expect(amended.out.contains("Amended the record of session 1 (2026-01-05); the original is kept."))
        let moved = cli.run(named(commands[1], "P-0002", "2026-01-07"))
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.contains("Moved session 2 from 2026-01-07 to 2026-01-08."))
    }

    /// F6: recording a past session after a re-weigh judges its dose on the weight on
    /// record on its day, not today's: the dose planned on the weight of the day is
    /// accepted, a slip is still refused, and a session on or after the weigh day is
    /// judged on the new weight.
    @Test func aPastSessionRecordedAfterAReweighIsJudgedOnTheWeightOfItsDay() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        // 70 kg on 2026-01-05; sessions on 05, 07, 09 January planned at 35 mg (0.5 mg/kg).
        #expect(cli.run("patient", "add", "--name", "Wes Weigh", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").status == 0)
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let edited = cli.run("patient", "edit", "P-0001", "--weight", "90", "--measured", "2026-01-08", today: "2026-01-10")
        #expect(edited.status == 0, "\(edited.err)")
        func record(_ session: String, _ extra: String...) -> CLI.Result {
            cli.run(["session", "record", "P-0001", session, "--status", "given", "--bp", "128/82"] + extra, today: "2026-01-10")
        }
        // Session 2 (7 January, before the weigh day): 35 mg was right for 70 kg.
        let slip = record("2", "--dose", "350")
        #expect(slip.status != 0)
        #expect(slip.err.contains("dose 350 mg is outside this protocol's range at any weight: 15-300 mg (the weight on record was measured on 2026-01-08, after this session"), "\(slip.err)")
        let given = record("2")
        #expect(given.status == 0, "\(given.err)")
        #expect(given.out.contains("Recorded session 2 (2026-01-07) as given."))
        #expect(!given.out.contains("!!"), "\(given.out)")
        let shown = cli.run("plan", "show", "P-0001", today: "2026-01-10")
        #expect(!shown.out.contains("dose given: dose 35 mg"), "\(shown.out)")
        // Session 3 (9 January, after the weigh day) is judged on 90 kg: 45-90 mg.
        let old = record("3")
        #expect(old.status != 0)
        #expect(old.err.contains("dose 35 mg is outside this protocol's range for this patient: 45-90 mg"), "\(old.err)")
        let right = record("3", "--dose", "45")
        #expect(right.status == 0, "\(right.err)")
    }

    /// `command` with its patient and session ("%") replaced.
    private func named(_ command: [String], _ patient: String, _ session: String) -> [String] {
        command.map { $0 == "P-0002" ? patient : $0 == "%" ? session : $0 }
    }
}
