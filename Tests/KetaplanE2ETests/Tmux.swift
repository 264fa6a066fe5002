import Foundation
import KetaplanTestSupport
import Testing

/// Drives a program in a detached tmux session, as a person at a terminal would: types
/// keys, reads the screen, resizes the window.
struct Tmux {
    let socket: String
    let session = "e2e"

    init() {
        socket = "ketaplan-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs a tmux command with posix_spawn and waitpid. Output goes through a file, not
    /// a pipe: the tmux server that `new-session` starts inherits its output and would hold
    /// a pipe open for ever (and Foundation's Process did not reap the client here).
    @discardableResult
    func tmux(_ args: [String]) -> String {
        let outPath = NSTemporaryDirectory() + "\(socket)-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outPath) }
        let argv = ["tmux", "-L", socket] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, args.first == "capture-pane" ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        // The test runner blocks some signals; children inherit that mask, so give tmux
        // (and through it the program under test) a clean one.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
    }

    /// Starts `command` (a shell command line) in a `width`×`height` window.
    ///
    /// A server whose last session was just killed may still be exiting on a busy machine,
    /// and a new session asked of it then is lost: so start again until the pane exists.
    func start(_ command: String, width: Int = 100, height: Int = 30) {
        for _ in 0..<5 {
            tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height),
                  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color " + command])
            // An existing pane captures as lines (blank at first); no session captures as nothing.
            let deadline = Date().addingTimeInterval(2)
            while screen().isEmpty && Date() < deadline { usleep(50_000) }
            if !screen().isEmpty { break }
        }
        tmux(["set-option", "-t", session, "window-size", "manual"])
    }

    /// Named keys (Enter, Tab, Down, Escape, C-r, ...) or plain words.
    func send(_ keys: String...) { tmux(["send-keys", "-t", session] + keys) }

    /// Types text literally.
    func type(_ text: String) { tmux(["send-keys", "-t", session, "-l", text]) }

    func screen() -> String { tmux(["capture-pane", "-p", "-t", session]) }

    func resize(_ width: Int, _ height: Int) {
        tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen shows `text`; records the screen if it never does.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen().contains(text) { return true }
            usleep(50_000)
        }
        Issue.record("the screen never showed \"\(text)\"; it shows:\n\(screen())", sourceLocation: sourceLocation)
        return false
    }

    func kill() { tmux(["kill-server"]) }

    /// Starts ketaplan on `data` in a `width`×`height` window and waits for the overview.
    /// `environment` (e.g. "TERM=vt100") goes before the command; the shell prints
    /// "EXITED <status>" when ketaplan ends (see `quit`) and keeps the pane for 30 s so a
    /// failing test can still read the last screen.
    func openKetaplan(on data: String, width: Int = 100, height: Int = 30, environment: String = "",
                      sourceLocation: SourceLocation = #_sourceLocation) {
        start((environment.isEmpty ? "" : "env \(environment) ") + E2E.command(data) + "; echo EXITED $?; sleep 30",
              width: width, height: height)
        waitFor("Clinic overview", sourceLocation: sourceLocation)
    }

    /// Leaves ketaplan with q and checks that it exited with status 0.
    func quit(sourceLocation: SourceLocation = #_sourceLocation) {
        send("q")
        waitFor("EXITED 0", sourceLocation: sourceLocation)
    }

    /// Opens a patient from the overview through the filter, as a clinician would.
    func openPatient(_ id: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        send("/")
        type(id)
        send("Enter", "Enter")
        waitFor("\(name) (\(id))", sourceLocation: sourceLocation)
    }
}

/// The ketaplan binary built beside the tests, and a demo clinic to run it on.
enum E2E {
    static var binary: String { CLI.binary }

    static let today = "2026-11-26"

    /// A new demo clinic (12 patients, seed 1) in a temporary folder; `remove` deletes it.
    static func demoFolder() -> String {
        let clinic = CLI()
        clinic.run("demo", "--patients", "12", "--seed", "1", today: today)
        return clinic.data
    }

    /// Deletes a clinic `demoFolder` made, with the temporary folder around it.
    static func remove(_ data: String) { CLI(data: data).cleanUp() }

    /// Runs a ketaplan command on `data` (today: `today`) and waits for it; records a test
    /// issue when it fails.
    @discardableResult
    static func run(_ data: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) -> CLI.Result {
        let result = CLI(data: data).run(args, today: today)
        #expect(result.status == 0, "\(args) failed: \(result.err)", sourceLocation: sourceLocation)
        return result
    }

    /// The process whose command line starts with `commandPrefix`, from /proc.
    static func pid(commandPrefix: [String]) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let args = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if args.count >= commandPrefix.count, Array(args.prefix(commandPrefix.count)) == commandPrefix { return pid }
        }
        return nil
    }

    static func command(_ data: String) -> String { "\(binary) --data \(data) --today \(today)" }

    static func json(_ path: String) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    static func sessions(_ data: String, _ id: String) -> [[String: Any]] {
        let chart = json(data + "/patients/\(id).json")["chart"] as? [String: Any]
        return (chart?["plan"] as? [String: Any])?["sessions"] as? [[String: Any]] ?? []
    }

    static func assessments(_ data: String, _ id: String) -> [[String: Any]] {
        ((json(data + "/patients/\(id).json")["chart"] as? [String: Any])?["assessments"] as? [[String: Any]]) ?? []
    }
}
