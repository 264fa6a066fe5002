import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanPrint
import KetaplanPrinting
import KetaplanStore

/// `ketaplan print`: the plan summary for the chart, or the patient's handout, to standard
/// output, a file (text, Markdown or PDF) or a CUPS printer.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print", abstract: "Print a plan summary (80 columns, 66-line pages) or a patient handout.")

    /// What the printout is written as.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, pdf
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
    @Flag(help: "The patient's handout instead of the plan summary.") var handout = false
    @Option(help: "text, markdown (summary only) or pdf (the printed pages, made by CUPS's cupsfilter; needs --output).")
    var format: Format = .text
    @Option(help: "Write to this file instead of standard output (not inside the data folder, except its exports/).") var output: String?
    @Flag(help: "Replace --output FILE if it exists.") var force = false
    @Flag(help: "Send it to a printer through CUPS (lp), with page settings that fit A4 and Letter.") var lp = false
    @Option(help: ArgumentHelp("The CUPS printer for --lp (default: the clinic's printer, else CUPS's default).", valueName: "NAME"))
    var printer: String?

    func validate() throws {
        if handout && format == .markdown { throw ValidationError("--format: the handout is text or pdf, not markdown") }
        if lp && output != nil { throw ValidationError("give --output FILE or --lp, not both") }
        if lp && format != .text { throw ValidationError("--lp prints the page layout itself: leave out --format (markdown is for pasting, pdf for --output)") }
        if format == .pdf && output == nil { throw ValidationError("--format pdf writes a file: give --output FILE.pdf") }
        if printer != nil && !lp { throw ValidationError("--printer chooses where --lp prints: add --lp") }
    }

    func run() throws {
        let store = global.store()
        let today = try global.day()
        let chart: PatientChart
        let clinic: ClinicFile
        do {
            chart = try store.loadPatient(patient).chart
            clinic = try store.loadClinic()
        } catch { throw Failure(error.description) }
        let context = PrintContext(clinic: clinic, today: today, printedBy: store.user)
        let setup = handout ? PageSetup.handout(paper: clinic.paper) : PageSetup.summary(paper: clinic.paper)
        let text = handout ? PatientHandout.text(chart, context)
            : PlanSummary.render(chart, context, format: format == .markdown ? .markdown : .text)
        let cups = LinePrinter()
        if lp {
            var named: PrinterName?
            if let printer {
                do { named = try PrinterName(printer) } catch { throw ValidationError("--printer: \(error.description)") }
            }
            do {
                let choice = try CUPSPrinters().choose(explicit: named, clinic: clinic.printer)
                let job = try cups.print(text, setup: setup, on: choice, title: "\(chart.patient.id) \(handout ? "handout" : "plan summary")")
                printError("Sent to \(choice.description), \(setup.summaryLine): job \(job).")
            } catch { throw Failure(error.description) }
        } else if format == .pdf {
            let pdf: Data
            do { pdf = try cups.pdf(text, setup: setup) } catch { throw Failure(error.description) }
            try emit(pdf, to: output, folder: global.folder, force: force)
        } else {
            try emit(text, to: output, folder: global.folder, force: force)
        }
    }
}
