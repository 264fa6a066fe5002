import Foundation
import KetaplanEngine

/// One start of the real `ketaplan` screen in a fresh 200x60 tmux pane (`TmuxPane`), as a
/// clinician at a terminal would see it, from the Enter that starts it:
/// - first paint: until the whole overview has arrived on the terminal (its title on the
///   first row, then its key bar on the last, in the program's own output);
/// - keys during the check: once the screen answers keys (no longer "keys wait") and
///   while it says "checking patient files", a Down or Up every 20 ms, each timed from
///   the key sent to the first output after it;
/// - checked: until the screen no longer says "checking patient files";
/// - keys after: 40 more keys the same way once checked;
/// - memory: the program's `VmHWM` once checked;
/// - bytes: what the program writes for one cursor move and one page down.
struct ScreenPass {
    var firstPaint: Double
    var checked: Double
    var keysDuringCheck: [Double]
    var keysAfter: [Double]
    var memoryMB: Double
    var cursorBytes: Int
    var pageBytes: Int

    static func measure(binary: String, data: String, today: CalendarDay) throws -> ScreenPass {
        let pane = try TmuxPane(program: "exec env LANG=C.UTF-8 '\(binary)' --data '\(data)' --today \(today)")
        defer { pane.close() }
        let (start, from) = try pane.launch()
        guard let painted = pane.waitForOutput(from: from, timeout: 20, Self.overviewPainted) else {
            throw TmuxPane.Failure("no overview painted within 20 s; the pane shows: '\(Self.firstLine(try? pane.screen()))'")
        }
        var during: [Double] = []
        var checked: Double?
        var down = true
        while checked == nil {
            guard now() - start < 180 else { throw TmuxPane.Failure("still checking patient files 180 s after start") }
            let screen = try pane.screen()
            if !screen.contains("checking patient files") {
                checked = now() - start
            } else if screen.contains("keys wait") {
                usleep(5_000)
            } else {
                if let t = try Self.keyLatency(pane, down ? "Down" : "Up") { during.append(t) }
                down.toggle()
                usleep(20_000)
            }
        }
        var after: [Double] = []
        for i in 0..<40 {
            guard let t = try Self.keyLatency(pane, i < 20 ? "Down" : "Up") else { throw TmuxPane.Failure("no output for a key once checked") }
            after.append(t)
            usleep(30_000)
        }
        guard let memory = Self.peakMemoryMB(pane.panePid) else { throw TmuxPane.Failure("no VmHWM for the program (pid \(pane.panePid))") }
        pane.waitQuiet(0.3)
        let cursor = pane.bytesWhenQuiet(from: try pane.key("Down").from)
        let page = pane.bytesWhenQuiet(from: try pane.key("PageDown").from)
        guard cursor > 0, page > 0 else { throw TmuxPane.Failure("no output for a cursor move (\(cursor) bytes) or a page down (\(page))") }
        return ScreenPass(firstPaint: painted - start, checked: checked!, keysDuringCheck: during, keysAfter: after,
                          memoryMB: memory, cursorBytes: cursor, pageBytes: page)
    }

    /// The overview's title (first row) and then its key bar (last row, "? help"): curses
    /// writes the screen top to bottom, so the whole first screen has arrived.
    static func overviewPainted(_ bytes: [UInt8]) -> Bool {
        guard let title = bytes.firstRange(of: Array("Clinic overview".utf8)) else { return false }
        return bytes[title.upperBound...].firstRange(of: Array("? help".utf8)) != nil
    }

    /// Sends a key: seconds until the program's first output after it, nil if none came
    /// within 5 s.
    static func keyLatency(_ pane: TmuxPane, _ key: String) throws -> Double? {
        let (sent, from) = try pane.key(key)
        return pane.waitForOutput(from: from, timeout: 5) { !$0.isEmpty }.map { $0 - sent }
    }

    /// `VmHWM` of a process, in MB.
    static func peakMemoryMB(_ pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    static func firstLine(_ screen: String?) -> String {
        String((screen ?? "").split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
    }
}

/// Five passes of `ScreenPass`, each on its own tmux server; a pass that fails says why
/// and is tried again (up to three times), and every retry is counted and printed.
struct ScreenFigures {
    var passes: [ScreenPass] = []
    /// Each failed try: which pass, and why.
    var failures: [String] = []

    static func measure(binary: String, data: String, today: CalendarDay, passes: Int = 5) -> ScreenFigures {
        var figures = ScreenFigures()
        for pass in 1...passes {
            for attempt in 1...3 {
                do {
                    figures.passes.append(try ScreenPass.measure(binary: binary, data: data, today: today))
                    break
                } catch {
                    figures.failures.append("pass \(pass) try \(attempt): \(error)")
                }
            }
        }
        return figures
    }

    var firstPaint: Double? { passes.isEmpty ? nil : percentile(passes.map(\.firstPaint), 0.5) }
    var checked: Double? { passes.isEmpty ? nil : percentile(passes.map(\.checked), 0.5) }
    /// The highest of the passes: the target is a ceiling.
    var memoryMB: Double? { passes.map(\.memoryMB).max() }
    var cursorBytes: Int? { passes.isEmpty ? nil : passes.map(\.cursorBytes).sorted()[passes.count / 2] }
    var pageBytes: Int? { passes.isEmpty ? nil : passes.map(\.pageBytes).sorted()[passes.count / 2] }
    var keysDuringCheck: [Double] { passes.flatMap(\.keysDuringCheck) }
    var keysAfter: [Double] { passes.flatMap(\.keysAfter) }
}

/// tmux's own share of a key's figure: the same keys, sent the same way, to `cat -v` in
/// the same kind of pane (200x60, its own server, control-mode client), timed from the
/// key sent to cat's echo. What a program answering in no time at all would measure.
struct TmuxBaseline {
    var keys: [Double]

    static func measure(keys count: Int = 200) throws -> TmuxBaseline {
        let pane = try TmuxPane(program: "stty raw -echo; exec cat -v")
        defer { pane.close() }
        _ = try pane.launch()
        // Time for the shell's `stty` and cat's start.
        usleep(300_000)
        var keys: [Double] = []
        for i in 0..<count {
            guard let t = try ScreenPass.keyLatency(pane, i % 40 < 20 ? "Down" : "Up") else { throw TmuxPane.Failure("cat echoed nothing for a key") }
            keys.append(t)
            usleep(30_000)
        }
        return TmuxBaseline(keys: keys)
    }
}
