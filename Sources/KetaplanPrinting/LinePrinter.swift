import Foundation
import KetaplanPrint
import KetaplanRecords

/// Sends a printout to a CUPS printer with `lp`, with the page settings that make its
/// grid fit the paper (`PageSetup`), and makes PDF files with CUPS's own converter.
public struct LinePrinter {
    let printers: CUPSPrinters

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        printers = CUPSPrinters(environment: environment)
    }

    /// Prints `text` on the chosen printer.
    /// - Parameters:
    ///   - title: the job's name in the printer's queue, e.g. "P-0001 plan summary".
    /// - Returns: CUPS's job id, e.g. "office-42".
    /// - Throws: `PrintError` naming the printer and what to do.
    public func print(_ text: String, setup: PageSetup, on printer: PrinterChoice, title: String) throws(PrintError) -> String {
        // The queue may have stopped since the printer was chosen (the preview asks CUPS
        // when it opens); lp would queue the job there unprinted.
        try printers.checkReady(printer.name)
        let file = try Self.spool(text)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let options = setup.cupsOptions.flatMap { ["-o", $0] }
        guard let r = printers.tool.run("lp", ["-d", printer.name.rawValue, "-t", title] + options + ["--", file]) else { throw .noCUPSClient }
        guard r.status == 0 else {
            if r.errors.contains("not accepting") { throw .notAccepting(printer.name, reason: "") }
            if r.errors.contains("does not exist") { throw .unknownPrinter(printer.name, available: (try? printers.available()) ?? []) }
            throw .refused(printer.name, message: r.errors.replacingOccurrences(of: "lp: ", with: ""))
        }
        // "request id is office-42 (1 file(s))"
        let words = r.text.split(separator: " ")
        if let i = words.firstIndex(of: "is"), i + 1 < words.count { return String(words[i + 1]) }
        return r.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The PPD of cups-filters' generic PDF printer: without a PPD the text filter ignores
    /// the paper size and always makes Letter.
    static let genericPDFPrinter = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd"

    /// The same pages as a PDF, made by CUPS's `cupsfilter` (its text filter, the one a
    /// print job goes through), not by ketaplan. The paper is the setup's, else the
    /// system's (`/etc/papersize`), else Letter.
    /// - Throws: `PrintError.noConverter` or `.conversionFailed`.
    public func pdf(_ text: String, setup: PageSetup) throws(PrintError) -> Data {
        let file = try Self.spool(text)
        defer { try? FileManager.default.removeItem(atPath: file) }
        var setup = setup
        if setup.paper == nil { setup.paper = Self.systemPaper() }
        let ppd = FileManager.default.fileExists(atPath: Self.genericPDFPrinter) ? ["-p", Self.genericPDFPrinter] : []
        let options = setup.cupsOptions.flatMap { ["-o", $0] }
        guard let r = printers.tool.run("cupsfilter", ppd + ["-i", "text/plain", "-m", "application/pdf"] + options + [file]) else { throw .noConverter }
        guard r.status == 0, r.output.starts(with: Data("%PDF".utf8)) else {
            let said = r.errors.split(separator: "\n").filter { !$0.hasPrefix("DEBUG") && !$0.hasPrefix("INFO") }.joined(separator: "; ")
            throw .conversionFailed(message: said.isEmpty ? "exit \(r.status)" : said)
        }
        return r.output
    }

    /// The paper named in `/etc/papersize` (libpaper's setting), if it is one ketaplan knows.
    static func systemPaper() -> Paper? {
        guard let text = try? String(contentsOfFile: "/etc/papersize", encoding: .utf8) else { return nil }
        let name = text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return name.flatMap { Paper(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
    }

    /// Writes the text to a private temporary file for the tools to read.
    static func spool(_ text: String) throws(PrintError) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ketaplan-print-\(UUID().uuidString).txt").path
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .cannotSpool(folder: FileManager.default.temporaryDirectory.path)
        }
        return path
    }
}
