import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanPrint
import KetaplanStore

/// `ketaplan export`: calendar, spreadsheet and FHIR files of plans.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export plans as iCalendar (ics), CSV or HL7 FHIR R4 JSON.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's id (or use --all).", transform: PatientID.init) var patient: PatientID?
    @Flag(help: "Every patient in the data folder.") var all = false
    @Option(help: "What to write: iCalendar, CSV or FHIR.") var format: ExportFormat
    @Option(help: "Write to this file instead of standard output (not inside the data folder, except its exports/).") var output: String?
    @Flag(help: "Replace --output FILE if it exists.") var force = false

    func validate() throws {
        guard (patient != nil) != all else { throw ValidationError("name one PATIENT or give --all, not both or neither") }
    }

    func run() throws {
        let store = global.store()
        let today = try global.day()
        let stored: [StoredChart]
        if let patient {
            do { stored = [try store.loadPatient(patient)] } catch { throw Failure(error.description) }
        } else {
            let snapshot = store.loadAll()
            for problem in snapshot.problems { printError("ketaplan: skipped \(problem.description)") }
            stored = snapshot.charts.sorted { $0.chart.patient.id < $1.chart.patient.id }
        }
        let charts = stored.map(\.chart)
        let clinic: ClinicFile
        do { clinic = try store.loadClinic() } catch { throw Failure(error.description) }
        let context = PrintContext(clinic: clinic, today: today, printedBy: store.user)
        let text: String
        switch format {
        case .ics: text = ICalendarExport.ics(charts, context, at: WallClock.instant(store.now()), revisions: stored.map(\.revision))
        case .csv: text = CSVExport.csv(charts, context: context)
        case .fhir: text = FHIRExport.bundle(charts, context)
        }
        try emit(text, to: output, folder: store.folder, force: force)
    }
}

/// Writes to a file (atomically, 0600) or standard output.
func emit(_ text: String, to output: String?, folder: DataFolder, force: Bool) throws {
    try emit(Data(text.utf8), to: output, folder: folder, force: force)
}

/// Writes bytes (a PDF, or text) to a file (atomically, 0600) or standard output. A file
/// inside the data folder (but for its exports/) is refused, and an existing one is
/// replaced only with `--force`.
func emit(_ data: Data, to output: String?, folder: DataFolder, force: Bool) throws {
    guard let output else {
        FileHandle.standardOutput.write(data)
        return
    }
    if let problem = folder.outputProblem(output) { throw Failure(problem) }
    var st = stat()
    if lstat(output, &st) == 0 {
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw Failure("\(output) exists and is not a regular file; choose another --output") }
        guard force else { throw Failure("\(output) already exists; add --force to replace it, or choose another --output") }
    }
    do { try AtomicFile.write(data, to: output) } catch { throw Failure(error.description) }
    printError("Wrote \(output)")
}
