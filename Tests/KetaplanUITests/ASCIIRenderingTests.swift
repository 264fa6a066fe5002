import Testing
import KetaplanEngine
@testable import KetaplanUI

/// In ASCII mode (a terminal whose locale is not UTF-8) nothing drawn may be outside
/// ASCII: a `…` there shows as garbage or shifts the columns. Table cells cut to fit end
/// with `~`, as every other cut text does.
@Suite struct ASCIIRenderingTests {
    func nonASCII(_ state: AppState) -> [String] {
        Renderer.render(state).lines.filter { !$0.allSatisfy(\.isASCII) }
    }

    @Test func cutTableCellsEndWithATildeInASCII() {
        // At 80 columns the overview cuts the longer protocol ids.
        let ascii = makeState(width: 80, height: 24, glyphs: .plain)
        let lines = Renderer.render(ascii).lines
        #expect(nonASCII(ascii).isEmpty, "\(nonASCII(ascii))")
        #expect(lines.contains { $0.contains("im-ketamine-w~ ") }, "\(lines.joined(separator: "\n"))")
        // The same cell in Unicode keeps its ellipsis.
        let unicode = Renderer.render(makeState(width: 80, height: 24)).lines
        #expect(unicode.contains { $0.contains("im-ketamine-w… ") })
    }

    @Test func everyListScreenIsASCIIAtTheSmallestSize() {
        var state = makeState(width: AppState.minimumWidth, height: AppState.minimumHeight, glyphs: .plain)
        #expect(nonASCII(state).isEmpty, "overview: \(nonASCII(state))")
        press(&state, [.char("a")])
        #expect(nonASCII(state).isEmpty, "agenda: \(nonASCII(state))")
        press(&state, [.char("w")])
        #expect(nonASCII(state).isEmpty, "week: \(nonASCII(state))")
        press(&state, [.escape, .home, .enter])
        guard case .patient = state.current else { Issue.record("no patient opened"); return }
        #expect(nonASCII(state).isEmpty, "patient: \(nonASCII(state))")
        state.saving = true
        #expect(nonASCII(state).isEmpty, "saving: \(nonASCII(state))")
    }
}
