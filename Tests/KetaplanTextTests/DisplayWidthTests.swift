import Testing
@testable import KetaplanText

@Suite struct DisplayWidthTests {
    @Test func wideAndCombiningCharacters() {
        #expect("abc".displayWidth == 3)
        #expect("李".displayWidth == 2)
        #expect("山田 花子".displayWidth == 9)
        #expect("Zoë".displayWidth == 3)
        #expect("Zoe\u{0308}".displayWidth == 3)
        #expect("김 예시".displayWidth == 7)
        #expect("Ñúñez".displayWidth == 5)
    }

    @Test func paddingAndTruncationByCells() {
        #expect("李四".padded(toWidth: 6) == "李四  ")
        #expect("李四".leftPadded(toWidth: 6) == "  李四")
        #expect("山田 花子".truncated(toWidth: 6) == "山田 …")
        #expect("山田 花子".truncated(toWidth: 6).displayWidth <= 6)
        #expect("abcdef".truncated(toWidth: 4, ascii: true) == "abc~")
        #expect("abc".truncated(toWidth: 0) == "")
    }

    @Test func tablesLineUpWithCJKNames() {
        var table = TextTable(headers: ["ID", "NAME", "N"], alignments: [.left, .left, .right])
        table.add(["P-1", "张三", "5"])
        table.add(["P-2", "Zoë Exemplar", "12"])
        let lines = table.lines()
        #expect(lines == [
            "ID   NAME           N",
            "---  ------------  --",
            "P-1  张三           5",
            "P-2  Zoë Exemplar  12",
        ])
        #expect(Set(lines.map(\.displayWidth)).count == 1)
    }
}

/// The all-ASCII shortcut measures as character by character does, for every one- and
/// two-byte ASCII text (controls, DEL and "\r\n", one grapheme of two controls, included).
@Suite struct DisplayWidthASCIITests {
    @Test func asciiShortcutMatchesMeasuringByCharacter() {
        func byCharacter(_ text: String) -> Int { text.reduce(0) { $0 + DisplayWidth.of($1) } }
        for a in 0..<128 {
            let one = String(Unicode.Scalar(UInt8(a)))
            #expect(DisplayWidth.asciiWidth(one) == byCharacter(one))
            for b in 0..<128 {
                let two = one + String(Unicode.Scalar(UInt8(b)))
                #expect(DisplayWidth.asciiWidth(two) == byCharacter(two), "\(a) \(b)")
            }
        }
        #expect(DisplayWidth.asciiWidth("Zoë") == nil)
        #expect("Zoë Exemplar".displayWidth == 12)
    }
}
