import Foundation
import Testing
import KetaplanTestSupport

/// Whether `err` refuses `value` for `option` and lists every one of `accepted`, as
/// swift-argument-parser does for a fixed choice (`'a', 'b' or 'c'`, or one per line).
func refusesChoice(_ err: String, _ value: String, for option: String, accepting accepted: [String]) -> Bool {
    err.contains("The value '\(value)' is invalid for '\(option)")
        && accepted.allSatisfy { err.contains("'\($0)'") || err.contains("\n  - \($0)\n") || err.hasSuffix("\n  - \($0)") || err.contains("  - \($0)\n") }
}

/// Every screening item answered "no", as `screening set` arguments.
let allClear = ["aneurysmalVascularDisease", "arteriovenousMalformation", "intracerebralHaemorrhage", "hypersensitivity",
                "restingBPOver180Over100", "priorStroke", "uncontrolledHypertension", "psychosis", "substanceUseDisorder",
                "pregnancyOrBreastfeeding", "severeLiverImpairment", "cystitis", "raisedIntracranialPressure", "untreatedHyperthyroidism"].map { $0 + "=no" }

@Suite struct CommandLineTests {
    @Test func aClinicDayFromTheCommandLine() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let added = cli.run("patient", "add", "--name", "Zoë Exemplar", "--birth", "1980-04-12", "--weight", "70", "--height", "168",
                            "--sex", "female", "--condition", "trd")
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out == "P-0001\n")
        let plan = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05")
        #expect(plan.status == 0, "\(plan.err)")
        #expect(plan.out.contains("Plan created for P-0001: iv-ketamine-3x"))
        #expect(plan.out.contains("screening incomplete"))

        let shown = cli.run("plan", "show", "P-0001", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.prefix(6).map { $0["date"] as? String } == ["2026-01-05", "2026-01-07", "2026-01-09", "2026-01-12", "2026-01-14", "2026-01-16"])
        #expect(sessions.allSatisfy { ["induction", "continuation", "maintenance"].contains($0["phase"] as? String ?? "") })
        #expect(sessions[0]["status"] as? String == "planned")
        #expect(sessions[0]["plannedDoseMg"] as? Double == 35)
        #expect((sessions[0]["reason"] as? String)?.isEmpty == false)
        #expect(json["warnings"] is [[String: Any]])

        // Incomplete screening holds the first dose until every item is answered.
        let held = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82", "--monitored", "60")
        #expect(held.status != 0)
        #expect(held.err.contains("screening incomplete"))
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        let given = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82", "--monitored", "60")
        #expect(given.status == 0, "\(given.err)")
        let missed = cli.run("session", "record", "P-0001", "2026-01-07", "--status", "missed", today: "2026-01-07")
        #expect(missed.status == 0, "\(missed.err)")
        #expect(missed.out.contains("Recorded session 2 (2026-01-07) as missed."))
        #expect(missed.out.contains("session 3 2026-01-09 -> 2026-01-08"))
        let score = cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "18", "--date", "2026-01-04", today: "2026-01-07")
        #expect(score.status == 0, "\(score.err)")
        #expect(score.out.contains("Recorded PHQ-9 18 (moderately severe) on 2026-01-04."))

        let audit = String(decoding: cli.file("audit.jsonl") ?? Data(), as: UTF8.self)
        #expect(audit.contains("{\"dates\":[\"2026-01-07\"],\"ids\":[\"session-2\",\"missed\"],\"kind\":\"session-recorded\"}"))
        #expect(audit.contains("{\"dates\":[\"2026-01-09\",\"2026-01-08\"],\"ids\":[\"session-3\"],\"kind\":\"session-moved\"}"))
        #expect(audit.contains("{\"dates\":[\"2026-01-04\"],\"ids\":[\"phq9\"],\"kind\":\"score-added\"}"), "the score's kind and date, not its value")
        #expect(!audit.contains("Zoë"))
        #expect(cli.run("validate").status == 0)
        let paused = cli.run("plan", "status", "P-0001", "paused", "--note", "travelling", today: "2026-01-07")
        #expect(paused.status == 0, "\(paused.err)")
        #expect(paused.out.contains("Taken off the schedule:"))
        #expect(cli.run("plan", "status", "P-0001", "active", today: "2026-01-07").out.contains("Scheduled again:"))
        #expect(refusesChoice(cli.run("plan", "status", "P-0001", "sleeping").err, "sleeping", for: "<status>",
                              accepting: ["active", "paused", "completed", "discontinued"]))
        let list = cli.run("patients")
        #expect(list.out.contains("P-0001  Zoë Exemplar  iv-ketamine-3x"))
    }

    @Test func badInputIsRefusedAndChangesNothing() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("patient", "add", "--name", "Jane Doe", "--birth", "1980-04-12", "--weight", "70")
        cli.run("plan", "new", "P-0001", "--protocol", "esketamine-trd", "--start", "2026-01-05")
        let before = cli.file("patients/P-0001.json")
        let cases: [([String], String)] = [
            (["patient", "add", "--name", "X", "--birth", "1980-04-12", "--weight", "0"], "weight 0 kg is not plausible: enter kilograms between 30 and 300"),
            (["patient", "add", "--name", "X", "--birth", "1980-04-12", "--weight", "900"], "weight 900 kg is not plausible"),
            (["patient", "add", "--name", "X", "--birth", "1980-02-30", "--weight", "70"], "'1980-02-30' is not a real calendar day"),
            (["patient", "add", "--name", "X", "--birth", "12/04/1980", "--weight", "70"], "write it as YYYY-MM-DD"),
            (["patient", "add", "--name", "X", "--birth", "1980-04-12", "--weight", "70", "--id", "../etc"], "is not a valid patient id"),
            (["plan", "show", "P-0099"], "no patient 'P-0099'"),
            // The argument is parsed into a PatientID before any file is named after it.
            (["plan", "show", "../P-0001"], "'../P-0001' is not a valid patient id: use 1-64 ASCII letters"),
            (["session", "record", "P 0001", "1", "--status", "given"], "'P 0001' is not a valid patient id"),
            (["score", "add", "P-0001", "--instrument", "phq9", "--score", "30"], "PHQ-9 score 30 is outside the scale: enter a whole number from 0 to 27"),
            (["score", "add", "P-0001", "--instrument", "bdi", "--score", "3"], "The value 'bdi' is invalid for '--instrument <instrument>'. Please provide one of the following:\n  - phq9\n  - qids\n  - madrs\n  - gad7\n  - pcl5\n  - cssrs\n  - ymrs"),
            (["session", "record", "P-0001", "1", "--status", "given", "--dose", "70"], "dose 70 mg is not allowed: use 56, 84 mg (28 mg per device)"),
            (["session", "record", "P-0001", "1", "--status", "given", "--bp", "120-80"], "write SYSTOLIC/DIASTOLIC"),
            (["session", "record", "P-0001", "99", "--status", "given"], "no session '99'"),
            (["session", "record", "P-0001", "1", "--status", "done"], "Please provide one of 'given', 'missed', 'deferred' or 'cancelled'"),
            (["plan", "new", "P-0001", "--protocol", "nope", "--start", "2026-01-05"],
             "--protocol: no protocol 'nope': known protocols are esketamine-trd, esketamine-mdsi, iv-ketamine-3x, iv-ketamine-2x, im-ketamine-weekly"),
            // A typed ProtocolID: text that cannot be an id is refused before the clinic is read.
            (["plan", "new", "P-0001", "--protocol", "", "--start", "2026-01-05"], "The value '' is invalid for '--protocol <ID>'"),
            (["plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--maintenance", "weekly"], "is not a maintenance policy"),
            (["clinic", "set", "--chairs", "0"], "use 1-20000"),
            (["clinic", "set", "--open-days", "mon,funday"], "'funday' is not a weekday"),
        ]
        for (args, expected) in cases {
            let r = cli.run(args)
            #expect(r.status != 0, "\(args) should fail")
            #expect(r.err.contains(expected), "\(args): \(r.err)")
            #expect(r.out.isEmpty, "\(args) printed to stdout: \(r.out)")
        }
        #expect(cli.file("patients/P-0001.json") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.data + "/patients") == ["P-0001.json"])
        // The same commands with a valid id still work.
        #expect(cli.run("plan", "show", "P-0001").status == 0)
    }

    /// "No open day" is ClinicChange's rule: the command line refuses it in the settings
    /// form's words ("name at least one weekday"), not as a misspelt weekday.
    @Test func openDaysNamingNoDayIsRefusedInTheFormsWords() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("clinic", "set", "--chairs", "3").status == 0)
        let before = cli.file("clinic.json")
        for text in ["", ","] {
            let r = cli.run("clinic", "set", "--open-days", text)
            #expect(r.status != 0, "'\(text)' should be refused")
            #expect(r.err.contains("--open-days: name at least one weekday"), "'\(text)': \(r.err)")
            #expect(!r.err.contains("is not a weekday"), "'\(text)': \(r.err)")
        }
        #expect(cli.file("clinic.json") == before)
        // A misspelt day is still named as such, and a real list is accepted right after.
        #expect(cli.run("clinic", "set", "--open-days", "mon,funday").err.contains("'funday' is not a weekday"))
        let ok = cli.run("clinic", "set", "--open-days", "mon,thu")
        #expect(ok.status == 0, "\(ok.err)")
        #expect(cli.run("clinic", "show").out.contains("Open days:     mon,thu"))
    }

    @Test func demoIsReproducibleAndRefusesAFullFolder() throws {
        let a = CLI(), b = CLI()
        defer { a.cleanUp(); b.cleanUp() }
        #expect(a.run("demo", "--patients", "12", "--seed", "7").status == 0)
        #expect(b.run("demo", "--patients", "12", "--seed", "7").status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: a.data + "/patients").sorted()
        #expect(names.count == 12)
        for name in names {
            let x = try JSONSerialization.jsonObject(with: a.file("patients/" + name)!) as! [String: Any]
            let y = try JSONSerialization.jsonObject(with: b.file("patients/" + name)!) as! [String: Any]
            #expect(NSDictionary(dictionary: x["chart"] as! [String: Any]) == NSDictionary(dictionary: y["chart"] as! [String: Any]))
        }
        let again = a.run("demo")
        #expect(again.status != 0)
        #expect(again.err.contains("already holds 12 patients"))
        #expect(a.run("validate").status == 0)
    }

    @Test func aOnePatientDemoSaysOnePatient() {
        let one = CLI(), two = CLI()
        defer { one.cleanUp(); two.cleanUp() }
        #expect(one.run("demo", "--patients", "1").out.contains("Wrote a demo clinic with 1 patient to "))
        #expect(two.run("demo", "--patients", "2").out.contains("Wrote a demo clinic with 2 patients to "))
    }

    @Test func reviewsAndAcknowledgements() {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("patient", "add", "--name", "Jane Doe", "--birth", "1980-04-12", "--weight", "70")
        cli.run("score", "add", "P-0001", "--instrument", "cssrs", "--score", "4")
        let blocked = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05")
        #expect(blocked.status != 0)
        #expect(blocked.err.contains("positive C-SSRS screen"))
        let review = cli.run("review", "P-0001", "--kind", "suicide-screen", "--note", "seen; safety plan")
        #expect(review.status == 0, "\(review.err)")
        #expect(review.out.contains("review recorded: suicide-screen"))
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let bad = cli.run("review", "P-0001", "--kind", "sometimes")
        #expect(refusesChoice(bad.err, "sometimes", for: "--kind", accepting: ["futility", "suicide-screen", "end-of-induction", "screening:psychosis"]), "\(bad.err)")
        let notPresent = cli.run("review", "P-0001", "--kind", "screening:psychosis")
        #expect(notPresent.status != 0)
        #expect(notPresent.err.contains("is not recorded as present"))
    }

    @Test func validateReportsEveryBrokenFileAndFails() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("demo", "--patients", "3")
        let broken = Data("{\"schemaVersion\": 1, \"revision\": ".utf8)
        try broken.write(to: URL(fileURLWithPath: cli.data + "/patients/P-0002.json"))
        let r = cli.run("validate")
        #expect(r.status == 1)
        #expect(r.out.contains("/patients/P-0002.json: not valid JSON"))
        #expect(r.out.contains("1 problem found; 2 patient files valid."))
        #expect(cli.file("patients/P-0002.json") == broken)
        let record = cli.run("score", "add", "P-0002", "--instrument", "phq9", "--score", "3")
        #expect(record.status != 0)
        #expect(record.err.contains("P-0002.json: not valid JSON"))
        #expect(cli.file("patients/P-0002.json") == broken)
    }

    @Test func theScreenNeedsATerminalAndSaysSo() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let r = cli.run([])
        #expect(r.status != 0)
        #expect(r.err.contains("ketaplan's screen needs a terminal"))
        #expect(r.err.contains("use a subcommand instead"))
    }

    @Test func everyCommandHasHelp() {
        let cli = CLI()
        defer { cli.cleanUp() }
        for command in [["demo"], ["clinic", "show"], ["clinic", "set"], ["protocols"], ["patients"], ["patient", "add"], ["plan", "new"],
                        ["plan", "show"], ["plan", "status"], ["session", "record"], ["score", "add"], ["validate"], ["review"], ["print"], ["export"],
                        ["screening", "show"], ["screening", "set"], ["patient", "edit"], ["session", "move"], ["plan", "maintenance"]] {
            let r = cli.run(command + ["--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.out.contains("USAGE: ketaplan \(command.joined(separator: " "))"), "\(command): \(r.out)")
        }
    }

    @Test func clinicClosureReplansAndSaysSo() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("patient", "add", "--name", "Jane Doe", "--birth", "1980-04-12", "--weight", "70")
        cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05")
        let r = cli.run("clinic", "set", "--closed", "2026-01-07")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Clinic updated: closed 2026-01-07"))
        #expect(r.out.contains("P-0001 Jane Doe: session 2 2026-01-07 -> 2026-01-08"))
        let show = cli.run("clinic", "show")
        #expect(show.out.contains("Closed dates:  2026-01-07"))
    }
}

