import Foundation
import KetaplanEngine

/// Midnight passing under an open screen, driven from outside the product: the real
/// `ketaplan` (following the clock: no `--today`) runs under libfaketime with its clock
/// starting at 23:59:40 on the run's day (the machine's date), so midnight comes about 20 s after start,
/// once the first check is done. Measured from midnight: when the screen's title shows
/// the new day (the background load re-judges every patient first, then posts the day
/// and the differences together), how long the background work runs (until the threads
/// other than the screen's own have used no CPU for 0.6 s) and its CPU (the process's
/// less the screen thread's), keys meanwhile (a Down or Up every 50 ms from just before
/// midnight, each from the key sent to the first output after it), and the program's
/// peak memory once done.
///
/// Two things libfaketime needs: `NO_FAKE_STAT` (files' times stay the real ones the
/// index recorded), and the data folder in `KETAPLAN_DATA`, because the
/// program's command-line arguments do not reach Swift's `CommandLine` under its
/// `LD_PRELOAD` (the screen then opens the default folder).
struct RolloverPass {
    var dayShownAfterMidnight: Double
    var seconds: Double
    var cpuSeconds: Double
    var keys: [Double]
    /// When each key was sent, in seconds from midnight (beside `keys`): where the slow
    /// ones fall (the new day's handover, the background's batches, its end).
    var sentAfterMidnight: [Double]
    var memoryMB: Double

    static let library = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
                          "/usr/lib/faketime/libfaketimeMT.so.1"]
        .first { FileManager.default.fileExists(atPath: $0) }

    /// Seconds from start to midnight on the fake clock.
    static let lead = 20.0

    static func measure(binary: String, data: String, today: CalendarDay) throws -> RolloverPass {
        guard let library else { throw TmuxPane.Failure("libfaketime is not installed (scripts/system-packages.sh --with-bench as root, or apt-get install libfaketime)") }
        let pane = try TmuxPane(program: "exec env TZ=UTC LANG=C.UTF-8 KETAPLAN_DATA='\(data)' LD_PRELOAD='\(library)' "
            + "FAKETIME='@\(today) 23:59:\(Int(60 - lead))' DONT_FAKE_MONOTONIC=1 NO_FAKE_STAT=1 '\(binary)'")
        defer { pane.close() }
        let (start, from) = try pane.launch()
        guard pane.waitForOutput(from: from, timeout: 20, ScreenPass.overviewPainted) != nil else {
            throw TmuxPane.Failure("no overview painted within 20 s; the pane shows: '\(ScreenPass.firstLine(try? pane.screen()))'")
        }
        let first = ScreenPass.firstLine(try pane.screen())
        guard first.contains("\(today)") else { throw TmuxPane.Failure("the fake clock did not take: the title reads '\(first)'") }
        // The day's first check must be done before midnight.
        while try pane.screen().contains("checking patient files") {
            guard now() - start < lead - 1 else { throw TmuxPane.Failure("the first check was not done 1 s before midnight (\(Int(lead)) s after start)") }
            usleep(50_000)
        }
        let midnight = start + lead
        usleep(useconds_t(max(0, midnight - 0.5 - now()) * 1e6))
        let pid = pane.panePid
        var threads = Self.backgroundThreadsCPU(pid)
        let cpuBefore = Self.cpu(pid)
        var lastBusy = now()
        var shown: Double?
        var keys: [Double] = []
        var sent: [Double] = []
        var down = true
        // A key every 50 ms from just before midnight until the new day is on the screen
        // and the background threads have been idle for 0.6 s.
        while shown == nil || now() - lastBusy < 0.6 {
            guard now() - midnight < 300 else { throw TmuxPane.Failure("the new day's work still ran 300 s after midnight") }
            let at = now() - midnight
            if let t = try ScreenPass.keyLatency(pane, down ? "Down" : "Up") { keys.append(t); sent.append(at) }
            down.toggle()
            usleep(50_000)
            let next = Self.backgroundThreadsCPU(pid)
            if next != threads { threads = next; lastBusy = now() }
            if shown == nil, ScreenPass.firstLine(try pane.screen()).contains("\(today.adding(days: 1))") { shown = now() }
        }
        let cpuAfter = Self.cpu(pid)
        guard let memory = ScreenPass.peakMemoryMB(pid) else { throw TmuxPane.Failure("no VmHWM for the program (pid \(pid))") }
        return RolloverPass(dayShownAfterMidnight: shown! - midnight, seconds: max(0, lastBusy - midnight),
                            cpuSeconds: max(0, (cpuAfter.all - cpuAfter.screen) - (cpuBefore.all - cpuBefore.screen)),
                            keys: keys, sentAfterMidnight: sent, memoryMB: memory)
    }

    /// CPU seconds (user + system) of `pid` (every thread, those that ended included) and
    /// of its first thread, the screen's own.
    static func cpu(_ pid: pid_t) -> (all: Double, screen: Double) {
        (ticks("/proc/\(pid)/stat"), ticks("/proc/\(pid)/task/\(pid)/stat"))
    }

    /// CPU seconds of the threads of `pid` other than the screen's, alive now: they change
    /// while the background load works (a worker that ends makes it drop), and only then.
    static func backgroundThreadsCPU(_ pid: pid_t) -> Double {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.filter { $0 != "\(pid)" }.reduce(0) { $0 + ticks("/proc/\(pid)/task/\($1)/stat") }
    }

    /// utime + stime in a /proc stat file, in seconds.
    static func ticks(_ path: String) -> Double {
        guard let stat = try? String(contentsOfFile: path, encoding: .utf8), let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name.
        guard fields.count > 12 else { return 0 }
        return ((Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
