import ArgumentParser
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan patients`: one line per patient with the next session and warnings.
struct PatientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patients", abstract: "List the clinic's patients.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var id: String
        var name: String
        var protocolID: String?
        var phase: String?
        var status: String?
        var nextSession: String?
        var warnings: Int
        var critical: Int
    }

    func run() throws {
        let ws = try Workspace(global)
        let checker = SafetyChecker(context: ws.context(for: nil))
        let rows = ws.snapshot.charts.sorted { $0.id < $1.id }.map { stored -> Row in
            let chart = stored.chart
            let warnings = checker.warnings(for: chart).filter { $0.severity != .info }
            return Row(id: chart.patient.id.rawValue, name: chart.patient.name, protocolID: chart.plan?.protocolCopy.id.rawValue,
                       phase: chart.plan.map { $0.currentPhase(on: ws.today).rawValue }, status: chart.plan?.status.rawValue,
                       nextSession: chart.plan?.nextPlanned(onOrAfter: ws.today)?.date.iso,
                       warnings: warnings.count, critical: warnings.filter { $0.severity == .critical }.count)
        }
        for problem in ws.snapshot.problems { printError("ketaplan: skipped \(problem.path): \(problem.error)") }
        if json { return try printJSON(rows) }
        var table = TextTable(headers: ["ID", "NAME", "PROTOCOL", "PHASE", "NEXT", "WARNINGS"])
        for r in rows {
            let w = r.warnings == 0 ? "-" : "\(r.warnings)" + (r.critical > 0 ? " (\(r.critical) critical)" : "")
            table.add([r.id, r.name, r.protocolID ?? "no plan", r.phase ?? "", r.nextSession ?? "-", w])
        }
        table.lines().forEach { print($0) }
    }
}
