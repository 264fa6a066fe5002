import Testing
import KetaplanEngine
@testable import KetaplanUI

/// The patient screen's header never loses clinical text unseen (issue 14, item 4): a line
/// too long for the screen ends with "(i: all)" and i shows it whole, the maintenance
/// policy and its reason included.
@Suite struct PatientHeaderTests {
    @Test(arguments: [(80, 24), (60, 18)])
    func aCutHeaderSaysSoAndIShowsItWhole(size: (Int, Int)) throws {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        let policy = try #require(storedChart("P-0006").chart.plan?.maintenancePolicy?.description)
        let lines = Renderer.render(state).lines
        #expect(lines[2].contains("(i: all)"), "\(lines[2])")
        #expect(!lines.joined().contains(policy), "the policy is longer than the screen")
        press(&state, [.char("i")])
        guard case .text(_, let body)? = state.overlay else { Issue.record("no text box"); return }
        #expect(body.contains("maintenance: " + policy))
        #expect(body.contains("Treatment-resistant depression"))
        press(&state, [.escape])
        #expect(state.overlay == nil)
    }

    @Test func aHeaderThatFitsHasNoHint() {
        let state = openedPatient("P-0006", width: 200, height: 40)
        #expect(!Renderer.render(state).lines.contains { $0.contains("(i: all)") })
    }
}
