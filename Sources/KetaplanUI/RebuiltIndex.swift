import KetaplanEngine
import KetaplanRecords

/// Every summary with the index and overview orders derived from them, worked out off the
/// screen's thread when a check found more than a key's time can patch: midnight judges
/// every patient again, and a reload may find hundreds of files changed or some removed.
/// The screen takes it whole (`Action.indexRebuilt`), so that at 100,000 patients no key
/// waits for the index to be built or the overview to be sorted.
public struct RebuiltIndex: Equatable, Sendable {
    /// What the check found (the clinic, problems, and which patients differ); nil for
    /// patients saved by other processes, which change neither the clinic nor problems.
    public let check: SummaryCheck?
    /// The day every summary is judged for.
    public let today: CalendarDay
    let summaries: [PatientSummary]
    let index: ClinicIndex
    /// The overview's order for each sort and list, as `Reducer.sortedOrder` makes it.
    let orders: [OrderKey: [Int]]
    /// The patients `check` names, for the open charts to read again.
    let touched: Set<PatientID>

    struct OrderKey: Hashable, Sendable {
        let sort: OverviewState.Sort
        let archived: Bool
    }

    /// More differences than this are handed over as a rebuilt index rather than patched
    /// on the screen's thread: patching one costs a search of its day lists, and any
    /// removal shifts every later row.
    public static let patchLimit = 500

    /// Whether `check` is too large to patch on the screen's thread.
    public static func isNeeded(for check: SummaryCheck) -> Bool {
        !check.removed.isEmpty || check.changed.count > patchLimit
    }

    /// Builds the index for `summaries` (every summary once `check` is applied, in any
    /// order: the screen adopts this order) judged for `today`. Slow at 100,000 patients:
    /// call it off the screen's thread.
    public init(summaries: [PatientSummary], check: SummaryCheck, today: CalendarDay) {
        self.init(summaries: summaries, check: check, touched: Set(check.removed + check.changed.map(\.id)), today: today)
    }

    /// The index after `saved` (patients other processes saved, from the journal: more
    /// than `patchLimit` when a clinic change re-plans many charts) are in `summaries`.
    public init(summaries: [PatientSummary], saved: [PatientSummary], today: CalendarDay) {
        self.init(summaries: summaries, check: nil, touched: Set(saved.map(\.id)), today: today)
    }

    private init(summaries: [PatientSummary], check: SummaryCheck?, touched: Set<PatientID>, today: CalendarDay) {
        self.check = check
        self.touched = touched
        self.today = today
        self.summaries = summaries
        index = ClinicIndex(summaries: summaries, today: today)
        var orders: [OrderKey: [Int]] = [:]
        for sort in [OverviewState.Sort.nextSession, .name] {
            for archived in [false, true] {
                orders[OrderKey(sort: sort, archived: archived)] = Reducer.sortedOrder(summaries, today: today, sort, archived: archived)
            }
        }
        self.orders = orders
    }

    /// The index is derived from the summaries and the day.
    public static func == (a: RebuiltIndex, b: RebuiltIndex) -> Bool {
        a.check == b.check && a.today == b.today && a.summaries == b.summaries
    }
}
