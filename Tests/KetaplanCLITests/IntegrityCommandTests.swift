import Foundation
import KetaplanTestSupport
import Testing

/// Issue #10 on the real binary: each test names the item it proves.
@Suite struct IntegrityCommandTests {
    func clinicWithOnePatient(chairs: Int = 4) -> CLI {
        let cli = CLI()
        #expect(cli.run("clinic", "set", "--chairs", String(chairs)).status == 0)
        #expect(cli.run("patient", "add", "--name", "Zoë Exemplar", "--birth", "1980-04-12", "--weight", "70").status == 0)
        return cli
    }

    // Item 1: a damaged clinic.json is never replaced by defaults.
    @Test func aDamagedClinicFileRefusesWritesAndStaysAsItWas() throws {
        let cli = clinicWithOnePatient()
        defer { cli.cleanUp() }
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let path = cli.data + "/clinic.json"
        let damaged = Data(try #require(cli.file("clinic.json")).prefix(100))
        try damaged.write(to: URL(fileURLWithPath: path))
        let patient = cli.file("patients/P-0001.json")
        let score = cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "4")
        #expect(score.status != 0)
        #expect(score.err.contains("clinic.json: not valid JSON") && score.err.contains("left untouched"), "\(score.err)")
        let set = cli.run("clinic", "set", "--chairs", "3")
        #expect(set.status != 0 && set.err.contains("clinic.json"))
        #expect(cli.file("clinic.json") == damaged)
        #expect(cli.file("patients/P-0001.json") == patient)
    }

    // Tester's F11: a clinic.json removed from a folder with patients is a clinic that
    // cannot be read, not the defaults; `clinic init` writes the defaults back on purpose.
    @Test func aMissingClinicFileInAFolderWithPatientsIsNotTheDefaults() throws {
        let cli = clinicWithOnePatient(chairs: 2)
        defer { cli.cleanUp() }
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        try FileManager.default.removeItem(atPath: cli.data + "/clinic.json")
        let patient = cli.file("patients/P-0001.json")
        for args in [["clinic", "show"], ["validate"], ["score", "add", "P-0001", "--instrument", "phq9", "--score", "4"],
                     ["clinic", "set", "--chairs", "3"], ["patient", "add", "--name", "New Patient", "--birth", "1980-01-01", "--weight", "70"]] {
            let run = cli.run(args)
            #expect(run.status != 0, "\(args)")
            #expect((run.out + run.err).contains("clinic.json is missing") && (run.out + run.err).contains("clinic init"), "\(args): \(run.out) \(run.err)")
        }
        #expect(cli.file("clinic.json") == nil && cli.file("patients/P-0001.json") == patient)

        let initRun = cli.run("clinic", "init")
        #expect(initRun.status == 0 && initRun.out.contains("clinic.json written with the default settings"), "\(initRun.out) \(initRun.err)")
        #expect(cli.run("clinic", "show").out.contains("Chairs:        4 per day"))
        #expect(cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "4").status == 0)
    }

    // Tester's F7/F7b: `clinic set` never says "re-planned" in silence while a patient file
    // cannot be read; `validate` lists what that patient keeps on the closed day.
    @Test func aClinicChangeNamesEveryPatientItCouldNotReadAndValidateFindsTheirClosedDays() throws {
        let cli = clinicWithOnePatient()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Ann Second", "--birth", "1980-04-12", "--weight", "70").status == 0)
        for id in ["P-0001", "P-0002"] {
            #expect(cli.run("plan", "new", id, "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        }
        #expect(cli.run("validate").status == 0)
        let good = try #require(cli.file("patients/P-0002.json"))
        let newer = Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\":1", with: "\"schemaVersion\":7").utf8)
        try newer.write(to: URL(fileURLWithPath: cli.data + "/patients/P-0002.json"))

        let set = cli.run("clinic", "set", "--closed", "2026-01-07")
        #expect(set.status != 0)
        #expect(set.out.contains("closed 2026-01-07; re-planned 1 plan; 1 patient file could not be read and was not re-planned"), "\(set.out)")
        #expect(set.err.contains("Not re-planned, as the file could not be read: ") && set.err.contains("patients/P-0002.json: written by a newer ketaplan"), "\(set.err)")
        #expect(set.err.contains("`ketaplan validate` lists any session left on a day the clinic is closed"), "\(set.err)")
        #expect(cli.file("patients/P-0002.json") == newer, "the unread file is left untouched")

