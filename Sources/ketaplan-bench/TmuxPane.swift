import Foundation

/// A 200x60 tmux pane on a private tmux server (its own socket, `tmux -L`), watched
/// through a control-mode client (`tmux -C attach`) that this process keeps open.
///
/// Why a server per pass: with one socket reused between passes, a new server could be
/// started while the old one was still shutting down, and that pass found no session.
/// Why control mode: the client is attached before ketaplan starts, so no process is
/// started while the clock runs (a key is one line written to the client), and every
/// byte ketaplan writes to the terminal arrives as a `%output` line that the reader
/// thread stamps as it comes, instead of being found by repeated `capture-pane`.
///
/// The pane first runs a shell that prints `ready` and waits on `read`; `launch()` sends
/// the Enter that lets it `exec` the program, so the server and the pane are ready
/// before the clock starts.
final class TmuxPane: @unchecked Sendable {
    /// Why a pass could not be measured; printed, and the pass retried.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let socket: String
    /// The pane's process: the waiting shell, then (after `exec`) the program itself.
    private(set) var panePid: pid_t = 0
    private var serverPid: pid_t = 0
    /// The server's socket file, removed once the server is gone.
    private var socketPath: String?
    private var clientPid: pid_t = 0
    private var toClient: Int32 = -1

    private let condition = NSCondition()
    /// Each `%output` of the pane, decoded, with the time it was read.
    private var chunks: [(time: Double, bytes: [UInt8])] = []
    /// Command replies (`%begin` ... `%end` or `%error`), in order.
    private var replies: [(ok: Bool, lines: [String])] = []
    private var repliesTaken = 0
    private var clientGone = false

    private static let sequence = NSLock()
    nonisolated(unsafe) private static var count = 0

    /// Starts a private server whose pane runs `program` (a shell command line) once
    /// `launch()` is called; throws, saying why, if the server, the pane or the
    /// control client do not come up.
    init(program: String) throws {
        let n = Self.sequence.withLock { Self.count += 1; return Self.count }
        // Run from inside tmux, the clients would otherwise take the outer session for
        // theirs (and refuse to nest).
        unsetenv("TMUX")
        unsetenv("TMUX_PANE")
        socket = "ketaplan-bench-\(getpid())-\(n)"
        let config = NSTemporaryDirectory() + "\(socket).conf"
        // No status line: the pane is the whole 200x60 window.
        try? "set -g status off\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { unlink(config) }
        let (status, errors) = Self.run(["-L", socket, "-f", config, "new-session", "-d", "-s", "b", "-x", "200", "-y", "60",
                                         "printf ready; read x; \(program)"])
        guard status == 0 else { throw Failure("tmux new-session exited \(status): \(errors.trimmingCharacters(in: .whitespacesAndNewlines))") }
        do {
            try attach()
            let ids = try command("display-message -p -t b '#{pid} #{pane_pid} #{window_width}x#{window_height} #{socket_path}'").first ?? ""
            let parts = ids.split(separator: " ", maxSplits: 3)
            guard parts.count == 4, let server = pid_t(parts[0]), let pane = pid_t(parts[1]) else { throw Failure("tmux named no pane: '\(ids)'") }
            socketPath = String(parts[3])
            serverPid = server
            panePid = pane
            guard parts[2] == "200x60" else { throw Failure("the window is \(parts[2]), not 200x60") }
            // Ready: the shell printed `ready` and sleeps in `read`.
            let deadline = now() + 10
            while true {
                let screen = try command("capture-pane -p -t b").joined(separator: "\n")
                if screen.contains("ready"), Self.processState(panePid) == "S" { break }
                guard now() < deadline else { throw Failure("the pane's shell was not waiting within 10 s (screen: '\(screen.prefix(80))')") }
                usleep(10_000)
            }
        } catch {
            close()
            throw error
        }
    }

    /// Sends the Enter that starts the program: the time it was sent, and the index of
    /// the first output chunk that can come from it.
    func launch() throws -> (time: Double, from: Int) { try key("Enter") }