@Suite struct PrintAndExportCommandTests {
    @Test func printAndExportFromTheCommandLine() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("demo", "--patients", "6").status == 0)
        let summary = cli.run("print", "P-0001")
        #expect(summary.status == 0, "\(summary.err)")
        #expect(summary.out.contains("page 1 of"))
        #expect(summary.out.split(separator: "\n").allSatisfy { $0.replacingOccurrences(of: "\u{0C}", with: "").count <= 80 })
        let markdown = cli.run("print", "P-0001", "--format", "markdown")
        #expect(markdown.out.hasPrefix("# Plan summary: Zoë Exemplar (P-0001)"))
        // Written beside the data folder: inside it, only exports/ takes printouts.
        let handout = cli.run("print", "P-0001", "--handout", "--output", cli.data + "-handout.txt")
        #expect(handout.status == 0, "\(handout.err)")
        #expect(String(decoding: FileManager.default.contents(atPath: cli.data + "-handout.txt") ?? Data(), as: UTF8.self).contains("Your treatment dates"))
        let ics = cli.run("export", "P-0001", "--format", "ics")
        #expect(ics.out.hasPrefix("BEGIN:VCALENDAR\r\n"))
        let all = cli.run("export", "--all", "--format", "csv")
        #expect(all.out.hasPrefix("patient_id,session_number,date"))
        #expect(Set(all.out.split(separator: "\r\n").dropFirst().map { $0.prefix(6) }).count == 6)
        let fhir = cli.run("export", "P-0002", "--format", "fhir")
        #expect(fhir.out.contains("\"resourceType\" : \"Bundle\""))
    }

    @Test func badRequestsSayWhatIsAccepted() {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("demo", "--patients", "2")
        let cases: [([String], String)] = [
            (["export", "P-0001", "--format", "pdf"], "Please provide one of 'ics', 'csv' or 'fhir'"),
            (["export", "--format", "ics"], "name one PATIENT or give --all"),
            (["print", "P-0001", "--format", "html"], "'text', 'markdown' or 'pdf'"),
            (["print", "P-0001", "--format", "pdf"], "give --output FILE.pdf"),
            (["print", "P-0001", "--lp", "--format", "markdown"], "--lp prints the page layout itself"),
            (["print", "P-0001", "--printer", "front-desk"], "--printer chooses where --lp prints: add --lp"),
            (["print", "P-0001", "--lp", "--printer", "front desk"], "is not a CUPS printer name"),
            (["print", "P-0001", "--handout", "--format", "markdown"], "the handout is text or pdf"),
            (["clinic", "set", "--printer", "a/b"], "is not a CUPS printer name"),
            (["clinic", "set", "--paper", "a5"], "'a4', 'letter' or 'default'"),
            (["print", "P-0009"], "no patient 'P-0009'"),
        ]
        for (args, expected) in cases {
            let r = cli.run(args)
            #expect(r.status != 0)
            #expect(r.err.contains(expected), "\(args): \(r.err)")
        }
        // Without lp installed, --lp says so and prints nothing.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["print", "P-0001", "--lp", "--data", cli.data, "--today", "2026-01-05"]
        process.environment = ["PATH": "/nonexistent", "HOME": NSTemporaryDirectory()]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try! process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("no lp command is installed"))
    }
}
