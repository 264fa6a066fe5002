import Foundation
import KetaplanEngine
import KetaplanStore

/// The state one command works on: the store, the clinic's summaries, and today. Charts
/// are read one at a time, when a command needs one.
struct Workspace {
    let store: ClinicStore
    let snapshot: SummarySnapshot
    let today: CalendarDay

    init(_ global: GlobalOptions) throws {
        store = global.store()
        today = try global.day()
        snapshot = store.loadSummaries()
    }

    var clinic: ClinicFile { snapshot.clinic }

    /// The scheduling context for `patient`: other plans' chairs count, this one's do not.
    func context(for patient: PatientID?) -> SchedulingContext {
        SchedulingContext(today: today, calendar: clinic.calendar, settings: clinic.settings,
                          bookings: ChairBookings(summaries: snapshot.summaries, excluding: patient))
    }

    func scheduler(for patient: PatientID?) -> Scheduler { Scheduler(context: context(for: patient)) }

    /// A patient's chart; a file that does not load is reported as such.
    func chart(_ id: String) throws -> StoredChart {
        do { return try store.loadPatient(id) } catch { throw Failure(error.description) }
    }

    /// Saves, turning store errors into one-line failures.
    @discardableResult
    func save(_ chart: PatientChart, over loaded: StoredChart, changes: [String]) throws -> StoredChart {
        do { return try store.save(chart, over: loaded, changes: changes) } catch { throw Failure(error.description) }
    }
}

extension PlanChange {
    /// The change in the words of the audit log and the command line, with session numbers.
    func line(in plan: Plan) -> String {
        func n(_ id: SessionID) -> String { plan.number(of: id).map { "session \($0)" } ?? "session \(id)" }
        switch self {
        case .moved(let id, let from, let to): return "\(n(id)) \(from) -> \(to)"
        case .added(let id, let day): return "\(n(id)) added on \(day)"
        case .removed(let id, let day): return "session on \(day) removed (\(id))"
        case .doseChanged(let id, let from, let to):
            return "\(n(id)) planned dose \(from.map { formatNumber($0) } ?? "none") -> \(to.map { formatNumber($0) } ?? "none") mg"
        }
    }
}
