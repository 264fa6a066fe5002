import Foundation
import KetaplanPrint
import KetaplanRecords

/// What CUPS knows about printers, asked through `lpstat`: which exist, which is the
/// default, and whether one is ready to print.
public struct CUPSPrinters {
    let tool: CUPSTool

    /// - Parameter environment: the environment the CUPS tools run in (`CUPS_SERVER`
    ///   picks the server); by default this process's.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        tool = CUPSTool(environment: environment)
    }

    /// The server named by CUPS_SERVER, if any, for messages.
    var server: String? { tool.environment["CUPS_SERVER"] }

    /// - Throws: `PrintError` when CUPS's tools are missing or no scheduler answers.
    func checkScheduler() throws(PrintError) {
        guard let r = tool.run("lpstat", ["-r"]) else { throw .noCUPSClient }
        if r.text.contains("not running") || r.status != 0 { throw .schedulerNotRunning(server: server) }
    }

    /// The destinations CUPS offers (`lpstat -e`), in its order.
    public func available() throws(PrintError) -> [String] {
        try checkScheduler()
        guard let r = tool.run("lpstat", ["-e"]) else { throw .noCUPSClient }
        return r.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// CUPS's default destination (`lpstat -d`), if it has one.
    public func cupsDefault() throws(PrintError) -> PrinterName? {
        try checkScheduler()
        guard let r = tool.run("lpstat", ["-d"]) else { throw .noCUPSClient }
        let prefix = "system default destination: "
        guard let line = r.text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return try? PrinterName(String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces))
    }

    /// The printer to use: `explicit` (from `--printer`), else the clinic's, else CUPS's
    /// default; and it must exist and be ready.
    /// - Throws: `PrintError` naming the printers CUPS offers and how to choose one.
    public func choose(explicit: PrinterName?, clinic: PrinterName?) throws(PrintError) -> PrinterChoice {
        let choice: PrinterChoice
        if let explicit {
            choice = PrinterChoice(name: explicit, source: .flag)
        } else if let clinic {
            choice = PrinterChoice(name: clinic, source: .clinic)
        } else if let fallback = try cupsDefault() {
            choice = PrinterChoice(name: fallback, source: .cupsDefault)
        } else {
            throw .noPrinterChosen(available: try available())
        }
        try checkReady(choice.name)
        return choice
    }

    /// - Throws: `PrintError.unknownPrinter`, `.stopped` or `.notAccepting`.
    public func checkReady(_ name: PrinterName) throws(PrintError) {
        let all = try available()
        guard all.contains(name.rawValue) else { throw .unknownPrinter(name, available: all) }
        if let r = tool.run("lpstat", ["-p", name.rawValue]), r.text.contains(" disabled ") {
            throw .stopped(name, reason: Self.reason(r.text))
        }
        if let r = tool.run("lpstat", ["-a", name.rawValue]), r.text.contains(" not accepting ") {
            throw .notAccepting(name, reason: Self.reason(r.text))
        }
    }

    /// The indented lines `lpstat` prints under a state: CUPS's stated reason.
    static func reason(_ text: String) -> String {
        text.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
