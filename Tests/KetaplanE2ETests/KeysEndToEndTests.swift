import Foundation
import Testing

/// Keys as a real terminal sends them: terminfo gaps (TERM=vt100), Ctrl-Z and fg, Ctrl-C
/// with a typed form, and an accented name found by typing it plainly.
@Suite(.serialized) struct KeysEndToEndTests {
    /// A shell whose prompt the test can wait for, in a new tmux window.
    func shell(_ tmux: Tmux, width: Int = 100, height: Int = 30) {
        tmux.start("env PS1='shell> ' bash --norc --noprofile -i", width: width, height: height)
        tmux.waitFor("shell>")
    }

    /// With TERM=vt100 (no End, PgUp or PgDn in terminfo) those keys still move, and none
    /// acts as Esc (which left the screen).
    @Test func vt100KeysMoveAndAreNotEsc() {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        // 18 rows: the overview shows 11 of the 12 patients and where the selection is.
        tmux.openKetaplan(on: data, width: 100, height: 18, environment: "TERM=vt100")
        tmux.waitFor(" 1/12")
        tmux.send("End")
        tmux.waitFor(" 12/12")
        tmux.send("Home")
        tmux.waitFor(" 1/12")
        tmux.send("NPage")
        tmux.waitFor(" 12/12")
        tmux.send("PPage")
        tmux.waitFor(" 1/12")
        tmux.send("Down", "Down")
        tmux.waitFor(" 3/12")

        // In the agenda, Esc would go back to the overview: End and PgDn must not.
        tmux.send("a")
        tmux.waitFor("Agenda: day")
        tmux.waitFor("Thursday 2026-11-26 (today)")
        tmux.send("End")
        tmux.send("NPage")
        tmux.send("PPage")
        tmux.send("Home")
        tmux.send("Right")
        tmux.waitFor("Friday 2026-11-27")
        #expect(tmux.screen().contains("Agenda: day"), "a key sequence was read as Esc")
        tmux.send("Left")
        tmux.waitFor("Thursday 2026-11-26 (today)")
        // A lone Esc still is Esc.
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.quit()
    }

    /// Ctrl-Z gives the shell back; fg brings the screen back as it was, and the screen's
    /// own keys (Ctrl-C as a key, not a signal) still work.
    @Test func ctrlZSuspendsAndFgRestoresTheScreen() {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        shell(tmux)
        tmux.type(E2E.command(data))
        tmux.send("Enter")
        tmux.waitFor("Clinic overview")
        tmux.waitFor("张三")
        tmux.send("a")
        tmux.waitFor("Agenda: day")

        tmux.send("C-z")
        tmux.waitFor("Stopped")
        #expect(!tmux.screen().contains("Agenda: day"), "the shell did not get the terminal back")
        tmux.type("fg")
        tmux.send("Enter")
        tmux.waitFor("Agenda: day")
        tmux.waitFor("Thursday 2026-11-26 (today)")
        // Keys still arrive and the screen still draws.
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.waitFor("张三")
        // Ctrl-C is still the screen's key after fg: nothing typed, so it leaves cleanly.
        tmux.send("C-c")
        tmux.waitFor("shell>")
        tmux.type("echo EXITED $?")
        tmux.send("Enter")
        tmux.waitFor("EXITED 0")
    }

    /// Ctrl-C with a half-filled form asks, says the input is kept, leaves on y; the next
    /// start offers the input back with a local, readable time.
    @Test func ctrlCWithATypedFormAsksAndTheNextStartOffersItBack() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data)
        tmux.send("n")
        tmux.waitFor("New patient")
        tmux.type("Ada Example")
        tmux.waitFor("Ada Example")
        tmux.send("C-c")
        tmux.waitFor("Leave ketaplan now?")
        #expect(tmux.screen().contains("it is kept"))
        // n stays, with the input.
        tmux.send("n")
        tmux.waitFor("Tab next field")
        #expect(tmux.screen().contains("Ada Example"))
        tmux.send("C-c")
        tmux.waitFor("Leave ketaplan now?")
        tmux.send("y")
        tmux.waitFor("EXITED 0")
        let recovery = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasPrefix("recovery-") }
        #expect(recovery.count == 1)

        tmux.tmux(["kill-session", "-t", tmux.session])
        tmux.start(E2E.command(data) + "; sleep 30")
        tmux.waitFor("Reopen it with what was typed?")
        let screen = tmux.screen().split(separator: "\n").joined(separator: " ")
        #expect(screen.firstMatch(of: /form open on (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}/) != nil, "\(screen)")
        #expect(screen.firstMatch(of: /at \d\d:\d\d/) != nil, "\(screen)")
        #expect(screen.firstMatch(of: /\d\d:\d\d:\d\dZ/) == nil, "a raw UTC stamp is shown")
        tmux.send("y")
        tmux.waitFor("Ada Example")
    }

    /// `nunez` finds José Ñúñez-Ficticio on the real screen; Ctrl-U clears the filter.
    @Test func anAccentedNameIsFoundByTypingItPlainly() {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data)
        tmux.send("/")
        tmux.type("nunez")
        tmux.waitFor("(1 match)")
        #expect(tmux.screen().contains("José Ñúñez-Ficticio"))
        tmux.send("C-u")
        tmux.waitFor("(12 matches)")
        tmux.type("zoe")
        tmux.waitFor("(1 match)")
        #expect(tmux.screen().contains("Zoë Exemplar"))
        tmux.send("Enter")
        tmux.send("Enter")
        tmux.waitFor("Zoë Exemplar (P-0001)")
    }

    /// Export proposes a file name; exporting again to the same file asks before
    /// replacing it, and no leaves the first file as it was.
    @Test func exportAsksBeforeOverwritingAFile() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data, width: 160, height: 40)
        tmux.openPatient("P-0006", named: "Max Mustermann")
        tmux.send("x")
        tmux.waitFor("Export")
        tmux.send("Enter")
        tmux.waitFor("OK Saved ")
        let files = try FileManager.default.contentsOfDirectory(atPath: data + "/exports")
        #expect(files.count == 1)
        let path = data + "/exports/" + (files.first ?? "")
        let first = try String(contentsOfFile: path, encoding: .utf8)
        try "kept by hand\n".write(toFile: path, atomically: true, encoding: .utf8)
        tmux.send("x")
        tmux.waitFor("Export")
        tmux.send("Enter")
        tmux.waitFor("already exists")
        tmux.waitFor("Replace it?")
        tmux.send("n")
        tmux.waitFor("Nothing was written")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept by hand\n")
        tmux.send("x")
        tmux.waitFor("Export")
        tmux.send("Enter")
        tmux.waitFor("Replace it?")
        tmux.send("y")
        tmux.waitFor("OK Saved ")
        // The same export again; only its DTSTAMP (the moment it was made) may differ.
        func unstamped(_ text: String) -> String {
            text.replacingOccurrences(of: "DTSTAMP:[0-9TZ]+", with: "DTSTAMP:-", options: .regularExpression)
        }
        #expect(unstamped(try String(contentsOfFile: path, encoding: .utf8)) == unstamped(first))
    }
}
