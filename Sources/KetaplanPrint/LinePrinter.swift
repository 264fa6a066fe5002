import Foundation

/// Sends text to the default printer through `lp`.
public enum LinePrinter {
    /// Why nothing was printed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `lp` found on PATH, if any.
    public static func lpPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/lp"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// - Throws: `Failure` when no `lp` is installed or it reports an error.
    public static func print(_ text: String) throws(Failure) {
        guard let lp = lpPath() else {
            throw Failure(description: "no lp command is installed, so nothing was printed: install CUPS (apt-get install cups-client) or save to a file and print it elsewhere")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lp)
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure(description: "could not run \(lp): \(error.localizedDescription)") }
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "lp failed (exit \(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
