import Foundation
import KetaplanTestSupport
import Testing

/// The command line of issue 9: primary scales, scores after the dose, titration, and the
/// esketamine label rules, on the real binary.
@Suite struct CourseCommandTests {
    /// A TRD patient with an IV series from Monday 5 January 2026.
    func ivPatient(_ cli: CLI, maintenance: String = "fixed:14") -> String {
        let id = cli.run("patient", "add", "--name", "Ada Test", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        cli.run(["screening", "set", id] + allClear)  // an incomplete screening holds the first dose
        cli.run("plan", "new", id, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--maintenance", maintenance)
        return id
    }

    @Test func primaryScaleIsSetAndRefusedWhenUnknown() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let id = ivPatient(cli)
        let bad = cli.run("patient", "set", id, "--primary-scale", "cssrs")
        #expect(bad.status != 0)
        #expect(refusesChoice(bad.err, "cssrs", for: "--primary-scale", accepting: ["phq9", "qids", "madrs", "gad7", "pcl5", "default"]), "\(bad.err)")
        let ok = cli.run("patient", "set", id, "--primary-scale", "madrs")
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.contains("Primary scale of \(id): MADRS; response counts on MADRS, PHQ-9, QIDS-SR16"))
        let back = cli.run("patient", "set", id, "--primary-scale", "default")
        #expect(back.out.contains("PHQ-9 (the condition's default)"))
    }

