import Foundation

/// Runs the real `ketaplan` binary on a temporary data folder.
public struct CLI: Sendable {
    /// The data folder every run uses.
    public let data: String

    /// A new temporary data folder (not created: the first command creates it).
    public init() {
        let template = NSTemporaryDirectory() + "ketaplan-cli-XXXXXX"
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        data = String(cString: made!) + "/data"
    }

    /// Runs on `data`, an existing folder or one the first command creates.
    public init(data: String) { self.data = data }

    /// The `ketaplan` binary built beside the tests.
    public static var binary: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ketaplan").path
            if FileManager.default.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest") { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "ketaplan"
    }

    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    @discardableResult
    public func run(_ args: String..., today: String = "2026-01-05") -> Result { run(args, today: today) }

    /// Runs ketaplan with `args`, the data folder and today after them.
    @discardableResult
    public func run(_ args: [String], today: String = "2026-01-05") -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = args + ["--data", data, "--today", today]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    public func file(_ relative: String) -> Data? { FileManager.default.contents(atPath: data + "/" + relative) }

    public func cleanUp() { try? FileManager.default.removeItem(atPath: (data as NSString).deletingLastPathComponent) }
}
