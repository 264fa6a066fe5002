import KetaplanEngine
import KetaplanRecords
import KetaplanText

extension Reducer {
    /// Every summary of the list (under care, or archived) in the overview's sort order.
    static func sortedOrder(_ state: AppState, _ sort: OverviewState.Sort, archived: Bool = false) -> [Int] {
        sortedOrder(state.summaries, today: state.today, sort, archived: archived)
    }

    /// `summaries`' positions in the overview's sort order for `today` (also worked out off
    /// the screen's thread, `RebuiltIndex`).
    static func sortedOrder(_ summaries: [PatientSummary], today: CalendarDay, _ sort: OverviewState.Sort, archived: Bool) -> [Int] {
        var rows = summaries.indices.filter { summaries[$0].isArchived == archived }
        switch sort {
        case .name:
            rows.sort { (summaries[$0].name, summaries[$0].id) < (summaries[$1].name, summaries[$1].id) }
        case .nextSession where archived:
            // An archived patient has no next session: by id, as `patients --archived`.
            rows.sort { summaries[$0].id < summaries[$1].id }
        case .nextSession:
            // Needs attention first (a hold or a critical warning, whether or not a session
            // is booked), then overdue, then by next session; patients with none last.
            let keys = summaries.map { $0.nextSessionOrder(on: today) }
            rows.sort { keys[$0] < keys[$1] }
        }
        return rows
    }

    /// `order` (a sorted order of `summaries` for `sort`, `archived` and `today`) with the
    /// rows in `moved` (positions whose summaries changed or were added since) taken out and
    /// put back where `sortedOrder` would put them: the same order, for a colleague's save,
    /// without sorting every row again on the screen's thread (100,000 rows took tens of
    /// milliseconds, a key's wait). The orders are total (ties fall to the id), so where a
    /// row goes is one binary search.
    static func reordered(_ order: [Int], moving moved: [Int], _ summaries: [PatientSummary], today: CalendarDay,
                          _ sort: OverviewState.Sort, archived: Bool) -> [Int] {
        let moving = Set(moved)
        var rows = order.filter { !moving.contains($0) }
        rows.reserveCapacity(order.count + moved.count)
        func before(_ a: Int, _ b: Int) -> Bool {
            switch sort {
            case .name: (summaries[a].name, summaries[a].id) < (summaries[b].name, summaries[b].id)
            case .nextSession where archived: summaries[a].id < summaries[b].id
            case .nextSession: summaries[a].nextSessionOrder(on: today) < summaries[b].nextSessionOrder(on: today)
            }
        }
        for row in moving.sorted() where summaries[row].isArchived == archived {
            var low = 0, high = rows.count
            while low < high {
                let mid = (low + high) / 2
                if before(rows[mid], row) { low = mid + 1 } else { high = mid }
            }
            rows.insert(row, at: low)
        }
        return rows
    }

    /// Rows the overview lists: the sorted order narrowed by the filter. Typing one more
    /// letter can only narrow, so it filters the rows already shown.
    static func visibleRows(_ state: AppState, _ o: OverviewState, narrowing previous: String? = nil) -> [Int] {
        let needle = SearchFolding.foldedBytes(o.filter)
        guard !needle.isEmpty else { return o.order }
        let before = previous.map { SearchFolding.foldedBytes($0) } ?? []
        let base = !before.isEmpty && needle.starts(with: before) ? o.visible : o.order
        return base.filter { state.index.matches($0, needle) }
    }

    /// Re-sorts and re-filters the overview after the summaries changed, keeping the
    /// selection on its patient. `selected` names it when the summaries were replaced
    /// wholesale (their positions no longer say who was selected).
    /// `orders` are sorted orders already worked out for the summaries (`RebuiltIndex`).
    /// `moved` names the rows that changed or were added when nothing else did (`patch`):
    /// only those are placed again.
    static func refreshOverview(_ state: inout AppState, selected: PatientID?? = nil, orders: [RebuiltIndex.OrderKey: [Int]] = [:], moved: [Int]? = nil) {
        for i in state.screens.indices {
            if case .overview(var o) = state.screens[i] {
                let selectedID = selected ?? o.visible[safe: o.selected].flatMap { state.summaries.indices.contains($0) ? state.summaries[$0].id : nil }
                if let order = orders[RebuiltIndex.OrderKey(sort: o.sort, archived: o.archived)] {
                    o.order = order
                } else if let moved {
                    o.order = reordered(o.order, moving: moved, state.summaries, today: state.today, o.sort, archived: o.archived)
                } else {
                    o.order = sortedOrder(state, o.sort, archived: o.archived)
                }
                o.visible = visibleRows(state, o)
                o.narrowed = []
                if let selectedID, let n = o.visible.firstIndex(where: { state.summaries[$0].id == selectedID }) { o.selected = n }
                o.selected = min(o.selected, max(0, o.visible.count - 1))
                state.screens[i] = .overview(o)
            }
        }
    }

