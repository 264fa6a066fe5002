import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanUI

/// The settings form's preview names the files the screen could not read before Enter
/// (tester F7): a change that re-plans cannot re-plan them, and they keep their sessions
/// even on a day the change closes. A change that re-plans nothing, or a clinic that read
/// whole, says nothing of it.
@Suite struct ClinicSettingsPreviewTests {
    func index(_ key: FormKey) -> Int { FormKey.clinicSettings.firstIndex(of: key) ?? 0 }
    let unread = "/srv/k/patients/P-0010.json: could not read: permission denied"

    func texts(_ state: AppState) -> [String] { state.form?.preview?.lines.map(\.text) ?? [] }

    @Test func aChangeThatReplansNamesTheFilesItCannotReplan() throws {
        var state = makeState()
        state.problems = [unread]
        press(&state, [.char("C")])
        // A closed day: every unread file named, critical, before the clinician confirms.
        press(&state, Array(repeating: Key.tab, count: index(.closedDates)) + [.ctrl("u")])
        type(&state, "2026-12-14, 2027-01-11, 2026-12-24")
        let lines = try #require(state.form?.preview?.lines)
        #expect(lines.first?.text == "On saving: closed 2026-12-24")
        #expect(texts(state).contains("! 1 file could not be read: saving cannot re-plan the plan in it, which keeps its sessions even on a day this closes:"), "\(texts(state))")
        #expect(lines.contains { $0.text == "  " + unread && $0.style == .critical })
        #expect(texts(state).contains { $0.contains("`ketaplan validate` says how") })
        let drawn = Renderer.render(state).lines.joined(separator: "\n")
        #expect(drawn.contains("P-0010.json"), "\(drawn)")

        // The file reads again (the watch's check, F8): the preview no longer names it.
        _ = Reducer.reduce(&state, .filesChecked(SummaryCheck(clinic: state.clinic, changed: [], removed: [], problems: [])))
        #expect(state.problems.isEmpty)
        #expect(texts(state).first == "On saving: closed 2026-12-24")
        #expect(!texts(state).contains { $0.contains("could not be read") }, "\(texts(state))")
    }

    @Test func aChangeThatReplansNothingSaysNothingOfThem() throws {
        var state = makeState()
        state.problems = [unread, "/srv/k/patients/P-0011.json: not valid JSON"]
        press(&state, [.char("C"), .ctrl("u")])
        type(&state, "Riverside Day Clinic")
        #expect(texts(state).first == "On saving: name set", "\(texts(state))")
        #expect(!texts(state).contains { $0.contains("could not be read") }, "\(texts(state))")
        // Fewer chairs re-plans: both named, in the plural.
        press(&state, Array(repeating: Key.tab, count: index(.chairs) - index(.clinicName)) + [.ctrl("u")])
        type(&state, "3")
        #expect(texts(state).contains("! 2 files could not be read: saving cannot re-plan the plans in them, which keep their sessions even on a day this closes:"), "\(texts(state))")
        #expect(texts(state).contains("  /srv/k/patients/P-0011.json: not valid JSON"))
    }
}
