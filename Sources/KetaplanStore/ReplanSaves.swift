import Foundation
import KetaplanEngine

/// Saves many charts in a row with one count of the clinic's chairs: the plans a clinic
/// change re-plans (`ClinicChange.save`, which passes `candidates`, `bookings`, `load` and
/// `save` as its I/O). The chairs are counted from every patient's summary checked against
/// its file (`candidates`: the index line where the file's size and time still match it,
/// the file itself where they do not; a settings identity or day the line was judged for
/// does not matter here, as planned and given days are the chart's own), with the folder's
/// mark taken before the read; after each save they are brought up to date from the
/// journal (this save's line and any colleague's, each compared with its file), so every
/// save's chair check under the lock reads only what changed since (`CheckedBookings`)
/// instead of the whole clinic again: at 100,000 patients, one full check per re-planned
/// chart cost about a second each. When the journal cannot say what changed, or a file did
/// not load, a save checks the whole clinic as a single save does, and the count here
/// follows the charts this object saves. Used from one thread at a time.
public final class ReplanSaves: @unchecked Sendable {
    private let store: ClinicStore
    /// Every patient's chair days as last checked (shared with the bookings' lookup).
    private let days = DaysByPatient()
    private var byDay: [CalendarDay: Int] = [:]
    private var mark: ClinicStore.ChangeMark?
    /// Called after each save with how many were saved so far (progress for the screen).
    private let onSave: (Int) -> Void
    public private(set) var saved = 0
    /// The files the last `loadCharts` could not read (their plans cannot be re-planned).
    public private(set) var unread: [LoadProblem] = []
    /// Whether the next save's chair check reads only what changed (false: the whole
    /// clinic, after a file failed to load or the journal could not say what changed).
    var isChecked: Bool { mark != nil }

    public init(store: ClinicStore, onSave: @escaping (Int) -> Void = { _ in }) {
        self.store = store
        self.onSave = onSave
    }

    /// Every patient whose plan is active, in patient order, with whether `mayReplan`
    /// picks it (given its checked summary and the chairs taken on a day), counting every
    /// patient's chairs on the way; the files that did not read are in `unread`. Only the
    /// summaries are read, a few hundred bytes each, and none is kept: at 100,000 patients
    /// it reads one index and stats each file instead of decoding 100,000 charts.
    public func candidates(_ mayReplan: (PatientSummary, (CalendarDay) -> Int) -> Bool) -> [(id: PatientID, mayMove: Bool)] {
        let before = store.changeMark()
        let (clinic, found, _) = store.clinicForReading()
        var problems = found
        let folder = store.folder, reader = store, day = store.calendarDay
        var summaries: [PatientSummary] = []
        var differing: [String] = []
        do {
            let (entries, _) = SummaryIndex(folder: folder).read()
            summaries.reserveCapacity(entries.count)
            for name in store.patientFileNames() {
                if let id = try? PatientID(name), let entry = entries[id], let stamp = SummaryIndex.stamp(folder.patientFile(named: name)),
                   stamp.0 == entry.size, stamp.1 == entry.mtime {
                    summaries.append(entry.summary)
                } else {
                    differing.append(name)
                }
            }
        }
        // A line that no longer matches its file, or none: the file itself.
        let read = { @Sendable (name: String) -> Result<PatientSummary, LoadProblem> in
            let path = folder.patientFile(named: name)
            do throws(StoreError) {
                guard let valid = try? PatientID(name) else {
                    throw .invalidFile(path: path, problem: "the file name is not a valid patient id (letters, digits and '-')")
                }
                guard let data = try AtomicFile.read(path) else { throw .io(path: path, operation: "read", reason: "the file vanished while loading") }
                let stored = try reader.decodePatient(data, path: path, expectedID: valid)
                return .success(PatientSummary(chart: stored.chart, day: day, settings: clinic.settings, calendar: clinic.calendar))
            } catch {
                return .failure(LoadProblem(path: path, error: error))
            }
        }
        for result in differing.count > 64 ? ParallelMap.map(differing, read) : differing.map(read) {
            switch result {
            case .success(let s): summaries.append(s)
            case .failure(let p): problems.append(p)
            }
        }
        unread = problems
        for s in summaries { rebook(s.id, s.chairDays) }
        mark = problems.isEmpty ? before : nil
        let taken = byDay
        return summaries.filter(\.isActive).map { (id: $0.id, mayMove: mayReplan($0, { taken[$0] ?? 0 })) }.sorted { $0.id < $1.id }
    }

    /// The chairs every patient takes as counted here (the one being re-planned too).
    public var bookings: ChairBookings { ChairBookings(countByDay: byDay) }

    /// One patient's chart as saved now.
    public func load(_ id: PatientID) throws(StoreError) -> StoredChart {
        try store.loadPatient(id)
    }

    /// Every chart in the folder (`ClinicStore.loadAll`), and the chairs they take.
    public func loadCharts() -> [StoredChart] {
        let before = store.changeMark()
        let snapshot = store.loadAll()
        unread = snapshot.problems
        guard snapshot.problems.isEmpty else { return snapshot.charts }
        for stored in snapshot.charts {
            let chairs = ChairBookings.chairDays(of: stored.chart.plan)
            days.set(stored.id, chairs)
            for d in chairs { byDay[d, default: 0] += 1 }
        }
        mark = before
        return snapshot.charts
    }

    /// Saves `chart` over `loaded` (`ClinicStore.save`) with the bookings kept here.
    public func save(_ chart: PatientChart, over loaded: StoredChart) throws(StoreError) -> StoredChart {
        let checked = mark.map { mark in CheckedBookings(byDay: byDay, chairDays: { [days] in days.get($0) }, mark: mark) }
        let stored = try store.save(chart, over: loaded, checked: checked)
        saved += 1
        onSave(saved)
        if mark == nil { rebook(chart.patient.id, ChairBookings.chairDays(of: chart.plan)) } else { advance() }
        return stored
    }

    /// Counts `id`'s chairs on `chairs` instead of the days counted before.
    private func rebook(_ id: PatientID, _ chairs: [CalendarDay]) {
        for d in days.get(id) { byDay[d, default: 0] -= 1 }
        days.set(id, chairs)
        for d in chairs { byDay[d, default: 0] += 1 }
    }

    /// Takes in what the journal says was saved since the mark (this save included).
    private func advance() {
        guard let mark else { return }
        let (change, next) = store.changes(since: mark)
        switch change {
        case .none: self.mark = next
        case .everything: self.mark = nil
        case .patients(let summaries):
            for s in summaries { rebook(s.id, s.chairDays) }
            self.mark = next
        }
    }

    /// Each patient's chair days, by reference: the bookings' lookup reads it without a
    /// copy of 100,000 entries per save.
    private final class DaysByPatient: @unchecked Sendable {
        private let lock = NSLock()
        private var days: [PatientID: [CalendarDay]] = [:]
        func get(_ id: PatientID) -> [CalendarDay] { lock.withLock { days[id] ?? [] } }
        func set(_ id: PatientID, _ value: [CalendarDay]) { lock.withLock { days[id] = value } }
    }
}
