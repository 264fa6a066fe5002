import Foundation
import KetaplanEngine

/// Saves many charts in a row with one full check of the clinic's chairs: the plans a
/// clinic change re-plans (`ClinicChange.save`, which passes `loadCharts` and `save` as its
/// I/O). The chairs are counted from every chart as read (each file decoded, so nothing
/// rests on an unchecked index line) with the folder's mark taken before the read; after
/// each save they are brought up to date from the journal (this save's line and any
/// colleague's, each compared with its file), so every save's chair check under the lock
/// reads only what changed since (`CheckedBookings`) instead of the whole clinic again: at
/// 100,000 patients, one full check per re-planned chart cost about a second each.
/// When the journal cannot say what changed, or a file did not load, a save checks the
/// whole clinic as a single save does. Used from one thread at a time.
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
        advance()
        return stored
    }

    /// Takes in what the journal says was saved since the mark (this save included).
    private func advance() {
        guard let mark else { return }
        let (change, next) = store.changes(since: mark)
        switch change {
        case .none: self.mark = next
        case .everything: self.mark = nil
        case .patients(let summaries):
            for s in summaries {
                for d in days.get(s.id) { byDay[d, default: 0] -= 1 }
                let chairs = s.chairDays
                days.set(s.id, chairs)
                for d in chairs { byDay[d, default: 0] += 1 }
            }
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
