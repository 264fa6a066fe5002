import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanUI

/// Loads the clinic on a thread of its own, at a lower priority, after the first page is
/// drawn: every summary from the index (`.summariesRead`), then every patient file
/// checked against it (`.filesChecked`: only what differs); then, for as long as the
/// screen is open, it polls the folder (`ClinicWatch`, every `pollInterval`) and posts
/// what other processes saved (`.patientsChanged`, or a checked reload) and midnight
/// passing. A check too large to patch in a key's time, and every new day, is handed over
/// as summaries with their index and orders already built (`.indexRebuilt`), after
/// `.refreshing` has marked the rows out of date. Midnight reads only the files whose
/// judgement changes with the day; the files of the summaries it carried over are read
/// afterwards, a batch per poll, to judge them for the next midnight. The screen's loop takes the actions as
/// they arrive, so none of this holds up a key; a save waits for the first check and for
/// any rebuild under way (`waitUntilChecked`).
final class BackgroundLoad: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Action] = []
    private var checked = false
    /// A rebuild is under way: what the screen shows is known to be out of date.
    private var refreshing = false
    /// Set by `stop()`: the thread ends at its next poll.
    private var stopped = false
    /// Set by `recheck()`: the next poll compares every file.
    private var recheckAsked = false
    /// Where the folder stood for the actions in `ready` (the last checked load or poll).
    private var readyMark: ClinicStore.ChangeMark?
    /// Where it stood for the actions taken so far: what the screen's summaries reflect
    /// once it has reduced them.
    private var takenMark: ClinicStore.ChangeMark?

    /// Half a second: a colleague's save shows within a second, for five `stat`s a poll.
    static let pollInterval = 0.5

    /// - Parameter pollInterval: seconds between two looks at the folder (tests shorten it).
    /// - Parameter today: the day the screen judges its summaries for (moved by midnight
    ///   only when `followsClock`).
    init(store: ClinicStore, today: CalendarDay, followsClock: Bool, pollInterval: Double = BackgroundLoad.pollInterval) {
        Thread.detachNewThread { [self] in
            // Below the screen's thread: keys must not wait on the check (on Linux the nice
            // value is per thread, and 0 names the calling one).
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            var watch = ClinicWatch(store: store, followsClock: followsClock)
            var today = today
            let unchecked = store.readSummariesUnchecked()
            post(.summariesRead(unchecked.snapshot))
            hand(watch.check(unchecked), watch, today: today, first: true)
            // A change the journal does not describe, or midnight, is every file compared
            // with what the screen shows (`pollChecked`) and only the differences posted:
            // the whole clinic is neither read nor compared twice.
            while !isStopped {
                Thread.sleep(forTimeInterval: pollInterval)
                // Said before the recheck: the old day's flags are not shown as current
                // while every file is compared for the new one.
                if let day = watch.dayTurned { post(.refreshing(newDay: day), refreshing: true) }
                switch watch.pollChecked(recheckingAll: takeRecheck()) {
                case nil: break
                case .patients(let summaries) where summaries.count > RebuiltIndex.patchLimit:
                    // A clinic change re-planning many charts, say: rebuilt here too.
                    guard let all = watch.summaries else { fallthrough }
                    post(.refreshing(newDay: nil), refreshing: true)
                    post(.indexRebuilt(RebuiltIndex(summaries: all, saved: summaries, today: today)), refreshing: false, mark: watch.mark)
                case .patients(let summaries): post(.patientsChanged(summaries), mark: watch.mark)
                case .checked(let check): hand(check, watch, today: today)
                case .newDay(let day, let check):
                    today = day
                    hand(check, watch, today: day, rebuild: true)
                    continue
                }
                // Only once the new day is shown: the summaries midnight carried over unread
                // judged for the day after, a batch between two polls (see `ClinicWatch`).
                // Nothing posted when it found nothing new (the usual case: a carried summary
                // equals its file's), so that an idle screen takes no action for it.
                if let check = watch.refreshNextDay(), !check.changed.isEmpty || !check.removed.isEmpty { hand(check, watch, today: today) }
            }
        }
    }

    /// Posts `check` as differences to patch, or, when there are too many (or `rebuild`),
    /// as every summary with its index built here (`RebuiltIndex`).
    private func hand(_ check: SummaryCheck, _ watch: ClinicWatch, today: CalendarDay, first: Bool = false, rebuild: Bool = false) {
        guard rebuild || RebuiltIndex.isNeeded(for: check), let summaries = watch.summaries else {
            post(.filesChecked(check), checked: first, mark: watch.mark)
            return
        }
        // The first check's rows are already marked as being checked.
        if !first && !rebuild { post(.refreshing(newDay: nil), refreshing: true) }
        post(.indexRebuilt(RebuiltIndex(summaries: summaries, check: check, today: today)), checked: first, refreshing: false, mark: watch.mark)
    }

    /// - Parameter refreshing: whether a rebuild starts (true) or is done (false) with it.
    private func post(_ action: Action, checked: Bool = false, refreshing: Bool? = nil, mark: ClinicStore.ChangeMark? = nil) {
        condition.lock()
        ready.append(action)
        if let mark { readyMark = mark }
        if checked { self.checked = true }
        if let refreshing { self.refreshing = refreshing }
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the thread at its next poll (the screen's process ends with it anyway; tests
    /// stop theirs).
    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }

    /// Has the next poll compare every file with what the screen shows, whatever the
    /// folder says (Ctrl-L): a file that could not be read, or was changed in place.
    func recheck() {
        condition.lock()
        recheckAsked = true
        condition.unlock()
    }

    private func takeRecheck() -> Bool {
        condition.lock()
        defer { recheckAsked = false; condition.unlock() }
        return recheckAsked
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Whether every file has been checked, no rebuild is under way, and every action so
    /// far taken.
    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return checked && !refreshing && ready.isEmpty
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

    /// Every action still to come until the first check and the end of any rebuild under
    /// way, and any that arrived since.
    func waitUntilChecked() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        while !checked || refreshing { condition.wait() }
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
