import ArgumentParser
import Foundation
import KetaplanEngine

/// Prints plans the engine makes for a demo patient on a demo clinic calendar.
struct DemoPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-plan",
        abstract: "Print the plan the engine makes for a demo patient under each built-in protocol."
    )

    @Option(help: "The engine's today, YYYY-MM-DD (default: the real date).")
    var today: String?

    @Option(name: .customLong("protocol"), help: "Only this protocol (\(BuiltInProtocols.all.map(\.id.rawValue).joined(separator: ", "))).")
    var protocolID: String?

    func run() throws {
        let day: CalendarDay
        if let today {
            do { day = try CalendarDay(iso: today) } catch { throw ValidationError("--today: \(error.description)") }
        } else {
            let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
            day = try CalendarDay(year: c.year!, month: c.month!, day: c.day!)
        }
        var protocols = BuiltInProtocols.all
        if let protocolID {
            guard let p = BuiltInProtocols.protocolWith(id: ProtocolID(protocolID)) else {
                throw ValidationError(ProtocolError.unknown(protocolID, known: BuiltInProtocols.all.map(\.id)).description)
            }
            protocols = [p]
        }
        // A clinic open Monday to Friday, closed on the second Monday from today.
        let closed = (1...14).map { day.adding(days: $0) }.filter { $0.weekday == .monday }.dropFirst().first
        let context = SchedulingContext(today: day, calendar: ClinicCalendar(closedDates: Set([closed].compactMap { $0 })), horizon: day.adding(days: 120))
        let patient = try Patient(
            id: PatientID("DEMO-1"), name: "Zoë Demo", dateOfBirth: CalendarDay(iso: "1979-04-12"), sex: .female,
            weight: WeightMeasurement(kilograms: 68.5, measuredOn: day), heightCm: 168,
            conditions: [.treatmentResistantDepression], screening: .allClear(on: day))
        for proto in protocols {
            var chart = PatientChart(patient: patient)
            chart.plan = try Scheduler(context: context).makePlan(for: chart, protocol: proto, start: day)
            print("\(proto.name) [\(proto.id)]")
            if let policy = chart.plan?.maintenancePolicy { print("Maintenance: \(policy)") }
            for (index, session) in (chart.plan?.sessions ?? []).enumerated() {
                let dose = session.plannedDoseMg.map { formatNumber($0) + " mg" } ?? "-"
                print("  \(String(index + 1).leftPadded(2)) \(session.date.shortLabel)  \(session.phase.title.padded(12)) \(dose.leftPadded(7))")
                print("       why: \(session.reason)")
            }
            for warning in SafetyChecker(context: context).warnings(for: chart) {
                print("  ! \(warning)")
            }
            print("")
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
