import Foundation

/// A CUPS server of the test's own: `cupsd` with its configuration, spool, logs and socket
/// in a temporary folder, so nothing outside the test is touched, and a cups-pdf queue whose
/// PDFs land in that folder too.
///
/// cups-pdf reads its settings only from `/etc/cups/cups-pdf-QUEUE.conf` (the folder is
/// compiled in). So cupsd runs in a private mount namespace (`unshare --mount`) in which the
/// temporary configuration folder is bind-mounted over `/etc/cups`: cupsd, its filters and
/// the cups-pdf backend see the test's files, and the rest of the machine sees nothing.
/// This needs root, as the cups-pdf backend does anyway.
final class PrivateCUPS {
    /// Packages these tests need; scripts/system-packages.sh installs them when run as root.
    static let packages = ["cups", "cups-bsd", "printer-driver-cups-pdf", "poppler-utils", "fontconfig", "fonts-dejavu-core", "fonts-arphic-uming"]
    static let ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"

    /// What is missing for a private CUPS here, if anything.
    static var missing: String? {
        if getuid() != 0 { return "not root" }
        let needed = ["/usr/sbin/cupsd", "/usr/sbin/lpadmin", "/usr/bin/lp", "/usr/bin/lpstat", "/usr/sbin/cupsfilter",
                      "/usr/lib/cups/backend/cups-pdf", ppd, "/usr/bin/pdftotext", "/usr/bin/pdfinfo", "/usr/bin/pdftoppm",
                      "/usr/bin/unshare", "/usr/bin/fc-match", "/usr/share/fonts/truetype/arphic/uming.ttc"]
        let absent = needed.filter { !FileManager.default.fileExists(atPath: $0) }
        return absent.isEmpty ? nil : "missing " + absent.joined(separator: ", ")
    }

    static var available: Bool {
        if let why = missing {
            FileHandle.standardError.write(Data("CUPS printing tests skipped (\(why)): run as root with \(packages.joined(separator: ", ")) installed (scripts/test.sh installs them).\n".utf8))
            return false
        }
        return true
    }

    let root: String
    var socket: String { root + "/run/cups.sock" }
    var pdfFolder: String { root + "/pdf" }
    private var process: Process?

