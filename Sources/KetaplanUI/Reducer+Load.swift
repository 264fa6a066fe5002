import KetaplanEngine
import KetaplanStore

extension Reducer {
    static func replaceSummaries(_ state: inout AppState, _ clinic: ClinicFile, _ summaries: [PatientSummary], _ problems: [LoadProblem]) {
        var selected: PatientID?
        if case .overview(let o) = state.screens.first, let row = o.visible[safe: o.selected], state.summaries.indices.contains(row) {
            selected = state.summaries[row].id
        }
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
    static func patchSummaries(_ state: inout AppState, _ snapshot: SummarySnapshot) {
        state.clinic = snapshot.clinic
        state.problems = snapshot.problems.map(\.description)
        let fresh = Set(snapshot.summaries.map(\.id))
        if state.summaries.contains(where: { !fresh.contains($0.id) }) {
            // Removing shifts every later row's position: rebuild (rare: a file deleted by hand).
            replaceSummaries(&state, snapshot.clinic, snapshot.summaries, snapshot.problems)
            return
        }
        if patch(&state, snapshot.summaries) { refreshOverview(&state) }
    }

    /// Replaces or adds each summary that differs from the one held; whether any did.
    static func patch(_ state: inout AppState, _ summaries: [PatientSummary]) -> Bool {
        var position: [PatientID: Int] = [:]
        position.reserveCapacity(state.summaries.count)
        for (i, s) in state.summaries.enumerated() { position[s.id] = i }
        var changed = false
        for s in summaries {
            if let i = position[s.id] {
                guard state.summaries[i] != s else { continue }
                state.index.remove(state.summaries[i], at: i)
                state.summaries[i] = s
                state.index.add(s, at: i)
            } else {
                state.summaries.append(s)
                state.index.add(s, at: state.summaries.count - 1)
                position[s.id] = state.summaries.count - 1
            }
            changed = true
        }
        return changed
    }
}
