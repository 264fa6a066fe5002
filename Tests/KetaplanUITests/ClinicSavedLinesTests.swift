import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanUI

/// A clinic change that re-planned more plans than the screen's save keeps whole
/// (`RebuiltIndex.patchLimit`; the rest arrive as lines, `SavedClinicChange.reportedLines`)
/// still lists its re-plans in the message log, counts every one and points to the log.
@Suite struct ClinicSavedLinesTests {
    @Test func rePlansKeptAsLinesAreLoggedAndCounted() throws {
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        var saved = SavedClinicChange(clinic: ClinicFile(), said: ["closed 2026-12-01"])
        saved.reported = RebuiltIndex.patchLimit + 1
        saved.reportedLines = ["P-0007 Ann Seven: session 3 2026-12-01 -> 2026-12-02", "P-0008 Ben Eight: session 4 2026-12-01 -> 2026-12-03"]
        state.saving = true
        _ = Reducer.reduce(&state, .clinicSaved(saved))
        let logged = state.messageLog.map(\.text)
        #expect(logged.contains("P-0007 Ann Seven: session 3 2026-12-01 -> 2026-12-02") && logged.contains("P-0008 Ben Eight: session 4 2026-12-01 -> 2026-12-03"))
        #expect(state.message?.text == "Clinic updated: closed 2026-12-01; re-planned \(RebuiltIndex.patchLimit + 1) plans (: lists them)")
        #expect(!state.saving)
    }
}