        try good.write(to: URL(fileURLWithPath: cli.data + "/patients/P-0002.json"))
        let found = cli.run("validate")
        #expect(found.status != 0)
        let closedDay = found.out.split(separator: "\n").filter { $0.contains("2026-01-07, a date the clinic is closed") }
        #expect(closedDay.count == 1 && closedDay.first?.hasPrefix("P-0002: session 2 is planned on") == true, "\(found.out)")
        // Moved off the closed day (next to session 3, so by the clinician's choice).
        #expect(cli.run("session", "move", "P-0002", "2026-01-07", "--to", "2026-01-08", "--despite").status == 0)
        let after = cli.run("validate")
        #expect(!after.out.contains("a date the clinic is closed") && after.status == 0, "\(after.out)")
    }

    // Item 2: dates outside 1900-2199 and implausible births are refused at input; a plan
    // that would run past 2199 is refused before anything is written.
    @Test func datesTheFormatCannotHoldAreRefused() throws {
        let cli = clinicWithOnePatient()
        defer { cli.cleanUp() }
        let far = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "9999-12-20")
        #expect(far.status != 0 && far.err.contains("1900-01-01 to 2199-12-31"), "\(far.err)")
        let edge = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2199-12-20")
        #expect(edge.status != 0 && edge.err.contains("would run past 2199-12-31") && edge.err.contains("give an earlier start date"), "\(edge.err)")
        let old = cli.run("patient", "add", "--name", "Old", "--birth", "1800-01-01", "--weight", "70")
        #expect(old.status != 0 && old.err.contains("1900-01-01 to 2199-12-31"))
        let implausible = cli.run("patient", "add", "--name", "Old", "--birth", "1901-01-01", "--weight", "70")
        #expect(implausible.status != 0 && implausible.err.contains("older than 120"), "\(implausible.err)")
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let deferred = cli.run("session", "record", "P-0001", "1", "--status", "deferred", "--defer-until", "9999-12-31")
        #expect(deferred.status != 0 && deferred.err.contains("--defer-until"), "\(deferred.err)")
        #expect(cli.run("validate").status == 0)
        #expect(cli.run("plan", "show", "P-0001").status == 0)
    }

    // Item 4: eight plans made at once on a one-chair clinic never overbook a day.
    @Test func plansMadeAtOnceNeverOverbook() async throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("clinic", "set", "--chairs", "1").status == 0)
        for n in 1...8 { #expect(cli.run("patient", "add", "--name", "Patient \(n)", "--birth", "1980-04-12", "--weight", "70").status == 0) }
        let results = await withTaskGroup(of: CLI.Result.self) { group in
            for n in 1...8 {
                group.addTask { cli.run("plan", "new", String(format: "P-%04d", n), "--protocol", "iv-ketamine-3x", "--start", "2026-01-05", "--accept-long-induction") }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.contains { $0.status == 0 })
        // A plan laid out against chairs another saved meanwhile is refused under the lock.
        for r in results where r.status != 0 { #expect(r.err.contains("already full") && r.err.contains("nothing was written"), "\(r.err)") }
        let validate = cli.run("validate")
        #expect(validate.status == 0, "\(validate.out)")
    }

    // Item 5: control characters are refused at input and never reach the terminal.
    @Test func controlCharactersNeverReachTheTerminal() throws {
        let cli = clinicWithOnePatient()
        defer { cli.cleanUp() }
        let refused = cli.run("patient", "add", "--name", "Evil\u{1B}]0;pwned\u{07}", "--birth", "1980-04-12", "--weight", "70")
        #expect(refused.status != 0 && refused.err.contains("--name holds the control character ^["), "\(refused.err)")
        // A bidi override is refused the same way (tester's F10); the plain name right after is saved.
        let bidi = cli.run("patient", "add", "--name", "Bidi\u{202E}Test", "--birth", "1980-04-12", "--weight", "70")
        #expect(bidi.status != 0 && bidi.err.contains("--name holds the invisible format character <202E>"), "\(bidi.err)")
        #expect(cli.run("patient", "add", "--name", "Bidi Test", "--birth", "1980-04-12", "--weight", "70").status == 0)
        let note = cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05")
        #expect(note.status == 0)
        #expect(cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "4", "--note", "line one\nline two").status == 0)
        // A file written by an older ketaplan (or by hand) may hold them: shown inert.
        let path = cli.data + "/patients/P-0001.json"
        let text = String(decoding: try #require(cli.file("patients/P-0001.json")), as: UTF8.self)
            .replacingOccurrences(of: "Zoë Exemplar", with: "Zoë\\u001b]0;pwned\\u0007\\u001b[2J\\rX\\u009b")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for args in [["patients"], ["plan", "show", "P-0001"], ["print", "P-0001"], ["export", "P-0001", "--format", "csv"], ["export", "P-0001", "--format", "ics"], ["export", "P-0001", "--format", "fhir"]] {
            let r = cli.run(args)
            #expect(r.status == 0, "\(args): \(r.err)")
            // CSV and iCalendar end lines with CR LF by their standards; no other control may appear.
            let plain = r.out.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(!plain.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x9B }, "\(args): \(r.out.debugDescription)")
        }
        #expect(cli.run("patients").out.contains("Zoë^[]0;pwned^G^[[2J^MX<9B>"))
        // validate names the file and the field (tester's F17), and is well once corrected.
        let found = cli.run("validate")
        #expect(found.status != 0 && found.out.contains(path + #": field "name" at line 1 holds the control character ^["#), "\(found.out)")
        #expect(cli.run("patient", "edit", "P-0001", "--name", "Zoë Exemplar").status == 0)
        #expect(cli.run("validate").status == 0)
        let index = String(decoding: cli.file("index.tsv") ?? cli.file("index-journal.tsv") ?? Data(), as: UTF8.self)
        #expect(!index.unicodeScalars.contains { $0 == "\r" })
    }

    // Item 6: a folder that does not exist is not "All well".
    @Test func aMissingFolderIsAProblem() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let validate = cli.run("validate")
        #expect(validate.status != 0 && validate.out.contains("there is no such folder"), "\(validate.out)")
        let patients = cli.run("patients")
        #expect(patients.status != 0 && patients.err.contains("there is no such folder"))
        #expect(cli.run("patient", "add", "--name", "First", "--birth", "1980-04-12", "--weight", "70").status == 0)
        #expect(cli.run("validate").status == 0)
    }

    // Item 7: --data may be a symbolic link to a folder.
    @Test func theDataFolderMayBeALink() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        let real = cli.data + "-real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: cli.data, withDestinationPath: real)
        let added = cli.run("patient", "add", "--name", "Linked", "--birth", "1980-04-12", "--weight", "70")
        #expect(added.status == 0, "\(added.err)")
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        #expect(FileManager.default.fileExists(atPath: real + "/patients/P-0001.json"))
    }

    // Item 12: numbers are plain decimal.
    @Test func hexadecimalNumbersAreRefused() {
        let cli = clinicWithOnePatient()
        defer { cli.cleanUp() }
        #expect(cli.run("plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").status == 0)
        let hex = cli.run("session", "record", "P-0001", "1", "--status", "given", "--dose", "0x1E", "--bp", "120/80", "--bp-40", "130/84")
        #expect(hex.status != 0 && hex.err.contains("'0x1E' is not a plain decimal number"), "\(hex.err)")
        #expect(cli.run("patient", "add", "--name", "W", "--birth", "1980-04-12", "--weight", "7e1").status != 0)
        #expect(cli.run("patient", "add", "--name", "W", "--birth", "1980-04-12", "--weight", "0x46").err.contains("'0x46' is not a plain decimal number"))
        let plain = cli.run("patient", "add", "--name", "W", "--birth", "1980-04-12", "--weight", "70.5")
        #expect(plain.status == 0, "\(plain.err)\(plain.out)")
    }
}

