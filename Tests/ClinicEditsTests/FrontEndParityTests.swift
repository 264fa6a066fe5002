import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanStore
import KetaplanUI
@testable import KetaplanTerminal

/// The command line and the screen apply the same edit the same way: each edit is made
/// once with the `ketaplan` binary and once with keys through the reducer and the
/// terminal's effect runner (as the running UI does), on identical data folders, and the
/// chart files and audit lines must be byte for byte the same. The only bytes allowed to
/// differ are the wall-clock instants the store stamps a save with (`savedAt`, the audit
/// line's `time`): the two paths run at different moments by design.
@Suite(.serialized) struct FrontEndParityTests {
    static var binary: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ketaplan").path
            if FileManager.default.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest") { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "ketaplan"
    }

    /// Two identical data folders (command line, screen) with one patient planned on
    /// iv-ketamine-3x from 2026-01-05.
    struct Folders {
        let root: String
        var cli: String { root + "/cli" }
        var screen: String { root + "/screen" }

        init() throws {
            var bytes = Array((NSTemporaryDirectory() + "ketaplan-parity-XXXXXX").utf8CString)
            let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            root = String(cString: made!)
            let setup = root + "/setup"
            try run(["patient", "add", "--name", "Ann Parity", "--birth", "1980-04-12", "--weight", "70", "--condition", "trd"], data: setup)
            try run(["screening", "set", "P-0001"] + ScreeningItem.allCases.map { $0.rawValue + "=no" }, data: setup)
            try run(["plan", "new", "P-0001", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05"], data: setup)
            try FileManager.default.copyItem(atPath: setup, toPath: cli)
            try FileManager.default.copyItem(atPath: setup, toPath: screen)
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ args: [String], data: String, today: String = "2026-01-05") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args + ["--data", data, "--today", today]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailed(description: "ketaplan \(args.joined(separator: " ")): \(String(decoding: e, as: UTF8.self))") }
        return String(decoding: o, as: UTF8.self)
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
    }

    /// The patient file with its save instant blanked.
    static func chartFile(_ data: String) -> String {
        let text = String(decoding: FileManager.default.contents(atPath: data + "/patients/P-0001.json") ?? Data(), as: UTF8.self)
        return text.replacingOccurrences(of: #""savedAt":"[^"]*""#, with: #""savedAt":"-""#, options: .regularExpression)
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
    func expectSame(cli args: [String], today: String = "2026-01-05", screen keys: (inout Screen) -> Void,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folders = try Folders()
        defer { folders.cleanUp() }
        let before = Self.chartFile(folders.cli)
        try Self.run(args, data: folders.cli, today: today)
        var screen = try Screen(data: folders.screen, today: today)
        screen.press([.enter])
        keys(&screen)
        #expect(screen.state.message?.kind == .success, "the screen did not save: \(String(describing: screen.state.message)) \(String(describing: screen.state.openForm?.error))",
                sourceLocation: sourceLocation)
        let fromCLI = Self.chartFile(folders.cli)
        #expect(fromCLI != before, "the command changed nothing", sourceLocation: sourceLocation)
        let fromScreen = Self.chartFile(folders.screen)
        #expect(fromCLI == fromScreen, "chart files differ: \(Self.firstDifference(fromCLI, fromScreen))", sourceLocation: sourceLocation)
        #expect(Self.auditLines(folders.cli) == Self.auditLines(folders.screen), sourceLocation: sourceLocation)
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
            screen.press(Array(repeating: Key.down, count: 5) + [.char("m")] + Array(repeating: Key.backspace, count: 10))
            screen.type("2026-01-19")
            screen.press([.enter])
        }
    }

    @Test func recordingANewWeight() throws {
        try expectSame(cli: ["patient", "edit", "P-0001", "--weight", "72"]) { screen in
            screen.press([.char("e"), .tab, .tab, .tab, .backspace, .backspace])
            screen.type("72")
            screen.press([.enter])
        }
    }
}