    /// The environment for CUPS clients (and ketaplan) that talk to this server.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["CUPS_SERVER"] = socket
        env["LC_ALL"] = "C"
        return env
    }

    init() throws {
        var template = Array("/tmp/ketaplan-cups-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { throw Problem("mkdtemp failed") }
        root = String(cString: made)
        let fm = FileManager.default
        for dir in ["etc/ppd", "etc/ssl", "spool/tmp", "cache", "state", "log", "run", "pdf", "pdf-spool"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        // cupsd runs filters as the lp user, which must reach the folder.
        chmod(root, 0o755)
        chmod(root + "/pdf", 0o1777)
        chmod(root + "/pdf-spool", 0o1777)
        try """
        ServerRoot \(root)/etc
        RequestRoot \(root)/spool
        TempDir \(root)/spool/tmp
        CacheDir \(root)/cache
        StateDir \(root)/state
        AccessLog \(root)/log/access_log
        ErrorLog \(root)/log/error_log
        PageLog \(root)/log/page_log
        SystemGroup root

        """.write(toFile: root + "/etc/cups-files.conf", atomically: true, encoding: .utf8)
        try """
        Listen \(socket)
        Browsing No
        WebInterface No
        LogLevel warn
        DefaultAuthType None
        <Location />
          Order allow,deny
          Allow all
        </Location>
        <Policy default>
          <Limit All>
            Order deny,allow
          </Limit>
        </Policy>

        """.write(toFile: root + "/etc/cupsd.conf", atomically: true, encoding: .utf8)
        // Read by the cups-pdf backend as /etc/cups/cups-pdf-ketaplan.conf (device cups-pdf:/ketaplan).
        try """
        Out \(root)/pdf
        AnonDirName \(root)/pdf
        Spool \(root)/pdf-spool
        Log \(root)/log
        Grp root

        """.write(toFile: root + "/etc/cups-pdf-ketaplan.conf", atomically: true, encoding: .utf8)
        try start()
    }

    private func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        // The shell keeps cupsd in the foreground of the namespace and ends it when told
        // (stop) or when the test process is gone (killed mid-run), so no cupsd outlives
        // the tests.
        let script = """
            mount --bind '\(root)/etc' /etc/cups || exit 1
            /usr/sbin/cupsd -f -c '\(root)/etc/cupsd.conf' -s '\(root)/etc/cups-files.conf' &
            c=$!
            trap 'kill $c 2>/dev/null; wait $c; exit 0' TERM INT HUP
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 1 & wait $!; done
            kill $c 2>/dev/null; wait $c
            """
        p.arguments = ["--mount", "--propagation", "private", "--", "/bin/sh", "-c", script]
        _ = FileManager.default.createFile(atPath: root + "/log/cupsd.out", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/log/cupsd.out"))
        p.standardOutput = log
        p.standardError = log
        p.standardInput = FileHandle.nullDevice
        try p.run()
        process = p
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if run("/usr/bin/lpstat", ["-r"]).out.contains("scheduler is running") { return }
            guard p.isRunning else { break }
            usleep(100_000)
        }
        let said = (try? String(contentsOfFile: root + "/log/cupsd.out", encoding: .utf8)) ?? ""
        stop()
        throw Problem("the private cupsd did not start within 30 s: \(said)")
    }

    /// Adds a cups-pdf queue.
    func addPDFQueue(_ name: String) throws {
        let r = run("/usr/sbin/lpadmin", ["-p", name, "-E", "-v", "cups-pdf:/ketaplan", "-P", Self.ppd])
        guard r.status == 0 else { throw Problem("lpadmin failed: \(r.err)") }
    }

    /// Waits until no job is pending and `count` PDFs are in the output folder (cups-pdf
    /// writes each job's PDF when the job ends); returns them oldest first.
    func waitForPDFs(_ count: Int, timeout: TimeInterval = 90) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let files = pdfs()
            if files.count >= count, run("/usr/bin/lpstat", ["-o"]).out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return files
            }
            usleep(200_000)
        }
        let log = (try? String(contentsOfFile: root + "/log/error_log", encoding: .utf8)) ?? ""
        throw Problem("expected \(count) PDFs from cups-pdf within \(Int(timeout)) s, found \(pdfs().count); jobs: \(run("/usr/bin/lpstat", ["-o"]).out); log: \(log.suffix(2000))")
    }

    func pdfs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pdfFolder)) ?? []
        return names.filter { $0.hasSuffix(".pdf") }.map { pdfFolder + "/" + $0 }.sorted {
            let a = (try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date) ?? .distantPast
            let b = (try? FileManager.default.attributesOfItem(atPath: $1)[.modificationDate] as? Date) ?? .distantPast
            return a == b ? $0 < $1 : a < b
        }
    }

    /// Runs a CUPS client (or any tool) against this server.
    @discardableResult
    func run(_ tool: String, _ args: [String], environment extra: [String: String] = [:]) -> Tool.Result {
        Tool.run(tool, args, environment: environment.merging(extra) { _, b in b })
    }

    /// Stops cupsd (SIGTERM, then SIGKILL after 10 s) and removes the folder.
    func stop() {
        if let p = process, p.isRunning {
            p.terminate()
            let deadline = Date().addingTimeInterval(10)
            while p.isRunning && Date() < deadline { usleep(50_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        }
        process = nil
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit { stop() }
}

/// A test precondition that did not hold.
struct Problem: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Runs a tool, output through files (a PDF or image on standard output can be large).
enum Tool {
    struct Result {
        var status: Int32
        var data: Data
        var err: String
        var out: String { String(decoding: data, as: UTF8.self) }
    }

    static func run(_ tool: String, _ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Result {
        let dir = "/tmp/ketaplan-tool-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.environment = environment
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try? FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
        p.standardError = try? FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        do { try p.run() } catch { return Result(status: -1, data: Data(), err: "\(tool): \(error)") }
        p.waitUntilExit()
        return Result(status: p.terminationStatus, data: FileManager.default.contents(atPath: dir + "/out") ?? Data(),
                      err: String(decoding: FileManager.default.contents(atPath: dir + "/err") ?? Data(), as: UTF8.self))
    }
}
