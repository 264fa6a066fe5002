import Foundation
import KetaplanEngine

/// What an open screen must learn from the data folder while it is open: patients other
/// processes saved (from the index journal, each checked against its file), a full
/// checked reload when something else changed, and midnight passing. The screen's
/// background thread polls it (`BackgroundLoad`); tests poll it with an injected clock
/// (the store's `now`).
public struct ClinicWatch: Sendable {
    public let store: ClinicStore
    /// Where the folder stood at the last load or poll: what the events so far reflect.
    public private(set) var mark: ClinicStore.ChangeMark
    /// The day the summaries were judged for; nil when the screen keeps a fixed day
    /// (`--today`), which no midnight moves.
    public private(set) var day: CalendarDay?

    /// What a poll found.
    public enum Event: Sendable {
        /// These patients were saved since the last poll.
        case patients([PatientSummary])
        /// Something the journal does not describe changed: every summary, checked.
        case reloaded(SummarySnapshot)
        /// The store's clock passed midnight: the new day, and every summary judged for it.
        case newDay(CalendarDay, SummarySnapshot)
    }

    /// Starts watching from now; call `reload()` for the first full load.
    public init(store: ClinicStore, followsClock: Bool) {
        self.store = store
        mark = store.changeMark()
        day = followsClock ? store.calendarDay : nil
    }

    /// Every summary, checked against its file (the journal folded into the index), with
    /// the watch's mark set so that nothing saved during the load is missed: a save seen
    /// twice is patched twice, harmlessly.
    public mutating func reload() -> SummarySnapshot {
        let (snapshot, after) = store.loadSummariesMarked(foldJournal: true)
        mark = after
        return snapshot
    }

    /// Every patient file checked against summaries read unchecked (`ClinicStore.check`),
    /// with the watch's mark set as `reload` sets it.
    public mutating func check(_ unchecked: UncheckedSummaries) -> SummaryCheck {
        let (result, after, stamps) = store.check(unchecked, foldJournal: true, mayFold: true)
        mark = after
        known = unchecked.applying(result, stamps: stamps)
        noteCarried(stamps)
        unreadable = UnreadableFiles(result.problems)
        return result
    }

    /// Whether the last check or midnight carried summaries over to a new day unread: their
    /// next day is unknown until `refreshNextDay` reads their files.
    public private(set) var carriedUnjudged = false

    private mutating func noteCarried(_ stamps: [PatientID: UncheckedSummaries.Stamp]) {
        if stamps.values.contains(where: { $0.nextDay == .unknown }) { carriedUnjudged = true }
    }

    /// Files read per `refreshNextDay()`: under half a second's work on two cores (about
    /// 0.7 ms of CPU a file), so that the background thread still polls for colleagues'
    /// saves between two and one shows within the 2 s issue 13 asks while the pass runs
    /// (4,000 a batch took seconds under load).
    public static let refreshBatch = 1_000

    /// After midnight carried summaries over unread: reads the files of up to `limit` of
    /// them and judges them for the day after (`ClinicStore.judgeNextDay`), so that the next
    /// midnight carries them too. Once none is left, every file is checked as a poll's
    /// recheck does and the index rewritten with the judgements. Returns what differs from
    /// what the screen shows: nothing until that last check, which reports any file that
    /// changed meanwhile (a carried summary always equals its file's); nil once nothing is
    /// left to read.
    public mutating func refreshNextDay(limit: Int = ClinicWatch.refreshBatch) -> SummaryCheck? {
        guard carriedUnjudged, var known else { return nil }
        known = known.replacing([], stamps: store.judgeNextDay(known, limit: limit))
        self.known = known
        guard known.unjudged == 0 else {
            return SummaryCheck(clinic: known.snapshot.clinic, changed: [], removed: [], problems: known.snapshot.problems)
        }
        carriedUnjudged = false
        let (result, after, stamps) = store.check(known.marked(store.changeMark()), foldJournal: true, mayFold: true, alwaysFold: true)
        mark = after
        self.known = known.applying(result, stamps: stamps)
        unreadable = UnreadableFiles(result.problems)
        return result
    }

    /// The files the last check could not read, looked at each poll (F8).
    private var unreadable = UnreadableFiles()

    /// What the screen shows once it took every event so far (`check`, then `pollChecked`),
    /// with the stamps of the lines or files each summary came from.
    private var known: UncheckedSummaries?

    /// Every summary as the screen shows it once it took every event so far (after
    /// `check`): what a rebuilt index is built from off the screen's thread (`RebuiltIndex`).
    /// Nil before the first check.
    public var summaries: [PatientSummary]? { known?.snapshot.summaries }

    /// The store's day when it is no longer the day the summaries were judged for: the next
    /// `pollChecked()` returns `.newDay`. Lets the caller say the screen is out of date
    /// before the recheck that follows is done.
    public var dayTurned: CalendarDay? {
        guard let day else { return nil }
        let now = store.calendarDay
        return now == day ? nil : now
    }

    /// What `pollChecked()` found.
    public enum KnownEvent: Sendable {
        /// These patients were saved since the last poll.
        case patients([PatientSummary])
        /// Something the journal does not describe changed: what differs from what the
        /// screen shows.
        case checked(SummaryCheck)
        /// The store's clock passed midnight: the new day, and what differs from what the
        /// screen shows, every summary judged for the new day.
        case newDay(CalendarDay, SummaryCheck)
    }

    /// `poll()` after `check`: a change the journal does not describe, or midnight, is
    /// every file compared with what the events so far showed (`ClinicStore.recheck`:
    /// one `lstat` each, only what differs read and returned), not a full reload beside
    /// the summaries the screen already holds.
    /// - Parameter recheckingAll: compare every file whatever the folder says (Ctrl-L).
    public mutating func pollChecked(recheckingAll: Bool = false) -> KnownEvent? {
        guard let known else {
            return poll().map { event in
                switch event {
                case .patients(let s): .patients(s)
                case .reloaded(let snapshot): .checked(SummaryCheck(from: [], to: snapshot))
                case .newDay(let day, let snapshot): .newDay(day, SummaryCheck(from: [], to: snapshot))
                }
            }
        }
        if let day {
            let now = store.calendarDay
            if now != day {
                self.day = now
                return .newDay(now, recheck(known))
            }
        }
        if recheckingAll { return .checked(recheck(known)) }
        let (change, next) = store.changes(since: mark)
        mark = next
        switch change {
        case .none:
            // Nothing the folder or the journal shows changes when a file that could not be
            // read becomes readable (a chmod): those files are looked at themselves.
            return unreadable.changed ? .checked(recheck(known)) : nil
        case .patients(let summaries):
            self.known = known.replacing(summaries)
            return .patients(summaries)
        case .everything: return .checked(recheck(known))
        }
    }

    private mutating func recheck(_ shown: UncheckedSummaries) -> SummaryCheck {
        let (result, after, stamps) = store.recheck(shown)
        mark = after
        known = shown.applying(result, stamps: stamps)
        noteCarried(stamps)
        unreadable = UnreadableFiles(result.problems)
        return result
    }

    /// One look at the folder (five `stat`s when nothing changed).
    public mutating func poll() -> Event? {
        if let day {
            let now = store.calendarDay
            if now != day {
                self.day = now
                return .newDay(now, reload())
            }
        }
        let (change, next) = store.changes(since: mark)
        mark = next
        switch change {
        case .none: return nil
        case .patients(let summaries): return .patients(summaries)
        case .everything: return .reloaded(reload())
        }
    }
}
