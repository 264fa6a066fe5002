import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanStore
import KetaplanTestSupport
import KetaplanUI
@testable import KetaplanTerminal

/// The command line and the screen apply the same edit the same way: each edit is made
/// once with the `ketaplan` binary and once with keys through the reducer and the
/// terminal's effect runner (as the running UI does), on identical data folders, and the
/// chart files and audit lines must be byte for byte the same. The only bytes allowed to
/// differ are the wall-clock instants the store stamps a save with (`savedAt`, the audit
/// line's `time`): the two paths run at different moments by design.
@Suite(.serialized) struct FrontEndParityTests {
    /// Two identical data folders (command line, screen) with one patient (P-0001, all
    /// screening answered "no") planned on iv-ketamine-3x from 2026-01-05 unless `plan`
    /// is false, after the `setup` commands.
    struct Folders {
        let root: String
        var cli: String { root + "/cli" }
        var screen: String { root + "/screen" }

        init(plan: Bool = true, setup commands: [[String]] = []) throws {
            var bytes = Array((NSTemporaryDirectory() + "ketaplan-parity-XXXXXX").utf8CString)
            let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            root = String(cString: made!)
            let setup = CLI(data: root + "/setup")
            var steps = [["patient", "add", "--name", "Ann Parity", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd"],
                         ["screening", "set", "P-0001"] + ScreeningItem.allCases.map { $0.rawValue + "=no" }]
            if plan { steps.append(["plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05"]) }
            for step in steps + commands { try FrontEndParityTests.run(step, on: setup) }
            try FileManager.default.copyItem(atPath: setup.data, toPath: cli)
            try FileManager.default.copyItem(atPath: setup.data, toPath: screen)
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a command with the command-line tests' runner; a failure is an error.
    static func run(_ args: [String], on cli: CLI, today: String = "2026-01-05") throws {
        let result = cli.run(args, today: today)
        guard result.status == 0 else { throw CommandFailed(description: "ketaplan \(args.joined(separator: " ")): \(result.err)") }
    }

    /// The screen on a data folder: keys go through the reducer, and its effects through
    /// the terminal's effect runner on a real store, exactly as `TerminalApp` runs them.
    struct Screen {
        var state: AppState
        let runner: EffectRunner

        init(data: String, today: String = "2026-01-05") throws {
            let store = ClinicStore(folder: DataFolder(path: data))
            let snapshot = store.loadSummaries()
            state = AppState(today: try CalendarDay(iso: today), clinic: snapshot.clinic, summaries: [], problems: [],
                             width: 120, height: 40, glyphs: .plain, user: store.user)
            _ = Reducer.reduce(&state, .summariesLoaded(snapshot))
            runner = EffectRunner(store: store, recovery: RecoveryFile(folder: store.folder, user: store.user))
        }

        mutating func press(_ keys: [Key]) {
            for key in keys {
                var queue = [Action.key(key)]
                TerminalApp.runAll(&queue, &state, runner)
            }
        }

        mutating func type(_ text: String) { press(text.map { Key.char($0) }) }

        /// Tabs to the open form's `key` field (at most once round the form).
        mutating func focus(_ key: FormKey) {
            for _ in 0..<60 {
                guard let form = state.form, !form.fields.indices.contains(form.focus) || form.fields[form.focus].key != key else { return }
                press([.tab])
            }
        }
    }

    /// The patient file with its save instant blanked.
    static func chartFile(_ data: String, patient: String = "P-0001") -> String {
        let text = String(decoding: FileManager.default.contents(atPath: data + "/patients/\(patient).json") ?? Data(), as: UTF8.self)
        return text.replacingOccurrences(of: #""savedAt":"[^"]*""#, with: #""savedAt":"-""#, options: .regularExpression)
    }

    /// clinic.json as saved (it carries no instant).
    static func clinicFile(_ data: String) -> String {
        String(decoding: FileManager.default.contents(atPath: data + "/clinic.json") ?? Data(), as: UTF8.self)
    }

    /// The audit log's lines with their instants blanked.
    static func auditLines(_ data: String) -> [String] {
        String(decoding: FileManager.default.contents(atPath: data + "/audit.jsonl") ?? Data(), as: UTF8.self)
            .split(separator: "\n").map { $0.replacingOccurrences(of: #""time":"[^"]*""#, with: #""time":"-""#, options: .regularExpression) }
    }

    /// Where two texts first differ, with some context from each (command line | screen).
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a), y = Array(b)
        let i = zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)
        let from = max(0, i - 60)
        return "at character \(i): command line …\(String(x[from..<min(x.count, i + 60)]))… | screen …\(String(y[from..<min(y.count, i + 60)]))…"
    }

    /// Applies one edit both ways and compares what was saved.
    /// `folders` as `Folders`; `patient` is the chart compared; `open` opens P-0001's
    /// screen before the keys (else they start on the overview); `clinic` compares
    /// clinic.json too, and expects the edit to change it.
    func expectSame(cli args: [String], today: String = "2026-01-05", plan: Bool = true, setup: [[String]] = [], patient: String = "P-0001",
                    open: Bool = true, clinic: Bool = false, screen keys: (inout Screen) -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folders = try Folders(plan: plan, setup: setup)
        defer { folders.cleanUp() }
        let before = Self.chartFile(folders.cli, patient: patient)
        let clinicBefore = Self.clinicFile(folders.cli)
        try Self.run(args, on: CLI(data: folders.cli), today: today)
        var screen = try Screen(data: folders.screen, today: today)
        if open { screen.press([.enter]) }
        keys(&screen)
        #expect(screen.state.message?.kind == .success, "the screen did not save: \(String(describing: screen.state.message)) \(String(describing: screen.state.openForm?.error))",
                sourceLocation: sourceLocation)
        let fromCLI = Self.chartFile(folders.cli, patient: patient)
        #expect(fromCLI != before, "the command changed nothing", sourceLocation: sourceLocation)
        let fromScreen = Self.chartFile(folders.screen, patient: patient)
        #expect(fromCLI == fromScreen, "chart files differ: \(Self.firstDifference(fromCLI, fromScreen))", sourceLocation: sourceLocation)
        #expect(Self.auditLines(folders.cli) == Self.auditLines(folders.screen), sourceLocation: sourceLocation)
        if clinic {
            let cliClinic = Self.clinicFile(folders.cli), screenClinic = Self.clinicFile(folders.screen)
            #expect(cliClinic != clinicBefore, "the command did not change clinic.json", sourceLocation: sourceLocation)
            #expect(cliClinic == screenClinic, "clinic.json differs: \(Self.firstDifference(cliClinic, screenClinic))", sourceLocation: sourceLocation)
        }
    }

    @Test func recordingASessionGiven() throws {
        try expectSame(cli: ["session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82"]) { screen in
            screen.press([.char("r"), .tab, .tab])
            screen.type("128/82")
            screen.press([.enter])
        }
    }

    @Test func recordingASessionMissed() throws {
        try expectSame(cli: ["session", "record", "P-0001", "1", "--status", "missed"]) { screen in
            screen.press([.char("r"), .right])
            screen.press([.enter])
        }
    }

    @Test func addingAScore() throws {
        try expectSame(cli: ["score", "add", "P-0001", "--instrument", "phq9", "--score", "14"]) { screen in
            screen.press([.char("s"), .tab, .tab])
            screen.type("14")
            screen.press([.enter])
        }
    }

    @Test func titratingFromASession() throws {
        try expectSame(cli: ["plan", "dose", "P-0001", "--from", "2", "--mg", "42"]) { screen in
            screen.press([.down, .char("d"), .backspace, .backspace])
            screen.type("42")
            screen.press([.enter])
        }
    }

    @Test func movingASession() throws {
        // Session 6 (Fri 2026-01-16) to Mon 2026-01-19: no rule broken, maintenance follows it.
        try expectSame(cli: ["session", "move", "P-0001", "6", "--to", "2026-01-19"]) { screen in
            // The move screen starts on the session's day; Monday is three days on.
            screen.press(Array(repeating: Key.down, count: 5) + [.char("m"), .right, .right, .right, .enter])
        }
    }

    @Test func recordingANewWeight() throws {
        try expectSame(cli: ["patient", "edit", "P-0001", "--weight", "72"]) { screen in
            screen.press([.char("e"), .tab, .tab, .tab, .backspace, .backspace])
            screen.type("72")
            screen.press([.enter])
        }
    }

    @Test func settingAScreeningAnswer() throws {
        // substanceUseDisorder is the 9th screening item: the form's 17th field.
        try expectSame(cli: ["screening", "set", "P-0001", "substanceUseDisorder=yes"]) { screen in
            screen.press([.char("e")])
            screen.focus(.screening(.substanceUseDisorder))
            screen.press([.char("y"), .enter])
        }
    }

    @Test func withdrawingAFindingWithItsReason() throws {
        try expectSame(cli: ["screening", "set", "P-0001", "substanceUseDisorder=no", "--note", "in remission"],
                       setup: [["screening", "set", "P-0001", "substanceUseDisorder=yes"]]) { screen in
            screen.press([.char("e")])
            screen.focus(.screening(.substanceUseDisorder))
            screen.press([.char("n")])
            screen.focus(.screeningNote)
            screen.type("in remission")
            screen.press([.enter])
        }
    }

    /// A note typed with spaces around it saves the same trimmed note from both (one rule,
    /// in ScreeningChange).
    @Test func aWithdrawalReasonWithSpacesAroundIt() throws {
        try expectSame(cli: ["screening", "set", "P-0001", "substanceUseDisorder=no", "--note", "  in remission  "],
                       setup: [["screening", "set", "P-0001", "substanceUseDisorder=yes"]]) { screen in
            screen.press([.char("e")])
            screen.focus(.screening(.substanceUseDisorder))
            screen.press([.char("n")])
            screen.focus(.screeningNote)
            screen.type("  in remission  ")
            screen.press([.enter])
        }
        #expect(ScreeningChange([], by: "x", on: try CalendarDay(iso: "2026-01-05"), note: " \n in remission \n").note == "in remission")
    }

    @Test func acknowledgingAScreeningFinding() throws {
        try expectSame(cli: ["review", "P-0001", "--kind", "screening:substanceUseDisorder"],
                       setup: [["screening", "set", "P-0001", "substanceUseDisorder=yes"]]) { screen in
            // The review form offers the end-of-induction review first; "s" picks the finding.
            screen.press([.char("a"), .char("s"), .enter])
        }
    }

    @Test func recordingAReview() throws {
        // The form's first offer is the end-of-induction review the plan waits for.
        try expectSame(cli: ["review", "P-0001", "--kind", "end-of-induction", "--note", "responding well"]) { screen in
            screen.press([.char("a"), .tab])
            screen.type("responding well")
            screen.press([.enter])
        }
    }

    @Test func addingAPatient() throws {
        try expectSame(cli: ["patient", "add", "--name", "Bo Parity", "--birth", "1990-02-03", "--weight", "80"], patient: "P-0002", open: false) { screen in
            screen.press([.char("n")])
            screen.type("Bo Parity")
            screen.press([.tab])
            screen.type("1990-02-03")
            screen.press([.tab, .tab])
            screen.type("80")
            screen.press([.enter])
        }
    }

    @Test func makingANewPlan() throws {
        try expectSame(cli: ["plan", "new", "P-0001", "--protocol", "iv-ketamine-2x", "--start", "2026-01-06"], plan: false) { screen in
            // The form suggests esketamine-trd for trd; iv-ketamine-2x is three to the right.
            screen.press([.char("n"), .right, .right, .right, .tab] + Array(repeating: Key.backspace, count: 5))
            screen.type("2026-01-06")
            screen.press([.enter])
        }
    }

    /// A plan made on the screen with its appointment time left untouched follows the
    /// clinic's session time as one made with no --time does (F3): the same chart bytes,
    /// and after `clinic set --session-time` the same export, the new time in it; a time
    /// typed on the screen pins the sessions as --time does.
    @Test(arguments: [nil, "08:15"]) func aNewPlansTimeFollowsTheClinicUnlessTyped(time: String?) throws {
        let folders = try Folders(plan: false, setup: [["clinic", "set", "--session-time", "09:00"]])
        defer { folders.cleanUp() }
        try Self.run(["plan", "new", "P-0001", "--protocol", "iv-ketamine-2x", "--start", "2026-01-06"] + (time.map { ["--time", $0] } ?? []),
                     on: CLI(data: folders.cli))
        var screen = try Screen(data: folders.screen)
        screen.press([.enter, .char("n"), .right, .right, .right, .tab] + Array(repeating: Key.backspace, count: 5))
        screen.type("2026-01-06")
        #expect(screen.state.form?[.time].value == "", "the time field starts empty: the clinic's time")
        #expect(screen.state.form?[.time].hint == "HH:MM; empty: the clinic's time (now 09:00)")
        if let time {
            screen.press([.tab, .tab, .tab])
            screen.type(time)
        }
        screen.press([.enter])
        #expect(screen.state.message?.kind == .success, "\(String(describing: screen.state.message)) \(String(describing: screen.state.openForm?.error))")
        let fromCLI = Self.chartFile(folders.cli), fromScreen = Self.chartFile(folders.screen)
        #expect(fromCLI == fromScreen, "chart files differ: \(Self.firstDifference(fromCLI, fromScreen))")
        #expect(Self.auditLines(folders.cli) == Self.auditLines(folders.screen))
        for data in [folders.cli, folders.screen] { try Self.run(["clinic", "set", "--session-time", "10:30"], on: CLI(data: data)) }
        #expect(Self.chartFile(folders.cli) == Self.chartFile(folders.screen))
        let exports = [folders.cli, folders.screen].map { CLI(data: $0).run(["export", "P-0001", "--format", "csv"]).out }
        #expect(exports[0] == exports[1])
        // The first session (Tue 2026-01-06): at the clinic's new time, or at the typed one.
        #expect(exports[0].contains("P-0001,1,2026-01-06,tue,\(time ?? "10:30"),"), "\(exports[0])")
    }

    /// Who gave a dose (`--given-by`) on recording and on amending it (F2).
    @Test func recordingWhoGaveTheDose() throws {
        try expectSame(cli: ["session", "record", "P-0001", "1", "--status", "given", "--given-by", "Dr Test"]) { screen in
            screen.press([.char("r")])
            #expect(screen.state.form?[.givenBy].value == screen.state.user, "defaults to the login name")
            screen.focus(.givenBy)
            screen.press([.ctrl("u")])
            screen.type("Dr Test")
            screen.press([.enter])
        }
        try expectSame(cli: ["session", "amend", "P-0001", "1", "--given-by", "Dr Test", "--reason", "the colleague gave it"],
                       setup: [["session", "record", "P-0001", "1", "--status", "given"]]) { screen in
            screen.press([.home, .enter, .char("a")])
            screen.focus(.givenBy)
            screen.press([.ctrl("u")])
            screen.type("Dr Test")
            screen.focus(.reason)
            screen.type("the colleague gave it")
            screen.press([.enter])
        }
    }

    /// A score taken after that day's dose (`--after-dose`, F2).
    @Test func addingAScoreAfterTheDose() throws {
        try expectSame(cli: ["score", "add", "P-0001", "--instrument", "phq9", "--score", "14", "--after-dose"]) { screen in
            screen.press([.char("s"), .tab, .tab])
            screen.type("14")
            screen.focus(.afterDose)
            screen.press([.right])
            #expect(screen.state.form?[.afterDose].value == "yes")
            screen.press([.enter])
        }
    }

    /// A weight taken at an earlier visit with its day (`--measured`, F4); a day after
    /// today, or before the weight on record (2026-01-05), is refused from both sides with
    /// the same words before the same edit saves.
    @Test func recordingAWeightWithTheDayItWasMeasured() throws {
        try expectSame(cli: ["patient", "edit", "P-0001", "--weight", "72", "--measured", "2026-01-07"], today: "2026-01-09") { screen in
            screen.press([.char("e")])
            screen.focus(.weight)
            screen.press([.ctrl("u")])
            screen.type("72")
            screen.focus(.measured)
            for (day, says) in [("2026-01-12", "2026-01-12 is after today"), ("2026-01-02", "is older than the weight on record")] {
                screen.press([.ctrl("u")])
                screen.type(day)
                screen.press([.enter])
                #expect(screen.state.form?.error?.contains(says) == true, "\(String(describing: screen.state.form?.error))")
            }
            screen.press([.ctrl("u")])
            screen.type("2026-01-07")
            screen.press([.enter])
        }
        let folders = try Folders()
        defer { folders.cleanUp() }
        for (day, says) in [("2026-01-12", "2026-01-12 is after today"), ("2026-01-02", "is older than the weight on record")] {
            let refused = CLI(data: folders.cli).run(["patient", "edit", "P-0001", "--weight", "72", "--measured", day], today: "2026-01-09")
            #expect(refused.status != 0 && refused.err.contains(says), "\(refused.err)")
        }
    }

    /// A new patient with the id given (`--id`, F4).
    @Test func addingAPatientWithAnID() throws {
        try expectSame(cli: ["patient", "add", "--name", "Bo Parity", "--birth", "1990-02-03", "--weight", "80", "--id", "BP-7"], patient: "BP-7", open: false) { screen in
            screen.press([.char("n")])
            screen.type("Bo Parity")
            screen.press([.tab])
            screen.type("1990-02-03")
            screen.press([.tab, .tab])
            screen.type("80")
            screen.focus(.patientID)
            screen.type("BP 7")
            screen.press([.enter])
            #expect(screen.state.form?.error?.hasPrefix("Patient id: ") == true, "\(String(describing: screen.state.form?.error))")
            screen.press([.ctrl("u")])
            screen.type("BP-7")
            screen.press([.enter])
        }
    }

    @Test func changingTheMaintenancePolicy() throws {
        try expectSame(cli: ["plan", "maintenance", "P-0001", "fixed:21"]) { screen in
            screen.press([.char("M"), .ctrl("u")])
            screen.type("fixed:21")
            screen.press([.enter])
        }
    }

    @Test func pausingThePlanWithWhy() throws {
        try expectSame(cli: ["plan", "status", "P-0001", "paused", "--note", "travelling"]) { screen in
            screen.press([.char("P"), .right, .tab])
            screen.type("travelling")
            screen.press([.enter])
        }
    }

    @Test func amendingARecordedSession() throws {
        try expectSame(cli: ["session", "amend", "P-0001", "1", "--bp", "130/85", "--reason", "typed from the wrong sheet"],
                       setup: [["session", "record", "P-0001", "1", "--status", "given", "--bp", "128/82"]]) { screen in
            // Session 1's whole record (Enter), then a; BP before is the second field, the reason the last.
            screen.press([.home, .enter, .char("a"), .tab, .ctrl("u")])
            screen.type("130/85")
            screen.focus(.reason)
            screen.type("typed from the wrong sheet")
            screen.press([.enter])
        }
    }

    /// Closing a booked day (Wed 2026-01-07, session 2) with fewer chairs: clinic.json,
    /// its audit line and the re-planned chart with its own are the same bytes from
    /// `clinic set` and from the settings form (`C`: closed dates are its third field,
    /// chairs its fourth).
    @Test func closingABookedDayInTheClinicSettings() throws {
        try expectSame(cli: ["clinic", "set", "--closed", "2026-01-07", "--chairs", "3"], open: false, clinic: true) { screen in
            screen.press([.char("C"), .tab, .tab])
            screen.type("2026-01-07")
            screen.press([.tab, .ctrl("u")])
            screen.type("3")
            screen.press([.enter])
            #expect(screen.state.messageLog.contains { $0.text.hasPrefix("P-0001 Ann Parity: session 2 2026-01-07 -> 2026-01-08") })
        }
    }

    /// A refusal from both sides: `clinic set --chairs 0` and the form's 0 chairs are
    /// refused with the same words and nothing is written; 3 chairs right after saves
    /// the same bytes both ways.
    @Test func chairsOutOfRangeAreRefusedTheSameWayThenSave() throws {
        let folders = try Folders()
        defer { folders.cleanUp() }
        let message = "'0' is not accepted; use 1-20000 chairs"
        let clinicBefore = Self.clinicFile(folders.cli)
        let refused = CLI(data: folders.cli).run(["clinic", "set", "--chairs", "0"], today: "2026-01-05")
        #expect(refused.status != 0)
        #expect(refused.err.contains(message), "\(refused.err)")
        #expect(Self.clinicFile(folders.cli) == clinicBefore)
        var screen = try Screen(data: folders.screen)
        screen.press([.char("C"), .tab, .tab, .tab, .ctrl("u")])
        screen.type("0")
        screen.press([.enter])
        #expect(screen.state.form?.error == "Chairs: " + message)
        #expect(Self.clinicFile(folders.screen) == clinicBefore)

        try Self.run(["clinic", "set", "--chairs", "3"], on: CLI(data: folders.cli))
        screen.press([.ctrl("u")])
        screen.type("3")
        screen.press([.enter])
        #expect(screen.state.message == Message(.success, "Clinic updated: chairs 3"))
        #expect(Self.clinicFile(folders.cli) != clinicBefore)
        #expect(Self.clinicFile(folders.cli) == Self.clinicFile(folders.screen))
        #expect(Self.auditLines(folders.cli) == Self.auditLines(folders.screen))
    }
}
