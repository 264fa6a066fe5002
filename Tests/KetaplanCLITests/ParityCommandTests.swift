import Foundation
import KetaplanTestSupport
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

    /// A refused choice is echoed back with its control characters shown inert, like
    /// everything ketaplan prints; the same option with an accepted value works.
    @Test func aRefusedValueNeverDrivesTheTerminal() {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("patient", "add", "--name", "Ann", "--birth", "1980-04-12", "--weight", "70")
        let refused = cli.run("score", "add", "P-0001", "--instrument", "\u{1B}[2Jphq9", "--score", "4")
        #expect(refused.status != 0)
        #expect(refused.err.contains("The value '^[[2Jphq9' is invalid for '--instrument <instrument>'"), "\(refused.err.debugDescription)")
        #expect(!refused.err.unicodeScalars.contains { $0.value == 0x1B })
        #expect(cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "4").status == 0)
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

/// `session move`, `patient edit` and `plan maintenance`: the screen's edits, each refusal
/// tested with the path that is allowed right after it.
@Suite struct EditCommandTests {
    func planned(_ cli: CLI, protocol proto: String = "iv-ketamine-3x") {
        cli.run("patient", "add", "--name", "Ann Move", "--birth", "1980-04-12", "--weight", "70")
        cli.run("plan", "new", "P-0001", "--protocol", proto, "--start", "2026-01-05")
    }

    func lastAudit(_ cli: CLI) -> String {
        String(decoding: cli.file("audit.jsonl") ?? Data(), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    }

    func sessions(_ cli: CLI) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(cli.run("plan", "show", "P-0001", "--json").out.utf8)) as? [String: Any])
        return try #require(json["sessions"] as? [[String: Any]])
    }

    @Test func aMoveThatBreaksARuleNeedsDespite() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let before = cli.file("patients/P-0001.json")
        // Saturday: the clinic is closed.
        let refused = cli.run("session", "move", "P-0001", "2", "--to", "2026-01-10")
        #expect(refused.status != 0)
        // Every rule it breaks, not just the first (issue 14).
        #expect(refused.err.contains("not moved: session 2 (2026-01-07) to 2026-01-10 breaks 2 rules: Sat 2026-01-10: clinic closed that weekday; Sat 2026-01-10: under the 2-day minimum gap from Fri 2026-01-09"), "\(refused.err)")
        #expect(refused.err.contains("Add --despite to move it anyway"))
        #expect(refused.out.isEmpty)
        #expect(cli.file("patients/P-0001.json") == before)

        let moved = cli.run("session", "move", "P-0001", "2", "--to", "2026-01-10", "--despite")
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.contains("Moved session 2 from 2026-01-07 to 2026-01-10."))
        #expect(moved.out.contains("Checks: moved despite 2 broken rules:\n  ! Sat 2026-01-10: clinic closed that weekday\n  ! Sat 2026-01-10: under the 2-day minimum gap from Fri 2026-01-09"), "\(moved.out)")
        // Wednesday is freed: no session slides into it.
        #expect(try !sessions(cli).contains { $0["date"] as? String == "2026-01-07" })
        #expect(try sessions(cli).contains { $0["date"] as? String == "2026-01-10" })
        #expect(lastAudit(cli).contains(#"{"dates":["2026-01-07","2026-01-10"],"ids":["session-2","despite-rules"],"kind":"session-moved"}"#), "\(lastAudit(cli))")
    }

    @Test func aMoveThatBreaksNoRuleNeedsNothing() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        // The first continuation session, Fri 23rd, to Mon 26th: ten days after the last
        // induction dose, an open day; the later sessions follow it.
        let moved = cli.run("session", "move", "P-0001", "2026-01-23", "--to", "2026-01-26")
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.contains("Moved session 7 from 2026-01-23 to 2026-01-26.\nChecks: no rule broken.\nMoved:\n"), "\(moved.out)")
        #expect(moved.out.contains("session 8 2026-02-06 -> 2026-02-09"))
        #expect(lastAudit(cli).contains(#"{"dates":["2026-01-23","2026-01-26"],"ids":["session-7"],"kind":"session-moved"}"#), "\(lastAudit(cli))")
        #expect(!lastAudit(cli).contains("despite-rules"))
        // A session can never go before today, --despite or not.
        let past = cli.run("session", "move", "P-0001", "3", "--to", "2026-01-02", "--despite")
        #expect(past.status != 0)
        #expect(past.err.contains("before today"), "\(past.err)")
    }

    /// F22: what --despite cannot lift (a given session, a day before today) is refused up
    /// front, saying what to do instead, and never with the advice to add --despite; a move
    /// that only breaks rules still offers it and goes through with it.
    @Test func aMoveDespiteCannotMakeIsRefusedUpFront() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82").status == 0)
        let before = cli.file("patients/P-0001.json")
        for despite in [[], ["--despite"]] {
            let given = cli.run(["session", "move", "P-0001", "1", "--to", "2026-01-08"] + despite, today: "2026-01-07")
            #expect(given.status != 0)
            #expect(given.err.contains("not moved: session 1 is already recorded as given: a given session never moves or changes; to correct its record use `session amend`"), "\(given.err)")
            #expect(!given.err.contains("--despite"), "\(given.err)")
            let past = cli.run(["session", "move", "P-0001", "2", "--to", "2026-01-06"] + despite, today: "2026-01-07")
            #expect(past.status != 0)
            #expect(past.err.contains("not moved: a session cannot be moved to 2026-01-06, before today, even when confirmed: choose today or a later day"), "\(past.err)")
            #expect(!past.err.contains("Add --despite"), "\(past.err)")
        }
        #expect(cli.file("patients/P-0001.json") == before)
        // Thursday 8th: under the minimum gap from Friday 9th, which --despite lifts.
        let refused = cli.run("session", "move", "P-0001", "2", "--to", "2026-01-08", today: "2026-01-07")
        #expect(refused.status != 0 && refused.err.contains("Add --despite to move it anyway"), "\(refused.err)")
        let moved = cli.run("session", "move", "P-0001", "2", "--to", "2026-01-08", "--despite", today: "2026-01-07")
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.contains("Moved session 2 from 2026-01-07 to 2026-01-08."), "\(moved.out)")
    }

    /// F1: pausing names the sessions it takes off by the numbers `plan show` gives them
    /// (not the internal ids, which differ once a missed session's make-up is added).
    @Test func pausingNamesTheSessionsByThePlansNumbers() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82").status == 0)
        #expect(cli.run("session", "record", "P-0001", "2", "--status", "missed", today: "2026-01-07").status == 0)
        let shown = try sessions(cli)
        let expected = shown.enumerated().compactMap { (i, s) -> String? in
            guard s["status"] as? String == "planned", let date = s["date"] as? String else { return nil }
            return "session \(i + 1) on \(date) removed"
        }
        #expect(expected.count > 3)
        let paused = cli.run("plan", "status", "P-0001", "paused", "--note", "holiday", today: "2026-01-07")
        #expect(paused.status == 0, "\(paused.err)")
        for line in expected { #expect(paused.out.contains(line), "\(line) not in \(paused.out)") }
        #expect(!paused.out.contains("#"), "\(paused.out)")
    }

    /// F13: a negative number reaches the value's own range check instead of being taken
    /// for an option; a start before the date of birth, or a plan running past the last day
    /// ketaplan keeps, is refused in those words; the allowed value right after works.
    @Test func negativeNumbersAndImpossibleStartsAreRefusedInTheirOwnWords() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let weight = cli.run("patient", "add", "--name", "Ann Move", "--birth", "1980-04-12", "--weight", "-5")
        #expect(weight.status != 0 && weight.err.contains("weight -5 kg is not plausible: enter kilograms between 30 and 300"), "\(weight.err)")
        #expect(cli.run("patient", "add", "--name", "Ann Move", "--birth", "1980-04-12", "--weight", "70").status == 0)
        let edit = cli.run("patient", "edit", "P-0001", "--weight", "-5")
        #expect(edit.status != 0 && edit.err.contains("weight -5 kg is not plausible"), "\(edit.err)")
        let score = cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "-1")
        #expect(score.status != 0 && score.err.contains("--score: PHQ-9 score -1 is outside the scale: enter a whole number from 0 to 27"), "\(score.err)")
        #expect(!score.err.contains("Missing value"), "\(score.err)")
        #expect(cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "1").status == 0)

        let unplanned = cli.file("patients/P-0001.json")
        let beforeBirth = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "1900-01-02")
        #expect(beforeBirth.status != 0)
        #expect(beforeBirth.err.contains("a plan cannot start on 1900-01-02, before the patient's date of birth (1980-04-12)"), "\(beforeBirth.err)")
        let tooLate = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2199-12-20")
        #expect(tooLate.status != 0)
        #expect(tooLate.err.contains("would run past 2199-12-31"), "\(tooLate.err)")
        #expect(!tooLate.err.contains("field"), "\(tooLate.err)")
        #expect(cli.file("patients/P-0001.json") == unplanned)
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
    }

    @Test func patientEditRecordsANewWeightAndDosesFollowIt() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let before = cli.file("patients/P-0001.json")
        let cases: [([String], String)] = [
            (["patient", "edit", "P-0001", "--weight", "900"], "weight 900 kg is not plausible"),
            (["patient", "edit", "P-0001", "--weight", "0x46"], "'0x46' is not a plain decimal number"),
            (["patient", "edit", "P-0001", "--measured", "2026-01-01"], "--measured says when --weight was measured: give --weight KG too"),
            (["patient", "edit", "P-0001", "--weight", "80", "--measured", "2026-01-06"], "2026-01-06 is after today"),
            // F20: the weight on record was measured today (2026-01-05); an older one never replaces it.
            (["patient", "edit", "P-0001", "--weight", "50", "--measured", "2024-06-01"],
             "--measured: a weight measured on 2024-06-01 is older than the weight on record (70 kg, measured on 2026-01-05) and would replace it; record a weight measured on or after 2026-01-05"),
            (["patient", "edit", "P-0001", "--height", "20"], "height"),
            (["patient", "edit", "P-0001"], "nothing to change"),
            (["patient", "edit", "P-0001", "--sex", "x"], "Please provide one of 'female' and 'male'"),
            (["patient", "edit", "P-0001", "--birth", "2026-02-01"], "--birth:"),
            (["patient", "edit", "P-0001", "--notes", "bad\u{1B}[2J"], "--notes holds the control character ^["),
        ]
        for (args, expected) in cases {
            let r = cli.run(args)
            #expect(r.status != 0, "\(args) should fail")
            #expect(r.err.contains(expected), "\(args): \(r.err)")
        }
        #expect(cli.file("patients/P-0001.json") == before)

        let edited = cli.run("patient", "edit", "P-0001", "--weight", "80", "--measured", "2026-01-05", "--name", "Ann Edited", "--sex", "female",
                             "--condition", "bipolar-depression", "--mood-stabiliser", "lithium", "--primary-scale", "madrs",
                             "--birth", "1980-04-13", "--notes", "prefers mornings\nneeds a lift home")
        #expect(edited.status == 0, "\(edited.err)")
        #expect(edited.out.contains("Patient P-0001 updated: weight 80 kg on 2026-01-05; name Ann Edited; date of birth 1980-04-13; sex female; conditions bipolar-depression; mood stabiliser lithium; primary scale MADRS; notes."), "\(edited.out)")
        #expect(edited.out.contains("session 1 planned dose 35 -> 40 mg"), "0.5 mg/kg of 80 kg: \(edited.out)")
        #expect(try sessions(cli).first?["plannedDoseMg"] as? Double == 40)
        let file = try #require(cli.file("patients/P-0001.json"))
        let top = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let chart = try #require(top["chart"] as? [String: Any])
        let p = try #require(chart["patient"] as? [String: Any])
        #expect(p["name"] as? String == "Ann Edited")
        #expect((p["weight"] as? [String: Any])?["measuredOn"] as? String == "2026-01-05")
        #expect(p["conditions"] as? [String] == ["bipolar-depression"])
        #expect(p["moodStabiliser"] as? String == "lithium")
        #expect(p["dateOfBirth"] as? String == "1980-04-13")
        #expect(p["notes"] as? String == "prefers mornings\nneeds a lift home")
        #expect(lastAudit(cli).contains(#""kind":"patient-changed""#))
    }

    @Test func planMaintenanceChangesThePolicyOrSaysWhyNot() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let before = cli.file("patients/P-0001.json")
        let bad = cli.run("plan", "maintenance", "P-0001", "weekly")
        #expect(bad.status != 0)
        #expect(bad.err.contains("'weekly' is not a maintenance policy: use fixed:DAYS"), "\(bad.err)")
        #expect(cli.file("patients/P-0001.json") == before)
        let changed = cli.run("plan", "maintenance", "P-0001", "fixed:21")
        #expect(changed.status == 0, "\(changed.err)")
        #expect(changed.out.contains("Maintenance of P-0001 is now every 21 days."), "\(changed.out)")
        #expect(changed.out.contains("Moved:"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(cli.run("plan", "show", "P-0001", "--json").out.utf8)) as? [String: Any])
        #expect("\(json["maintenancePolicy"] ?? "")".contains("21"), "\(json["maintenancePolicy"] ?? "")")
        #expect(lastAudit(cli).contains(#""ids":["maintenancePolicy"],"kind":"plan-changed""#), "\(lastAudit(cli))")
    }

    @Test func planMaintenanceIsRefusedForAProtocolWithout() {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli, protocol: "esketamine-mdsi")
        let refused = cli.run("plan", "maintenance", "P-0001", "fixed:21")
        #expect(refused.status != 0)
        #expect(refused.err.contains("maintenance"), "\(refused.err)")
    }

    /// A one-line text longer than the shared limit is refused on the command line as in
    /// the forms, naming the option and the limit; a name of exactly the limit is accepted.
    @Test func oneLineTextHasTheFormsLengthLimit() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let long = String(repeating: "A", count: 201)
        let refused = cli.run("patient", "add", "--name", long, "--birth", "1980-04-12", "--weight", "70")
        #expect(refused.status != 0)
        #expect(refused.err.contains("--name is longer than 200 characters, which is not accepted: shorten it to at most 200 characters"), "\(refused.err)")
        let added = cli.run("patient", "add", "--name", String(long.dropLast()), "--birth", "1980-04-12", "--weight", "70")
        #expect(added.status == 0, "\(added.err)")
        let edit = cli.run("patient", "edit", "P-0001", "--name", long + "B")
        #expect(edit.status != 0 && edit.err.contains("--name is longer than 200 characters"), "\(edit.err)")
        #expect(cli.run("patient", "edit", "P-0001", "--name", "Ann Example").status == 0)
    }
}
