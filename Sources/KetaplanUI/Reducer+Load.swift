import KetaplanEngine
import KetaplanRecords

extension Reducer {
    static func replaceSummaries(_ state: inout AppState, _ clinic: ClinicFile, _ summaries: [PatientSummary], _ problems: [LoadProblem]) {
        var selected: PatientID?
        if case .overview(let o) = state.screens.first, let row = o.visible[safe: o.selected], state.summaries.indices.contains(row) {
            selected = state.summaries[row].id
        }
        clinicLoaded(&state, clinic)
        state.clinic = clinic
        state.summaries = summaries
        state.problems = problems.map(\.description)
        state.index = ClinicIndex(summaries: state.summaries, today: state.today)
        refreshOverview(&state, selected: .some(selected))
    }

    /// Brings the summaries in line with `snapshot` (checked against the files), touching
    /// only the patients that differ, so that the selection, scroll and filter stay where
    /// the clinician left them and a clinic of 100,000 is not rebuilt for a handful of
    /// changes. A summary that was stale is replaced, a new file's patient added, a
    /// vanished file's patient removed.
    /// - Returns: the patients whose summary changed, was added or removed.
    @discardableResult
    static func patchSummaries(_ state: inout AppState, _ snapshot: SummarySnapshot) -> [PatientID] {
        state.clinicProblem = snapshot.clinicProblem?.description
        clinicLoaded(&state, snapshot.clinic)
        state.clinic = snapshot.clinic
        state.problems = snapshot.problems.map(\.description)
        let fresh = Set(snapshot.summaries.map(\.id))
        let removed = state.summaries.filter { !fresh.contains($0.id) }.map(\.id)
        if !removed.isEmpty {
            // Removing shifts every later row's position: rebuild (rare: a file deleted by hand).
            let held = Dictionary(state.summaries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            replaceSummaries(&state, snapshot.clinic, snapshot.summaries, snapshot.problems)
            return removed + snapshot.summaries.filter { held[$0.id] != $0 }.map(\.id)
        }
        return patchAndRefresh(&state, snapshot.summaries)
    }

    /// Applies what checking every file against the summaries shown found: the rows that
    /// differ change, the rest stay as they are (a clinic of 100,000 is not rebuilt or
    /// compared again on the screen's thread for a handful of differences).
    /// - Returns: the patients whose summary changed, was added or removed.
    @discardableResult
    static func applyCheck(_ state: inout AppState, _ check: SummaryCheck) -> [PatientID] {
        state.clinicProblem = check.clinicProblem?.description
        clinicLoaded(&state, check.clinic)
        state.clinic = check.clinic
        state.problems = check.problems.map(\.description)
        guard !RebuiltIndex.isNeeded(for: check) else {
            // Removing shifts every later row's position, and patching many patients (a new
            // day judges every one again) costs more than building the index afresh:
            // rebuild (rare: a file deleted by hand, midnight). The screen's background
            // load hands such a check over rebuilt (`.indexRebuilt`) instead.
            let gone = Set(check.removed)
            var summaries = state.summaries.filter { !gone.contains($0.id) }
            var position: [PatientID: Int] = [:]
            for (i, s) in summaries.enumerated() { position[s.id] = i }
            for s in check.changed {
                if let i = position[s.id] { summaries[i] = s } else { position[s.id] = summaries.count; summaries.append(s) }
            }
            replaceSummaries(&state, check.clinic, summaries, check.problems)
            return check.removed + check.changed.map(\.id)
        }
        return patchAndRefresh(&state, check.changed)
    }

    /// Another process saved these patients (live updates): their rows change in place,
    /// the selection stays on the patient it was on, and an open chart of one of them is
    /// read again.
    static func patientsChanged(_ state: inout AppState, _ summaries: [PatientSummary]) -> [Effect] {
        _ = patchAndRefresh(&state, summaries)
        // Every patient named, not only changed summaries: a note or a score need not
        // change the summary, and reading our own save back costs one file and does nothing.
        return checkOpenCharts(state, summaries.map(\.id))
    }

    /// A `.checkChart` for each patient screen showing one of `ids`.
    static func checkOpenCharts(_ state: AppState, _ ids: [PatientID]) -> [Effect] {
        checkOpenCharts(state, Set(ids))
    }

    /// A `.checkChart` for each patient screen showing one of `wanted`.
    static func checkOpenCharts(_ state: AppState, _ wanted: Set<PatientID>) -> [Effect] {
        guard !wanted.isEmpty else { return [] }
        var out: [Effect] = []
        for case .patient(let p) in state.screens where p.stored != nil && wanted.contains(p.id) && !out.contains(.checkChart(p.id)) {
            out.append(.checkChart(p.id))
        }
        return out
    }

    /// A patient's chart as another process saved it. A patient screen shows it at once;
    /// an open form for the patient says so before anything is saved: a form with nothing
    /// typed is rebuilt from the new version, one with typed input asks (`.reloadChanged`).
    static func chartChanged(_ state: inout AppState, _ stored: StoredChart) -> [Effect] {
        let id = stored.id
        guard let held = state.stored(id), held.revision != stored.revision || held.savedAt != stored.savedAt else { return [] }
        guard let form = state.openForm, form.kind.patientID == id else {
            state.message = Message(.info, "\(id) was saved by \(stored.savedBy) at \(stored.savedAt); shown as saved.")
            return chartLoaded(&state, stored)
        }
        if !form.dirty { return reloadChanged(&state, stored, reload: true) }
        if state.overlay == nil {
            state.overlay = .confirm(.reloadChanged(stored))
        } else {
            return reloadChanged(&state, stored, reload: false)
        }
        return []
    }

    /// The clinician's answer to `.reloadChanged`: reload rebuilds the open form from the
    /// new version; keeping it marks the form, and saving then meets the conflict question.
    static func reloadChanged(_ state: inout AppState, _ stored: StoredChart, reload: Bool) -> [Effect] {
        let id = stored.id
        guard let at = state.screens.lastIndex(where: { if case .form(let f) = $0 { return f.kind.patientID == id } else { return false } }),
              case .form(var form) = state.screens[at] else { return [] }
        let notice = "\(id) was saved by \(stored.savedBy) at \(stored.savedAt) after this form was opened"
        guard reload else {
            form.error = notice + ": saving offers to apply what you typed to their version."
            state.screens[at] = .form(form)
            return []
        }
        let effects = chartLoaded(&state, stored)
        if let rebuilt = buildForm(form.kind, chart: stored.chart, state: state) {
            state.screens[at] = .form(rebuilt)
            state.message = Message(.info, notice + "; the form now starts from their version.")
        } else {
            form.error = notice + ", and this form no longer applies to it: press Esc."
            state.screens[at] = .form(form)
        }
        return effects
    }

    /// Midnight passed with the screen open: "today" moves, and with it the overview's
    /// flags and counts, an agenda that showed today, and each chart's warnings.
    static func dayChanged(_ state: inout AppState, _ day: CalendarDay) {
        guard day != state.today else { return }
        state.index = ClinicIndex(summaries: state.summaries, today: day)
        moveToday(&state, day)
        refreshOverview(&state)
        clampAll(&state)
    }

    /// Takes summaries and index rebuilt off the screen's thread (after midnight, or a check
    /// too large to patch): nothing proportional to the clinic is worked out here but
    /// finding the selected patient's new row.
    static func indexRebuilt(_ state: inout AppState, _ rebuilt: RebuiltIndex) -> [Effect] {
        var selected: PatientID?
        if case .overview(let o) = state.screens.first, let row = o.visible[safe: o.selected], state.summaries.indices.contains(row) {
            selected = state.summaries[row].id
        }
        if let check = rebuilt.check {
            state.clinicProblem = check.clinicProblem?.description
            clinicLoaded(&state, check.clinic)
            state.clinic = check.clinic
            state.problems = check.problems.map(\.description)
        }
        state.summaries = rebuilt.summaries
        state.index = rebuilt.index
        if rebuilt.today != state.today { moveToday(&state, rebuilt.today) }
        refreshOverview(&state, selected: .some(selected), orders: rebuilt.orders)
        clampAll(&state)
        state.load = .checked
        return checkOpenCharts(state, rebuilt.touched)
    }

    /// "Today" becomes `day` (the index already judged for it): an agenda that showed the
    /// old today follows, and the clinician is told.
    private static func moveToday(_ state: inout AppState, _ day: CalendarDay) {
        let old = state.today
        state.today = day
        for i in state.screens.indices {
            if case .agenda(var a) = state.screens[i], a.day == old {
                a.day = day
                a.selected = 0
                a.scroll = 0
                state.screens[i] = .agenda(a)
            }
        }
        state.message = Message(.info, "It is now \(day): today's flags, counts and agenda are for the new day.")
    }

    /// Replaces or adds each summary that differs from the one held, then places only
    /// those rows again in the overview's order.
    /// - Returns: the patients whose summary changed or was added.
    static func patchAndRefresh(_ state: inout AppState, _ summaries: [PatientSummary]) -> [PatientID] {
        let rows = patchedRows(&state, summaries)
        if !rows.isEmpty { refreshOverview(&state, moved: rows) }
        return rows.map { state.summaries[$0].id }
    }

    /// Replaces or adds each summary that differs from the one held.
    /// - Returns: the positions of the summaries that changed or were added.
    static func patchedRows(_ state: inout AppState, _ summaries: [PatientSummary]) -> [Int] {
        guard !summaries.isEmpty else { return [] }
        // A few patients (a colleague's save) are found by a scan; for many, a map of
        // every position is cheaper than a scan each.
        var position: [PatientID: Int] = [:]
        let scan = summaries.count <= 16
        if !scan {
            position.reserveCapacity(state.summaries.count)
            for (i, s) in state.summaries.enumerated() { position[s.id] = i }
        }
        var changed: [Int] = []
        for s in summaries {
            if let i = scan ? state.summaries.firstIndex(where: { $0.id == s.id }) : position[s.id] {
                guard state.summaries[i] != s else { continue }
                state.index.remove(state.summaries[i], at: i)
                state.summaries[i] = s
                state.index.add(s, at: i)
                changed.append(i)
            } else {
                state.summaries.append(s)
                state.index.add(s, at: state.summaries.count - 1)
                position[s.id] = state.summaries.count - 1
                changed.append(state.summaries.count - 1)
            }
        }
        return changed
    }
}