    /// Sends one key (tmux's name for it): the time it was sent, and the index of the
    /// first output chunk after it.
    @discardableResult
    func key(_ name: String) throws -> (time: Double, from: Int) {
        let from = condition.withLock { chunks.count }
        let time = now()
        _ = try command("send-keys -t b \(name)")
        return (time, from)
    }

    /// Waits until the output from chunk `from` on satisfies `done`: the time the chunk
    /// that satisfied it was read, or nil after `timeout` seconds or if the pane closed.
    func waitForOutput(from: Int, timeout: Double, _ done: ([UInt8]) -> Bool) -> Double? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var seen: [UInt8] = []
        var next = from
        condition.lock()
        defer { condition.unlock() }
        while true {
            while next < chunks.count {
                seen += chunks[next].bytes
                next += 1
                if done(seen) { return chunks[next - 1].time }
            }
            if clientGone || !condition.wait(until: deadline) { return nil }
        }
    }

    /// The bytes written from chunk `from` on, once the output has stayed the same for
    /// `quiet` seconds (at most `timeout` seconds in all).
    func bytesWhenQuiet(from: Int, quiet: Double = 0.2, timeout: Double = 3) -> Int {
        let deadline = now() + timeout
        var last = -1
        var since = now()
        while now() < deadline {
            let total = condition.withLock { chunks[min(from, chunks.count)...].reduce(0) { $0 + $1.bytes.count } }
            if total != last { last = total; since = now() } else if total > 0, now() - since >= quiet { break }
            usleep(20_000)
        }
        return max(0, last)
    }

    /// Waits until the program has written nothing for `quiet` seconds (at most 3 s).
    func waitQuiet(_ quiet: Double) {
        let deadline = now() + 3
        while now() < deadline, now() - (condition.withLock { chunks.last?.time } ?? 0) < quiet { usleep(20_000) }
    }

    /// The pane's text as tmux shows it now.
    func screen() throws -> String { try command("capture-pane -p -t b").joined(separator: "\n") }

    /// Runs one tmux command through the control client: its output lines.
    @discardableResult
    func command(_ text: String, timeout: Double = 10) throws -> [String] {
        let index = condition.withLock { () -> Int in
            repliesTaken += 1
            return repliesTaken
        }
        let line = Array((text + "\n").utf8)
        let written = line.withUnsafeBytes { write(toClient, $0.baseAddress, $0.count) }
        guard written == line.count else { throw Failure("could not write to tmux's control client (\(String(cString: strerror(errno))))") }
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while replies.count <= index {
            if clientGone { throw Failure("tmux's control client ended during '\(text)' (the server or the pane is gone)") }
            guard condition.wait(until: deadline) else { throw Failure("tmux did not answer '\(text)' within \(Int(timeout)) s") }
        }
        let reply = replies[index]
        guard reply.ok else { throw Failure("tmux refused '\(text)': \(reply.lines.joined(separator: " "))") }
        return reply.lines
    }

    /// Stops the server and waits until it, its client and the pane's program are gone,
    /// so that the next pass starts on a quiet machine.
    func close() {
        if toClient >= 0 {
            _ = try? command("kill-server", timeout: 2)
            closeFD(toClient)
            toClient = -1
        }
        _ = Self.run(["-L", socket, "kill-server"])
        if clientPid > 0 { Self.reap(clientPid) }
        for pid in [serverPid, panePid] where pid > 0 { Self.waitGone(pid) }
        // tmux leaves the socket file of a killed server behind.
        if let socketPath { unlink(socketPath) }
    }

    // MARK: The control client

    private func attach() throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw Failure("no pipe for tmux's control client") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in input + output { posix_spawn_file_actions_addclose(&actions, fd) }
        let args = ["tmux", "-L", socket, "-C", "attach-session", "-t", "b"]
        var argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let spawned = posix_spawn(&clientPid, "/usr/bin/tmux", &actions, nil, &argv, environ)
        closeFD(input[0])
        closeFD(output[1])
        guard spawned == 0 else {
            closeFD(input[1])
            closeFD(output[0])
            throw Failure("could not start tmux's control client (\(String(cString: strerror(spawned))))")
        }
        toClient = input[1]
        let fromClient = output[0]
        Thread.detachNewThread { [self] in readLoop(fromClient) }
        // The attach itself is answered first (reply 0).
        let deadline = Date(timeIntervalSinceNow: 10)
        condition.lock()
        defer { condition.unlock() }
        while replies.isEmpty {
            if clientGone { throw Failure("tmux's control client ended before attaching") }
            guard condition.wait(until: deadline) else { throw Failure("tmux's control client did not attach within 10 s") }
        }
        guard replies[0].ok else { throw Failure("tmux refused to attach: \(replies[0].lines.joined(separator: " "))") }
    }

    /// The reader thread: splits the client's output into lines, stamped when read.
    private func readLoop(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending: [UInt8] = []
        var block: [String]?
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            let time = now()
            pending += buffer[0..<n]
            var start = 0
            condition.lock()
            while let end = pending[start...].firstIndex(of: 10) {
                let line = pending[start..<end]
                start = end + 1
                if let data = Self.outputData(line) {
                    chunks.append((time, data))
                } else if line.starts(with: Array("%begin".utf8)) {
                    block = []
                } else if line.starts(with: Array("%end".utf8)) || line.starts(with: Array("%error".utf8)) {
                    replies.append((line.starts(with: Array("%end".utf8)), block ?? []))
                    block = nil
                } else if block != nil {
                    block!.append(String(decoding: line, as: UTF8.self))
                }
            }
            condition.broadcast()
            condition.unlock()
            pending.removeFirst(start)
        }
        closeFD(fd)
        condition.withLock {
            clientGone = true
            condition.broadcast()
        }
    }

    /// The bytes of a `%output %<pane> <data>` line: tmux escapes bytes below 32 and the
    /// backslash as `\ooo`.
    private static func outputData(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        guard line.starts(with: Array("%output ".utf8)) else { return nil }
        guard let space = line.dropFirst(8).firstIndex(of: 32) else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var i = space + 1
        while i < line.endIndex {
            let b = line[i]
            if b == 92, line.endIndex - i >= 4 {
                let digits = line[(i + 1)...(i + 3)].map { Int($0) - 48 }
                if digits.allSatisfy({ (0...7).contains($0) }) {
                    out.append(UInt8(truncatingIfNeeded: digits[0] * 64 + digits[1] * 8 + digits[2]))
                    i += 4
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }

    // MARK: Processes

    /// Runs a tmux client to its end (posix_spawn and waitpid: Foundation's Process did not
    /// return from the tmux client that starts a server): its exit status and its errors.
    static func run(_ args: [String]) -> (Int32, String) {
        let errors = NSTemporaryDirectory() + "ketaplan-bench-\(getpid())-tmux.err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argv = (["tmux"] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, &argv, environ)
        guard spawned == 0 else { return (-1, String(cString: strerror(spawned))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        defer { unlink(errors) }
        let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
    }

    /// Waits for a child of this process, killing it after 3 s.
    private static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        let deadline = now() + 3
        while waitpid(pid, &status, WNOHANG) == 0 {
            if now() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); return }
            usleep(10_000)
        }
    }

    /// Waits until a process that is not this one's child is gone, killing it after 5 s.
    private static func waitGone(_ pid: pid_t) {
        let deadline = now() + 5
        while kill(pid, 0) == 0, processState(pid) != "Z" {
            if now() > deadline { kill(pid, SIGKILL); usleep(100_000); return }
            usleep(10_000)
        }
    }

    /// The state letter in /proc/PID/stat (S sleeping, R running, Z zombie), or nil.
    static func processState(_ pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(close, offsetBy: 2)...].split(separator: " ").first.map(String.init)
    }
}

/// Seconds on the monotonic clock.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// close(2), beside the method of the same name.
private func closeFD(_ fd: Int32) { _ = Glibc.close(fd) }
