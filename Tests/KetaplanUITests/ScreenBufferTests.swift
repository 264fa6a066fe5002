import Testing
@testable import KetaplanUI

/// `ScreenBuffer.put`: printable ASCII takes a shortcut (a cell a byte); it must write the
/// same cells, clip at the same column and return the same column as the general path,
/// which a text with one non-ASCII letter at its end takes.
@Suite struct ScreenBufferTests {
    @Test(arguments: ["", "a", "Zoe Exemplar", "P-0042  2026-12-07  !! ~", String(repeating: "x", count: 30)])
    func asciiShortcutWritesWhatTheGeneralPathWrites(text: String) {
        for x in [-3, 0, 5, 18] {
            for maxWidth in [nil, 0, 1, 4, 12] as [Int?] {
                var fast = ScreenBuffer(width: 20, height: 2)
                var general = ScreenBuffer(width: 20, height: 2)
                let fastEnd = fast.put(text, x: x, y: 1, style: Style(.accent), maxWidth: maxWidth)
                let generalEnd = general.put(text + "é", x: x, y: 1, style: Style(.accent), maxWidth: maxWidth)
                // The general path went one letter further when the é fitted.
                let limit = min(20, x + (maxWidth ?? 20))
                let fitsAll = x + text.count < limit
                #expect(fitsAll ? generalEnd == fastEnd + 1 : generalEnd == fastEnd, "x \(x) width \(String(describing: maxWidth))")
                for col in 0..<20 where col < fastEnd {
                    #expect(fast[col, 1] == general[col, 1], "x \(x) col \(col)")
                }
                for col in max(0, fastEnd)..<20 { #expect(fast[col, 1] == .blank) }
            }
        }
    }

    @Test func controlCharactersStillShowVisibly() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.put("a\u{1B}b", x: 0, y: 0)
        #expect((0..<4).map { buffer[$0, 0].text }.joined() == "a^[b")
    }
}
