import Foundation
import Testing

/// Editing in the middle of a long field with the real binary in tmux: the cursor keys
/// move inside the text, what is typed goes in at the cursor, and the chart keeps exactly
/// the edited text.
@Suite(.serialized) struct FormEditingEndToEndTests {
    @Test func editingInTheMiddleOfALongNote() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data, width: 80, height: 24)
        #expect(tmux.waitFor("张三"))
        tmux.openPatient("P-0005", named: "李四")
        tmux.send("r")
        tmux.waitFor("Record session: 李四")
        // Note is the third field from the end (Override reason and Given by follow it):
        // Shift-Tab three times from the first.
        tmux.send("BTab", "BTab", "BTab")
        tmux.waitFor("> Note")
        let typed = "Felt dizzy at 20 minutes, settled by 35 minutes; drove home with partner"
        tmux.type(typed)
        // The field shows the end, with the start hidden.
        tmux.waitFor("…s; drove home with partner_")
        for _ in 0..<28 { tmux.send("Left") }
        tmux.type("[BP ok] ")
        tmux.waitFor("…[BP ok] tes; drove")
        tmux.send("Home", "DC")
        tmux.type("f")
        tmux.waitFor("> Note                     felt dizzy")
        tmux.send("C-e")
        for _ in 0..<7 { tmux.send("BSpace") }
        tmux.type("a friend")
        tmux.waitFor("with a friend_")
        tmux.send("Enter")
        tmux.waitFor("Saved: session")
        var expected = Array(typed)
        expected.insert(contentsOf: "[BP ok] ", at: expected.count - 28)
        expected[0] = "f"
        let note = String(expected).dropLast(7) + "a friend"
        let session = E2E.sessions(data, "P-0005").first { $0["date"] as? String == E2E.today }
        #expect((session?["record"] as? [String: Any])?["note"] as? String == String(note))
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.quit()
    }
}
