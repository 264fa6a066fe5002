import ArgumentParser
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan protocols`.
struct ProtocolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "protocols", abstract: "List the protocols plans can use.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let clinic: ClinicFile
        do { clinic = try global.store().loadClinic() } catch { throw Failure(error.description) }
        if json { return try printJSON(clinic.allProtocols) }
        var table = TextTable(headers: ["ID", "ROUTE", "PHASES", "NAME"])
        for p in clinic.allProtocols {
            let phases = p.phases.map { phase -> String in
                switch phase.length {
                case .sessions(let n): return "\(phase.kind) \(n) sessions"
                case .weeks(let w): return "\(phase.kind) \(w) wk x\(phase.sessionsPerWeek)"
                case .openEnded: return "\(phase.kind)"
                }
            }.joined(separator: ", ")
            table.add([p.id.rawValue, p.route.rawValue, phases, p.name])
        }
        table.lines(maxColumnWidth: 70).forEach { print($0) }
    }
}
