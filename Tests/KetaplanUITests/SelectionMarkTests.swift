import Testing
import KetaplanEngine
@testable import KetaplanUI

/// The selected row of every list is drawn the same cheap way (`Renderer.markSelection`):
/// a mark in the row's first cell and the naming cell reversed, the rest of the row as any
/// other row. Moving the selection then changes only those cells, which is what keeps a
/// cursor move under 200 bytes on the wire at 200 columns (issue 13).
@Suite struct SelectionMarkTests {
    /// Rows with the selection mark in their first cell.
    func markedRows(_ buffer: ScreenBuffer, _ glyphs: Glyphs) -> [Int] {
        (0..<buffer.height).filter { buffer[0, $0].text == glyphs.selection && buffer[0, $0].style == .selectionMark }
    }

    /// The columns of row `y` drawn reversed.
    func reversedColumns(_ buffer: ScreenBuffer, row y: Int) -> [Int] {
        (0..<buffer.width).filter { buffer[$0, y].style.reverse }
    }

    /// The text of row `y` between two columns (end excluded).
    func text(_ buffer: ScreenBuffer, row y: Int, _ columns: Range<Int>) -> String {
        columns.map { buffer[$0, y].text }.joined()
    }

    @Test(arguments: [(200, 60), (80, 24), (60, 18)]) func theOverviewMarksOneRowAndReversesTheNameOnly(size: (Int, Int)) throws {
        for glyphs in [Glyphs.unicode, .plain] {
            let state = makeState(width: size.0, height: size.1, glyphs: glyphs)
            guard case .overview(let o) = state.current else { Issue.record("no overview"); return }
            let buffer = Renderer.render(state)
            let rows = markedRows(buffer, glyphs)
            try #require(rows.count == 1, "one selected row at \(size) (\(glyphs.ascii ? "ASCII" : "Unicode"))")
            let y = rows[0]
            let reversed = reversedColumns(buffer, row: y)
            let first = try #require(reversed.first), last = try #require(reversed.last)
            #expect(reversed == Array(first...last), "one reversed run")
            // Exactly the selected patient's name with a space either side (cut to its
            // column, as every row's name, where the terminal is narrow).
            let name = glyphs.safe(state.summaries[o.visible[o.selected]].name)
            let shown = text(buffer, row: y, first..<(last + 1))
            let inner = String(shown.dropFirst().dropLast())
            #expect(shown.first == " " && shown.last == " ")
            #expect(inner == name || (["…", "~"].contains(inner.last) && name.hasPrefix(inner.dropLast())), "the name reversed: \(shown)")
            #expect(buffer.text(row: y).contains(state.summaries[o.visible[o.selected]].id.rawValue))
            // The rest of the row is drawn as when it is not selected.
            var unselected = state
            press(&unselected, [.down])
            let after = Renderer.render(unselected)
            for x in 1..<buffer.width where !reversed.contains(x) {
                #expect(buffer[x, y] == after[x, y], "cell \(x) of the row is the same selected or not")
            }
        }
        #expect(Glyphs.unicode.selection == "►" && Glyphs.plain.selection == ">")
    }

    /// A cursor move changes the two rows' marks and reversed names and nothing else (the
    /// position counter aside): what curses then sends is a few dozen bytes, not two rows.
    @Test(arguments: [Glyphs.unicode, .plain]) func aCursorMoveChangesOnlyTheMarksAndNames(glyphs: Glyphs) throws {
        var state = makeState(width: 200, height: 60, glyphs: glyphs)
        for key in [Key.down, .down, .up, .end, .home] {
            let before = Renderer.render(state)
            press(&state, [key])
            let after = Renderer.render(state)
            let from = try #require(markedRows(before, glyphs).first), to = try #require(markedRows(after, glyphs).first)
            #expect(from != to, "after \(key) the selection moved")
            for y in 0..<after.height {
                let changed = (0..<after.width).filter { before[$0, y] != after[$0, y] }
                if y == from || y == to {
                    // The mark and the reversed run (with the row's text unchanged).
                    let allowed = Set([0] + reversedColumns(before, row: y) + reversedColumns(after, row: y))
                    #expect(changed.allSatisfy(allowed.contains), "after \(key), row \(y) changed only its mark and name")
                    #expect(before.text(row: y).dropFirst() == after.text(row: y).dropFirst(), "the row's text is the same")
                } else {
                    #expect(changed.isEmpty, "after \(key), row \(y) did not change")
                }
            }
        }
    }

    /// The agenda and a patient's sessions mark their selection the same way: the mark,
    /// and the patient's name or the session's date reversed.
    @Test func theAgendaAndTheSessionsMarkTheSameWay() throws {
        var state = makeState(width: 160, height: 48)
        press(&state, [.char("a")])
        var buffer = Renderer.render(state)
        var rows = markedRows(buffer, state.glyphs)
        try #require(rows.count == 1, "one selected session in the agenda")
        var reversed = reversedColumns(buffer, row: rows[0])
        let names = state.summaries.map(\.name)
        let shown = text(buffer, row: rows[0], try #require(reversed.first)..<(try #require(reversed.last) + 1))
        #expect(shown.hasPrefix(" ") && shown.hasSuffix(" ") && names.contains(String(shown.dropFirst().dropLast())), "the agenda reverses the name: \(shown)")

        state = openedPatient("P-0006", width: 160, height: 48)
        buffer = Renderer.render(state)
        rows = markedRows(buffer, state.glyphs)
        try #require(rows.count == 1, "one selected session of the patient")
        reversed = reversedColumns(buffer, row: rows[0])
        let date = text(buffer, row: rows[0], try #require(reversed.first)..<(try #require(reversed.last) + 1))
        #expect(date.count == 12 && (try? CalendarDay(iso: String(date.dropFirst().dropLast()))) != nil, "the sessions reverse the date: \(date)")
    }
}
