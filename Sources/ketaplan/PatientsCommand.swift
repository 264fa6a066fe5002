import ArgumentParser
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan patients`: one line per patient with the next session and warnings.
///
/// Patients whose plan is completed or discontinued are archived: the list leaves them
/// out (and says how many it left out) unless `--archived` asks for them instead.
struct PatientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients",
        abstract: "List the clinic's patients under care (no plan yet, active or paused); --archived lists those whose plan was completed or discontinued.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "List the archived patients (plan completed or discontinued) instead.") var archived = false
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var id: PatientID
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
        let checked = ws.checked
        let all = checked.summaries.sorted { $0.id < $1.id }
        let chosen = all.filter { $0.isArchived == archived }
        let rows = chosen.map { s -> Row in
            Row(id: s.id, name: s.name, protocolID: s.protocolID?.rawValue, phase: s.phase?.rawValue, status: s.planStatus?.rawValue,
                nextSession: s.nextSession(onOrAfter: ws.today)?.iso, warnings: s.warningCodes.count, critical: s.criticalWarnings)
        }
        let folderProblems = ws.store.folderProblems()
        if let problem = folderProblems.first { throw Failure(problem.description) }
        for problem in checked.problems { printError("ketaplan: skipped \(problem.description)") }
        let left = all.count - chosen.count
        if !archived && left > 0 {
            printError("ketaplan: \(left) archived patient\(left == 1 ? "" : "s") (plan completed or discontinued) not listed; `ketaplan patients --archived` lists them")
        }
        if json {
            try printJSON(rows)
            return try failIfIncomplete(checked.problems.count)
        }
        var table = TextTable(headers: archived ? ["ID", "NAME", "PROTOCOL", "STATUS"] : ["ID", "NAME", "PROTOCOL", "PHASE", "NEXT", "WARNINGS"])
        for r in rows {
            if archived {
                table.add([r.id.rawValue, r.name, r.protocolID ?? "no plan", r.status ?? ""])
                continue
            }
            let w = r.warnings == 0 ? "-" : "\(r.warnings)" + (r.critical > 0 ? " (\(r.critical) critical)" : "")
            table.add([r.id.rawValue, r.name, r.protocolID ?? "no plan", r.phase ?? "", r.nextSession ?? "-", w])
        }
        table.lines().forEach { print($0) }
        try failIfIncomplete(checked.problems.count)
    }

    /// A list that misses patients must not pass for the whole clinic (a colleague's file
    /// this user may not read would otherwise just vanish from it): exit 1 after it.
    func failIfIncomplete(_ skipped: Int) throws {
        guard skipped > 0 else { return }
        printError("ketaplan: the list is incomplete: \(skipped) file\(skipped == 1 ? "" : "s") could not be read (above); `ketaplan validate` says how to fix each")
        throw ExitCode(1)
    }
}