/// Issue #10 item 8: an export never replaces a chart, and replaces a file only when asked.
@Suite struct ExportOutputTests {
    @Test func anExportIsNeverWrittenIntoTheDataFolder() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "One", "--birth", "1980-04-12", "--weight", "70").status == 0)
        #expect(cli.run("patient", "add", "--name", "Two", "--birth", "1980-04-12", "--weight", "70").status == 0)
        let chart = cli.file("patients/P-0002.json")
        for target in [cli.data + "/patients/P-0002.json", cli.data + "/../data/clinic.json", cli.data + "/audit.jsonl"] {
            let r = cli.run("export", "P-0001", "--format", "csv", "--output", target, "--force")
            #expect(r.status != 0 && r.err.contains("is inside the data folder"), "\(target): \(r.err)")
        }
        #expect(cli.file("patients/P-0002.json") == chart)
        let print = cli.run("print", "P-0001", "--output", cli.data + "/patients/P-0002.json")
        #expect(print.status != 0 && print.err.contains("is inside the data folder"))
        // Allowed right after: the exports folder ketaplan proposes, and a file elsewhere.
        try FileManager.default.createDirectory(atPath: cli.data + "/exports", withIntermediateDirectories: true)
        #expect(cli.run("export", "P-0001", "--format", "csv", "--output", cli.data + "/exports/one.csv").status == 0)
        #expect(cli.run("validate").status == 0)
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "One", "--birth", "1980-04-12", "--weight", "70").status == 0)
        let target = cli.data + "-out.csv"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let refused = cli.run("export", "P-0001", "--format", "csv", "--output", target)
        #expect(refused.status != 0 && refused.err.contains("already exists; add --force to replace it"), "\(refused.err)")
        #expect(FileManager.default.contents(atPath: target) == Data("keep me".utf8))
        let forced = cli.run("export", "P-0001", "--format", "csv", "--output", target, "--force")
        #expect(forced.status == 0, "\(forced.err)")
        #expect(String(decoding: FileManager.default.contents(atPath: target) ?? Data(), as: UTF8.self).hasPrefix("patient"))
        try? FileManager.default.removeItem(atPath: target)
    }
}
