import Testing
@testable import KetaplanUI

/// What terminals send, byte for byte, and the keys it must become (whatever TERM says).
@Suite struct KeyParserTests {
    /// Feeds `input` as a terminal would send it in one go, then lets the wait run out.
    func keys(_ input: String, timeout: Bool = true) -> [Key] {
        var parser = KeyParser()
        var out = input.unicodeScalars.flatMap { parser.feed($0) }
        if timeout { out += parser.timeout() }
        return out
    }

    @Test(arguments: [
        // xterm / tmux normal cursor mode, vt100 application mode, rxvt and vt220 forms.
        ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
        ("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete), ("\u{1B}[Z", .backTab),
        ("\u{1B}OP", .function(1)), ("\u{1B}OS", .function(4)), ("\u{1B}[11~", .function(1)), ("\u{1B}[15~", .function(5)),
        ("\u{1B}[17~", .function(6)), ("\u{1B}[21~", .function(10)), ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)),
        ("\u{1B}[[A", .function(1)), ("\u{1B}[[E", .function(5)), ("\u{1B}[1;2P", .function(1)),
        // Modified keys are the key: Ctrl-Right is Right, Shift-End is End.
        ("\u{1B}[1;5C", .right), ("\u{1B}[1;2F", .end), ("\u{1B}[6;5~", .pageDown),
        ("\u{1B}OM", .enter), ("\u{1B}Oq", .char("1")), ("\u{1B}Om", .char("-")),
    ])
    func sequencesAreKeys(input: String, key: Key) {
        #expect(keys(input) == [key])
    }

    @Test func endAndPageDownAreNeverEsc() {
        // The vt100 bug: with no kend/knp in terminfo these left the screen as Esc.
        for input in ["\u{1B}[4~", "\u{1B}[6~", "\u{1B}[F", "\u{1B}OF"] {
            #expect(!keys(input).contains(.escape), "\(input.debugDescription)")
        }
    }

    @Test func aLoneEscIsEscOnlyAfterTheWait() {
        var parser = KeyParser()
        #expect(parser.feed("\u{1B}") == [])
        #expect(parser.waiting == .escape)
        #expect(parser.timeout() == [.escape])
        #expect(parser.waiting == .nothing)
        // Then an ordinary key is itself.
        #expect(parser.feed("q") == [.char("q")])
    }

    @Test func escThenAPlainKeyIsBoth() {
        #expect(keys("\u{1B}q", timeout: false) == [.escape, .char("q")])
        #expect(keys("\u{1B}\u{1B}") == [.escape, .escape])
    }

    @Test func aSequenceArrivingInPiecesWaitsForItsEnd() {
        var parser = KeyParser()
        #expect(parser.feed("\u{1B}") == [])
        #expect(parser.feed("[") == [])
        #expect(parser.waiting == .sequence)
        #expect(parser.feed("6") == [])
        #expect(parser.feed("~") == [.pageDown])
        #expect(parser.waiting == .nothing)
    }

    @Test func unknownOrCutOffSequencesAreDroppedWhole() {
        // Not a key, and not Esc followed by letters either.
        #expect(keys("\u{1B}[2~") == [])
        #expect(keys("\u{1B}[200~") == [])
        #expect(keys("\u{1B}[?1;2c") == [])
        #expect(keys("\u{1B}[6") == [])
        #expect(keys("\u{1B}[") == [])
        // A control character cuts a sequence short and still counts.
        #expect(keys("\u{1B}[6\r") == [.enter])
        // Noise longer than any key is dropped, and what follows is read normally.
        #expect(keys("\u{1B}[" + String(repeating: "1", count: 40) + "~j") == [.char("j")])
    }

    @Test func plainCharacters() {
        #expect(keys("jK/ é张") == [.char("j"), .char("K"), .char("/"), .char(" "), .char("é"), .char("张")])
        #expect(keys("\t\r\n\u{7F}\u{08}") == [.tab, .enter, .enter, .backspace, .backspace])
        #expect(keys("\u{03}\u{15}\u{12}") == [.ctrl("c"), .ctrl("u"), .ctrl("r")])
        #expect(keys("\u{00}\u{1C}") == [])
    }
}

/// Ctrl-C: leaves at once unless a form holds typed input; then it asks and says the input
/// is kept for the next start.
@Suite struct InterruptTests {
    @Test func ctrlCWithNothingTypedLeavesAtOnce() {
        var state = makeState()
        #expect(press(&state, [.ctrl("c")]) == [.quit])
        #expect(state.quit)
    }

    @Test func ctrlCWithATypedFormAsksAndKeepsTheInput() {
        var state = makeState(width: 120, height: 30)
        press(&state, [.char("n")])
        type(&state, "Zo")
        #expect(press(&state, [.ctrl("c")]).isEmpty)
        #expect(state.overlay == .confirm(.leave))
        let question = Renderer.render(state).lines.joined(separator: "\n")
        #expect(question.contains("Leave ketaplan now?"))
        #expect(question.contains("it is kept") && question.contains("offered back the next time ketaplan starts"))
        // No: back to the form, nothing lost.
        press(&state, [.char("n")])
        #expect(!state.quit)
        #expect(state.form?.draft.byKey[.name] == "Zo")
        // Yes: leaves and keeps the draft for the next start.
        press(&state, [.ctrl("c")])
        let draft = Reducer.keptDraft(state, state.form!)
        // Kept with the day it was typed on and the form's heading for the question.
        #expect(draft.typedOn == testToday && draft.about == "New patient")
        #expect(press(&state, [.char("y")]) == [.keepDraft(draft), .quit])
        #expect(state.quit)
    }

    @Test func aSecondCtrlCWhileAskingLeavesKeepingTheInput() {
        var state = makeState()
        press(&state, [.char("n")])
        type(&state, "Zo")
        press(&state, [.ctrl("c")])
        let draft = Reducer.keptDraft(state, state.form!)
        #expect(press(&state, [.ctrl("c")]) == [.keepDraft(draft), .quit])
    }
}
