import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore

/// The state one command works on: the store, the clinic, today, and (read when first
/// asked for) every patient's chairs checked against the files. Charts are read one at a
/// time, when a command needs one.
struct Workspace {
    let store: ClinicStore
    let today: CalendarDay
    let clinic: ClinicFile
    private let loaded = Loaded()

    /// - Throws: the clinic file's own message when `clinic.json` (or a protocol file)
    ///   does not load: every command plans, prints or saves against the clinic's
    ///   calendar, and none may fall back to defaults.
    init(_ global: GlobalOptions) throws {
        let store = global.store()
        self.store = store
        today = try global.day()
        let (clinic, problems, _) = store.clinicForReading()
        let folder = store.folder
        if let problem = problems.first(where: { $0.path == folder.clinicFile || $0.path.hasPrefix(folder.protocolsFolder + "/") }) {
            throw Failure(problem.description)
        }
        self.clinic = clinic
    }

    /// Every patient's chairs, checked against the files (`ClinicStore.loadBookingsMarked`),
    /// read once, when a command first plans, warns or saves: a command that fails on its
    /// arguments or its patient's file, or needs no chairs (`clinic set`), never reads the
    /// clinic's index.
    var checked: CheckedClinic { loaded.value(store) }

    /// The checked chairs, for each save's check under the lock: only what changed since
    /// the load is read there, not the whole clinic again (`CheckedBookings`).
    var bookings: CheckedBookings? { checked.bookings }

    /// The scheduling context for `patient`: other plans' chairs count, this one's do not.
    func context(for patient: PatientID?) -> SchedulingContext {
        SchedulingContext(today: today, calendar: clinic.calendar, settings: clinic.settings, bookings: checked.others(excluding: patient))
    }

    func scheduler(for patient: PatientID?) -> Scheduler { Scheduler(context: context(for: patient)) }

    /// A patient's chart; a file that does not load is reported as such.
    func chart(_ id: PatientID) throws -> StoredChart {
        do { return try store.loadPatient(id) } catch { throw Failure(error.description) }
    }

    /// Applies `edit` to the stored chart through the engine, exactly as the screen does;
    /// a refusal becomes a one-line failure.
    func apply(_ edit: ChartEdit, to stored: StoredChart) throws -> ChartUpdate {
        try applied(edit, to: stored).update
    }

    /// Applies `edit` as `apply` does, with the words the screen shows for it.
    func applied(_ edit: ChartEdit, to stored: StoredChart) throws -> AppliedEdit {
        try checked { () throws(EditError) in try edit.applied(to: stored.chart, scheduler: scheduler(for: stored.id)) }
    }

    /// Runs an edit's check or application; a refusal becomes a one-line failure that
    /// names the option it is about (`--birth: ...`).
    func checked<T>(_ body: () throws(EditError) -> T) throws -> T {
        do { return try body() } catch { throw Self.failure(error) }
    }

    /// An edit's refusal as a one-line failure naming its option (`--birth: ...`).
    static func failure(_ error: EditError) -> Failure {
        Failure(error.field.map { "--\($0.rawValue): " + error.message } ?? error.message)
    }

    /// Saves, turning store errors into one-line failures; a colleague's save since the
    /// load is `ColleagueSaved`, for `retryingIfAColleagueSaves`.
    @discardableResult
    func save(_ chart: PatientChart, over loaded: StoredChart) throws -> StoredChart {
        do { return try store.save(chart, over: loaded, checked: bookings) } catch {
            if case .conflict = error { throw ColleagueSaved(description: error.description) }
            throw Failure(error.description)
        }
    }

    /// How many times a command makes its change again on a colleague's newer version.
    /// Each conflict means another save succeeded meanwhile, so N commands at once on one
    /// patient need at most N - 1 tries each; the bound only stops a runaway.
    static let triesOnConflict = 25

    /// Runs a command's load, change and save (and what it prints, which comes after the
    /// save) again from the start when another clinician saved the same patient between
    /// its load and its save: a command holds no state a clinician saw, so making the
    /// change again on their version is what re-running it would do, with every check run
    /// again on that version (a move that now breaks a rule is refused as it would be).
    /// The screen instead asks, because its form was filled in against what it showed.
    func retryingIfAColleagueSaves(_ body: () throws -> Void) throws {
        var tries = 0
        while true {
            do { return try body() } catch let conflict as ColleagueSaved {
                tries += 1
                if tries >= Self.triesOnConflict { throw Failure(conflict.description) }
                // A short random pause so that commands started together do not meet again.
                usleep(UInt32.random(in: 2_000...20_000))
            }
        }
    }
}

/// A save refused because another clinician saved the patient since the command loaded it.
struct ColleagueSaved: Error, CustomStringConvertible {
    let description: String
}

/// `Workspace.checked`, loaded on first use (a command runs on one thread; the lock keeps
/// it right if that ever changes).
private final class Loaded: @unchecked Sendable {
    private let lock = NSLock()
    private var checked: CheckedClinic?

    func value(_ store: ClinicStore) -> CheckedClinic {
        lock.withLock {
            if let checked { return checked }
            let loaded = store.loadBookingsMarked()
            checked = loaded
            return loaded
        }
    }
}
