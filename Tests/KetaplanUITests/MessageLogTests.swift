import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
import KetaplanText
@testable import KetaplanUI

/// No message is cut unseen (issue 14 item 4): a long message wraps above the status bar,
/// one too long for that ends with a marker, and `:` opens the session's messages in full.
@Suite struct MessageLogTests {
    static let sizes = [(80, 24), (60, 18), (160, 48)]

    /// What `lp` says when a job is refused, with the printer and file named: long enough
    /// to need wrapping at every size.
    static let lpError = "Printing failed: lp: Error - The printer or class does not exist. (printer front-desk-laser-2nd-floor, file /home/clinic/exports/P-0006-plan-summary-2026-11-26.txt); check the printer with `lpstat -p` or choose another"
    static let exportName = "Wrote exports/P-0006-Maximilian-Alexander-Mustermann-Oberhuber-plan-2026-11-26-to-2027-05-26.ics"

    /// The rows above the status bar that the message took, joined back into one text.
    func shownMessage(_ state: AppState) -> String {
        let lines = Renderer.render(state).lines
        let rows = lines[lines.count - 1 - Renderer.messageRows(height: state.height) ..< lines.count - 1]
        return rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    func words(_ text: String) -> [Substring] { text.split(separator: " ") }

    @Test(arguments: sizes) func aLongMessageWrapsWhole(size: (Int, Int)) {
        for text in [Self.lpError, Self.exportName] {
            var state = makeState(width: size.0, height: size.1)
            _ = Reducer.reduce(&state, .outputDone(Message(.error, text)))
            let shown = shownMessage(state)
            // Every word shows (a word wider than the screen is split, so compare letters).
            #expect(shown.filter { $0 != " " }.contains(text.filter { $0 != " " }), "\(size): \(shown)")
            #expect(!shown.contains("shows all"))
            if size == (80, 24), text == Self.lpError { assertSnapshot(state, "message-wrapped") }
        }
    }

    @Test func aMessageTooLongToWrapSaysWhereItIsWhole() {
        var state = makeState(width: 60, height: 18)
        let long = (1...40).map { "word\($0)" }.joined(separator: " ")
        _ = Reducer.reduce(&state, .outputDone(Message(.info, long)))
        let lines = Renderer.render(state).lines
        let last = lines[lines.count - 2]
        #expect(last.trimmingCharacters(in: .whitespaces).hasSuffix("… (: shows all)"), "\(last)")
        #expect(last.displayWidth <= 60)
        // `:` shows it whole.
        press(&state, [.char(":")])
        let log = Renderer.render(state).lines.joined(separator: " ")
        #expect(log.contains("word40"), "the log shows the message's end")
    }

    @Test(arguments: sizes) func colonOpensTheSessionsMessagesInFull(size: (Int, Int)) throws {
        var state = makeState(width: size.0, height: size.1)
        for n in 1...30 { _ = Reducer.reduce(&state, .outputDone(Message(.info, "message number \(n)"))) }
        _ = Reducer.reduce(&state, .outputDone(Message(.error, Self.lpError)))
        press(&state, [.down])
        #expect(state.message == nil, "a key clears the status line")
        press(&state, [.char(":")])
        guard case .log(let scroll) = state.overlay else { Issue.record("no log"); return }
        // It opens on the newest: the lp error is there whole, wrapped.
        var text = Renderer.render(state).lines.map { $0.trimmingCharacters(in: .init(charactersIn: " │|")) }.joined(separator: " ")
        for w in words(Self.lpError).suffix(6) { #expect(text.contains(w), "\(w) in the log at \(size)") }
        assertSnapshot(state, "message-log")
        // It scrolls back to the first message, and Esc closes it.
        if scroll > 0 {
            press(&state, [.home])
            text = Renderer.render(state).lines.joined(separator: " ")
            #expect(text.contains("message number 1 "), "the oldest message after Home")
            #expect(text.contains("Up/Down, PgUp/PgDn scroll"))
        }
        press(&state, [.escape])
        #expect(state.overlay == nil)
    }

    @Test func theLogKeepsTheLastHundredMessagesOfTheSession() {
        var state = makeState()
        #expect(Message.logLines(state.messageLog, width: 60) == ["No messages yet in this session."])
        for n in 1...130 { state.message = Message(.info, "m\(n)") }
        #expect(state.messageLog.count == AppState.messageLogLimit)
        #expect(state.messageLog.first?.text == "m31")
        #expect(state.messageLog.last?.text == "m130")
        // A message's own line breaks and control characters never reach the screen raw.
        let lines = Message.logLines([Message(.error, "first\nsecond\u{1B}[2J")], width: 60)
        #expect(lines == ["! first", "  second^[[2J"])
    }
}
