import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanPrint
import KetaplanStore

/// `ketaplan print`: the plan summary for the chart, or the patient's handout.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print", abstract: "Print a plan summary (80 columns, 66-line pages) or a patient handout.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's id.") var patient: String
    @Flag(help: "The patient's handout instead of the plan summary.") var handout = false
    @Option(help: "text or markdown (summary only).") var format: String = "text"
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Send it to the default printer with lp.") var lp = false

    func validate() throws {
        guard PlanSummary.Format(rawValue: format) != nil else { throw ValidationError("--format: '\(format)' is not accepted; use text or markdown") }
        if handout && format != "text" { throw ValidationError("--format: the handout is plain text only") }
        if lp && output != nil { throw ValidationError("give --output FILE or --lp, not both") }
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
        let text = handout ? PatientHandout.text(chart, context) : PlanSummary.render(chart, context, format: PlanSummary.Format(rawValue: format)!)
        if lp {
            do { try LinePrinter.print(text) } catch { throw Failure(error.description) }
            printError("Sent to the printer with lp.")
        } else {
            try emit(text, to: output)
        }
    }
}
