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
        let rows = ws.snapshot.summaries.sorted { $0.id < $1.id }.map { s -> Row in
            Row(id: s.id.rawValue, name: s.name, protocolID: s.protocolID?.rawValue, phase: s.phase?.rawValue, status: s.planStatus?.rawValue,
                nextSession: s.nextSession(onOrAfter: ws.today)?.iso, warnings: s.warningCodes.count, critical: s.criticalWarnings)
        }
        let folderProblems = ws.store.folderProblems()
        if let problem = folderProblems.first { throw Failure(problem.description) }
        for problem in ws.snapshot.problems { printError("ketaplan: skipped \(problem.description)") }
        if json {
            try printJSON(rows)
            return try failIfIncomplete(ws.snapshot.problems.count)
        }
        var table = TextTable(headers: ["ID", "NAME", "PROTOCOL", "PHASE", "NEXT", "WARNINGS"])
        for r in rows {
            let w = r.warnings == 0 ? "-" : "\(r.warnings)" + (r.critical > 0 ? " (\(r.critical) critical)" : "")
            table.add([r.id, r.name, r.protocolID ?? "no plan", r.phase ?? "", r.nextSession ?? "-", w])
        }
        table.lines().forEach { print($0) }
        try failIfIncomplete(ws.snapshot.problems.count)
    }

    /// A list that misses patients must not pass for the whole clinic (a colleague's file
    /// this user may not read would otherwise just vanish from it): exit 1 after it.
    func failIfIncomplete(_ skipped: Int) throws {
        guard skipped > 0 else { return }
        printError("ketaplan: the list is incomplete: \(skipped) file\(skipped == 1 ? "" : "s") could not be read (above); `ketaplan validate` says how to fix each")
        throw ExitCode(1)
    }
}
