import KetaplanRecords

/// Why nothing was printed, in words a clinician can act on. Every message names the
/// printer (where there is one) and what to do; nothing is lost, since the same text can
/// still be saved to a file.
public enum PrintError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `lp` (or `lpstat`) is not installed.
    case noCUPSClient
    /// No CUPS scheduler answers (none installed, or it is stopped).
    case schedulerNotRunning(server: String?)
    /// No printer was named and CUPS has no default; lists what CUPS offers.
    case noPrinterChosen(available: [String])
    case unknownPrinter(PrinterName, available: [String])
    /// The queue is stopped (`cupsdisable`): jobs would wait there unprinted.
    case stopped(PrinterName, reason: String)
    /// The queue refuses jobs (`cupsreject`).
    case notAccepting(PrinterName, reason: String)
    /// `lp` refused for another reason; its own words.
    case refused(PrinterName, message: String)
    /// `cupsfilter` (CUPS's converter, for PDF files) is not installed.
    case noConverter
    case conversionFailed(message: String)
    /// The text could not be handed to CUPS through a temporary file.
    case cannotSpool(folder: String)

    static let keep = "Nothing was printed; save it to a file instead with --output FILE (w in the print preview)."

    public var description: String {
        switch self {
        case .noCUPSClient:
            return "no lp command is installed, so nothing was printed: install CUPS (apt-get install cups-client, and cups for a local print server) or save to a file and print it elsewhere. " + Self.keep
        case .schedulerNotRunning(let server):
            let where_ = server.map { "at \($0) (CUPS_SERVER)" } ?? "on this computer"
            return "no CUPS print server is running \(where_): start it (service cups start), or point CUPS_SERVER at the clinic's print server. " + Self.keep
        case .noPrinterChosen(let available):
            return "no printer chosen and CUPS has no default printer. "
                + Self.offer(available)
                + " Name one with --printer NAME, set the clinic's with `ketaplan clinic set --printer NAME`, or make one CUPS's default (lpoptions -d NAME). " + Self.keep
        case .unknownPrinter(let name, let available):
            return "CUPS has no printer '\(name)'. " + Self.offer(available)
                + " Use one of those with --printer, or change the clinic's printer with `ketaplan clinic set --printer NAME`. " + Self.keep
        case .stopped(let name, let reason):
            return "printer '\(name)' is stopped\(reason.isEmpty ? "" : " (\(reason))"): a job sent now would wait unprinted. Fix the printer and start the queue (cupsenable \(name)), or choose another with --printer. " + Self.keep
        case .notAccepting(let name, let reason):
            return "printer '\(name)' is not accepting jobs\(reason.isEmpty ? "" : " (\(reason))"): let it accept them again (cupsaccept \(name)) or choose another with --printer. " + Self.keep
        case .refused(let name, let message):
            return "CUPS did not take the job for printer '\(name)': \(message). " + Self.keep
        case .noConverter:
            return "no cupsfilter is installed, so no PDF was made: install CUPS (apt-get install cups), or save the text with --format text. Nothing was written."
        case .cannotSpool(let folder):
            return "could not write a temporary file in \(folder) to hand to CUPS: free some space or set TMPDIR to a writable folder. " + Self.keep
        case .conversionFailed(let message):
            return "cupsfilter could not make the PDF: \(message). Nothing was written; the text can still be saved with --format text."
        }
    }

    static func offer(_ available: [String]) -> String {
        available.isEmpty ? "CUPS offers no printers at all (lpstat -e lists none): add one with the printer's setup or lpadmin." : "Printers CUPS offers (lpstat -e): \(available.joined(separator: ", "))."
    }
}