    static func overviewKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .overview(var o) = state.current else { return [] }
        let at = state.screens.count - 1
        defer { state.screens[at] = .overview(o) }
        if o.filtering {
            switch key {
            case .escape:
                o.filtering = false
                o.filter = ""
                o.narrowed = []
            case .ctrl("u"):
                o.filter = ""
                o.narrowed = []
            case .enter:
                o.filtering = false
                return []
            case .backspace:
                guard !o.filter.isEmpty else { return [] }
                o.filter.removeLast()
                if let back = o.narrowed.popLast() {
                    o.visible = back
                    o.selected = 0
                    o.scroll = 0
                    return []
                }
            case .char(let c):
                let before = o.filter
                o.narrowed.append(o.visible)
                o.filter.append(c)
                o.visible = visibleRows(state, o, narrowing: before)
                o.selected = 0
                o.scroll = 0
                return []
            case .up, .down, .pageUp, .pageDown:
                o.filtering = false
                return overviewKey(&state, key)
            default:
                return []
            }
            o.visible = visibleRows(state, o)
            o.selected = 0
            o.scroll = 0
            return []
        }
        let count = o.visible.count
        let page = state.metrics.overviewRows
        switch key {
        case .up, .char("k"): o.selected = max(0, o.selected - 1)
        case .down, .char("j"): o.selected = min(max(0, count - 1), o.selected + 1)
        case .pageUp: o.selected = max(0, o.selected - page)
        case .pageDown: o.selected = min(max(0, count - 1), o.selected + page)
        case .home, .char("g"): o.selected = 0
        case .end, .char("G"): o.selected = max(0, count - 1)
        case .char("/"):
            o.filtering = true
            if o.filter.isEmpty { o.narrowed = [] }
        case .escape where o.filter.isEmpty && o.archived, .char("A"):
            // The other list: archived patients, or back to those under care (Esc from
            // the archived list with no filter goes back).
            o.archived.toggle()
            o.filter = ""
            o.filtering = false
            o.narrowed = []
            o.order = sortedOrder(state, o.sort, archived: o.archived)
            o.visible = o.order
            o.selected = 0
            o.scroll = 0
        case .escape, .ctrl("u"):
            if !o.filter.isEmpty {
                o.filter = ""
                o.narrowed = []
                o.visible = visibleRows(state, o)
                o.selected = 0
            }
        case .char("o"):
            o.sort = o.sort == .name ? .nextSession : .name
            o.order = sortedOrder(state, o.sort, archived: o.archived)
            o.visible = visibleRows(state, o)
            o.narrowed = []
            o.selected = 0
            o.scroll = 0
        case .char("a"):
            state.screens.append(.agenda(AgendaState(day: state.today)))
            return []
        case .char("n") where state.clinicProblem != nil, .enter where state.clinicProblem != nil:
            _ = refusedOpening(&state)
            return []
        case .char("n"):
            state.screens.append(.form(FormBuilder.patient(nil, today: state.today)))
            return []
        case .char("C"):
            return openClinicSettings(&state)
        case .enter:
            guard let index = o.visible[safe: o.selected] else { return [] }
            let id = state.summaries[index].id
            state.screens.append(.patient(PatientView(id: id, month: state.today.firstOfMonth)))
            return [.loadChart(id)]
        case .char("q"):
            state.quit = true
            return [.quit]
        default:
            return []
        }
        o.scroll = scrolled(o.scroll, selected: o.selected, page: page)
        return []
    }

    /// Keeps the selection on screen.
    static func scrolled(_ scroll: Int, selected: Int, page: Int) -> Int {
        if selected < scroll { return selected }
        if selected >= scroll + page { return selected - page + 1 }
        return scroll
    }
}
