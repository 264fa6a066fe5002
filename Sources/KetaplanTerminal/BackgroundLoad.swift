import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanUI

/// Loads the clinic on a thread of its own, at a lower priority, after the first page is
/// drawn: every summary from the index (`.summariesRead`), then every patient file
/// checked against it (`.filesChecked`: only what differs); then, for as long as the
/// screen is open, it polls the folder (`ClinicWatch`, every `pollInterval`) and posts
/// what other processes saved (`.patientsChanged`, or a checked reload) and midnight
/// passing (`.dayChanged`). The screen's loop takes the actions as they arrive, so none of
/// this holds up a key; a save waits for the first check (`waitUntilChecked`).
final class BackgroundLoad: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Action] = []
    private var checked = false
    /// Where the folder stood for the actions in `ready` (the last checked load or poll).
    private var readyMark: ClinicStore.ChangeMark?
    /// Where it stood for the actions taken so far: what the screen's summaries reflect
    /// once it has reduced them.
    private var takenMark: ClinicStore.ChangeMark?

    /// Half a second: a colleague's save shows within a second, for five `stat`s a poll.
    static let pollInterval = 0.5

    init(store: ClinicStore, followsClock: Bool) {
        Thread.detachNewThread { [self] in
            // Below the screen's thread: keys must not wait on the check (on Linux the nice
            // value is per thread, and 0 names the calling one).
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            var watch = ClinicWatch(store: store, followsClock: followsClock)
            let unchecked = store.readSummariesUnchecked()
            post(.summariesRead(unchecked.snapshot))
            post(.filesChecked(watch.check(unchecked)), checked: true, mark: watch.mark)
            // A change the journal does not describe, or midnight, is every file compared
            // with what the screen shows (`pollChecked`) and only the differences posted:
            // the whole clinic is neither read nor compared twice.
            while true {
                Thread.sleep(forTimeInterval: Self.pollInterval)
                switch watch.pollChecked() {
                case nil: break
                case .patients(let summaries): post(.patientsChanged(summaries), mark: watch.mark)
                case .checked(let check): post(.filesChecked(check), mark: watch.mark)
                case .newDay(let day, let check):
                    post(.dayChanged(day))
                    post(.filesChecked(check), mark: watch.mark)
                }
            }
        }
    }

    private func post(_ action: Action, checked: Bool = false, mark: ClinicStore.ChangeMark? = nil) {
        condition.lock()
        ready.append(action)
        if let mark { readyMark = mark }
        if checked { self.checked = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Whether every file has been checked and every action so far taken.
    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return checked && ready.isEmpty
    }

    /// The actions that arrived since the last call (none: empty).
    func take() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        return takeReady()
    }

    /// Empties `ready` (the caller holds the lock).
    private func takeReady() -> [Action] {
        let out = ready
        ready = []
        takenMark = readyMark
        return out
    }

    /// Waits up to `seconds` for an action, then takes what arrived.
    func take(waiting seconds: Double) -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        if ready.isEmpty && !checked { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        return takeReady()
    }

    /// Every action still to come until the first check, and any that arrived since.
    func waitUntilChecked() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        while !checked { condition.wait() }
        return takeReady()
    }

    /// The screen's chair bookings for a save's check under the lock (`CheckedBookings`):
    /// `state` once it has reduced every action taken, with where the folder stood for
    /// them. Nil before the first check, or when something failed to load (the save then
    /// checks the whole clinic).
    func checkedBookings(_ state: AppState) -> CheckedBookings? {
        condition.lock()
        let mark = checked ? takenMark : nil
        condition.unlock()
        guard let mark, state.problems.isEmpty else { return nil }
        let summaries = state.summaries
        return CheckedBookings(byDay: state.index.bookings, chairDays: { id in summaries.first { $0.id == id }?.chairDays ?? [] }, mark: mark)
    }
}
