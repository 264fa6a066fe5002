import Foundation

/// Runs one of CUPS's command-line tools (`lp`, `lpstat`, `cupsfilter`) and collects what
/// it said. Output goes through files, not pipes, so a large PDF on standard output cannot
/// fill a pipe and stall the tool; a tool that hangs is stopped after `timeout`.
struct CUPSTool {
    struct Result {
        var status: Int32
        var output: Data
        var errors: String
        var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// How long a tool may take: CUPS answers queries at once (`lpstat`; the screen waits
    /// for it, so not long), `lp` returns when the job is queued, not when it is printed,
    /// and `cupsfilter` converts a few pages.
    static func timeout(_ tool: String) -> TimeInterval { tool == "lpstat" ? 15 : 60 }

    let environment: [String: String]

    /// The caller's environment (so `CUPS_SERVER` is honoured) with CUPS's messages in
    /// English, which is what the error messages are recognised by.
    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var env = environment
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        self.environment = env
    }

    /// The tool on PATH, if installed.
    func path(of tool: String) -> String? {
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        // cupsfilter lives in sbin, which an ordinary user's PATH may lack.
        for dir in ["/usr/sbin", "/sbin"] where tool == "cupsfilter" {
            if FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") { return "\(dir)/\(tool)" }
        }
        return nil
    }

    /// Runs `tool` with `arguments`; nil when it is not installed or could not start.
    func run(_ tool: String, _ arguments: [String]) -> Result? {
        guard let executable = path(of: tool) else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ketaplan-\(tool)-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])) != nil else { return nil }
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil),
              let out = try? FileHandle(forWritingTo: outURL), let err = try? FileHandle(forWritingTo: errURL) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch { return nil }
        if done.wait(timeout: .now() + Self.timeout(tool)) == .timedOut {
            process.terminate()
            done.wait()
            try? out.close(); try? err.close()
            return Result(status: -1, output: Data(), errors: "\(tool) did not finish within \(Int(Self.timeout(tool))) seconds")
        }
        try? out.close(); try? err.close()
        let errors = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, output: (try? Data(contentsOf: outURL)) ?? Data(),
                      errors: errors.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