    /// `score add --after-dose` records that the score was taken after that day's dose.
    @Test func scoresOnADosingDayCountBeforeTheDose() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let id = ivPatient(cli)
        cli.run("score", "add", id, "--instrument", "phq9", "--score", "20", "--date", "2026-01-02")
        for (n, d) in [(1, "2026-01-05"), (2, "2026-01-07"), (3, "2026-01-09"), (4, "2026-01-12"), (5, "2026-01-14"), (6, "2026-01-16"), (7, "2026-01-30")] {
            let r = cli.run(["session", "record", id, String(n), "--status", "given", "--bp", "124/78"], today: d)
            #expect(r.status == 0, "\(r.err)")
            if n == 6 { #expect(cli.run(["score", "add", id, "--instrument", "phq9", "--score", "6"], today: d).status == 0) }
        }
        let after = cli.run(["score", "add", id, "--instrument", "phq9", "--score", "13", "--after-dose"], today: "2026-01-30")
        #expect(after.out.contains("Recorded PHQ-9 13 (moderate) on 2026-01-30, after that day's dose."))
        let stored = String(decoding: try #require(cli.file("patients/\(id).json")), as: UTF8.self)
        #expect(stored.contains("\"afterDose\":true"))
        // Scored before the dose instead, the same score would not be flagged as a relapse
        // seen after the last dose; after it, it is.
        let show = cli.run(["plan", "show", id], today: "2026-01-31")
        #expect(show.out.contains("PHQ-9 13 on 2026-01-30 shows relapse"))
    }

    /// Issue example on the binary: titrate esketamine to 84 mg from session 2; the record
    /// without --dose stores 84, `plan show` and the handout show it; a day-1 84 mg needs
    /// --override.
    @Test func titrationAndTheStartingDose() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let id = cli.run("patient", "add", "--name", "Esk Test", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        cli.run(["screening", "set", id] + allClear)
        #expect(cli.run("plan", "new", id, "--protocol", "esketamine-trd", "--start", "2026-01-05").status == 0)
        let day1 = cli.run("session", "record", id, "1", "--status", "given", "--dose", "84", "--bp", "124/78", "--monitored", "120")
        #expect(day1.status != 0)
        #expect(day1.err.contains("the course's first dose must be the label's starting dose of 56 mg, not 84 mg"))
        #expect(cli.run("session", "record", id, "1", "--status", "given", "--bp", "124/78", "--monitored", "120").status == 0)
        let bad = cli.run("plan", "dose", id, "--from", "2", "--mg", "70")
        #expect(bad.status != 0 && bad.err.contains("dose 70 mg is not allowed: use 56, 84 mg"))
        let perKg = cli.run("plan", "dose", id, "--from", "2", "--mg-per-kg", "1")
        #expect(perKg.status != 0 && perKg.err.contains("this protocol doses in fixed milligrams; use --mg"))
        let dose = cli.run("plan", "dose", id, "--from", "2", "--mg", "84", "--note", "partial response")
        #expect(dose.status == 0, "\(dose.err)")
        #expect(dose.out.contains("Planned dose of \(id) is 84 mg from session 2 (2026-01-07) on, every later session included."))
        #expect(dose.out.contains("session 2 planned dose 56 -> 84 mg"))
        // The tester's repro: 56 mg from session 4, then 84 mg from session 3: sessions 3
        // on are 84 mg, and the output names the titration it replaces.
        #expect(cli.run("plan", "dose", id, "--from", "4", "--mg", "56").status == 0)
        let back = cli.run("plan", "dose", id, "--from", "3", "--mg", "84")
        #expect(back.status == 0, "\(back.err)")
        #expect(back.out.contains("Replaces the titration to 56 mg from session 4 (2026-01-14), set on 2026-01-05 by"))
        #expect(back.out.contains("session 4 planned dose 56 -> 84 mg"))
        // A coming change is said on the handout and in plan show, not only the current dose.
        #expect(cli.run("plan", "dose", id, "--from", "5", "--mg", "56").status == 0)
        let coming = cli.run(["print", id, "--handout"], today: "2026-01-06").out
        #expect(coming.contains("Your dose: 84 mg, since 7 January 2026; then 56 mg from 19\n  January 2026."), "\(coming)")
        #expect(cli.run(["plan", "show", id], today: "2026-01-06").out.contains("Dose change: 56 mg from session 5 (2026-01-19)"))
        #expect(cli.run("plan", "dose", id, "--from", "5", "--mg", "84").status == 0)
        let second = cli.run(["session", "record", id, "2", "--status", "given", "--bp", "124/78", "--monitored", "120"], today: "2026-01-07")
        #expect(second.status == 0, "\(second.err)")
        let show = cli.run(["plan", "show", id], today: "2026-01-08")
        #expect(show.out.contains("Dose:        84 mg since session 2 (2026-01-07), set to 84 mg on 2026-01-05 by"))
        #expect(show.out.contains("2026-01-07  Wed  induction     84 mg  given"))
        let handout = cli.run(["print", id, "--handout"], today: "2026-01-08")
        #expect(handout.out.contains("Your dose: 84 mg, since"))
    }

    /// Issue examples on the binary: a stretched induction is said before saving and saved
    /// only when accepted; full chairs can be booked over capacity (plan show and the
    /// agenda's data say so); --days mon is refused naming days that would do.
    @Test func inductionWindowsOverCapacityAndPatientDays() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        func patient(_ name: String) -> String {
            let id = cli.run("patient", "add", "--name", name, "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").out
                .trimmingCharacters(in: .whitespacesAndNewlines)
            cli.run(["screening", "set", id] + allClear)
            return id
        }
        let first = patient("First Patient")
        let second = patient("Second Patient")
        #expect(cli.run("clinic", "set", "--chairs", "1").status == 0)
        // The first patient takes the only chair Mon/Wed/Fri for two weeks.
        #expect(cli.run("plan", "new", first, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let days = cli.run("plan", "new", second, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--days", "mon")
        #expect(days.status != 0 && days.err.contains("cannot hold the induction's 3 sessions a week at least 2 days apart: choose days that can, e.g. mon,wed,fri"))
        let refused = cli.run("plan", "new", second, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--days", "mon,wed,fri")
        #expect(refused.status != 0)
        #expect(refused.err.contains("not saved: induction laid over"))
        #expect(refused.err.contains("all chairs booked 2026-01-05"))
        #expect(refused.err.contains("--accept-long-induction") && refused.err.contains("--over-capacity"))
        #expect(cli.run("plan", "show", second).err.contains("no plan"))
        let over = cli.run("plan", "new", second, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--days", "mon,wed,fri", "--over-capacity")
        #expect(over.status == 0, "\(over.err)")
        #expect(over.out.contains("Booked over capacity: 2026-01-05, 2026-01-07, 2026-01-09, 2026-01-12, 2026-01-14, 2026-01-16"))
        #expect(cli.run("plan", "show", second).out.contains("planned (over capacity)"))
        let json = String(decoding: try #require(cli.file("patients/\(second).json")), as: UTF8.self)
        #expect(json.contains("\"overCapacity\":true") && json.contains("\"bookOverCapacity\":true"))
        // Accepting the stretch saves it as laid out, with the warning on the plan.
        let third = patient("Third Patient")
        let accepted = cli.run("plan", "new", third, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--accept-long-induction")
        #expect(accepted.status == 0, "\(accepted.err)")
        #expect(accepted.out.contains("! caution: induction laid over"))
    }

    /// The day-1 override is recorded with its reason (refused without one, just above).
    @Test func aStartingDoseOverrideIsRecorded() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let id = cli.run("patient", "add", "--name", "Esk Override", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd").out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        cli.run(["screening", "set", id] + allClear)
        #expect(cli.run("plan", "new", id, "--protocol", "esketamine-trd", "--start", "2026-01-05").status == 0)
        let r = cli.run("session", "record", id, "1", "--status", "given", "--dose", "84", "--bp", "124/78", "--monitored", "120",
                        "--override", "continuing a course begun at another clinic")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("First dose other than the label's starting dose, by the clinician's decision: continuing a course begun at another clinic"))
        #expect(!r.out.contains("the reason was not recorded"))
        #expect(cli.run("plan", "show", id).out.contains("first dose 84 mg instead of the label's starting dose"))
    }
}
