import Foundation
import Testing

/// The real binary in tmux: the few journeys a clinician makes every day, end to end.
@Suite(.serialized) struct TerminalEndToEndTests {
    @Test func aClinicDay() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data)
        // The rows may reach the pane a moment after the heading.
        #expect(tmux.waitFor("张三"))

        tmux.openPatient("P-0005", named: "李四")

        // Record today's session with a blood pressure.
        tmux.send("r")
        tmux.waitFor("Record session: 李四")
        tmux.send("Tab", "Tab")
        tmux.type("128/82")
        tmux.send("Enter")
        tmux.waitFor("Saved: session 4 2026-11-26 given")
        let session = E2E.sessions(data, "P-0005").first { $0["date"] as? String == E2E.today }
        #expect(session?["status"] as? String == "given")
        #expect((session?["record"] as? [String: Any])?["bpBefore"] as? String == "128/82")

        // Add a score, see it saved, undo it.
        tmux.send("s")
        tmux.waitFor("Add score")
        tmux.send("Tab", "Tab")
        tmux.type("9")
        tmux.send("Enter")
        tmux.waitFor("Saved: score GAD-7 9 on 2026-11-26")
        #expect(E2E.assessments(data, "P-0005").contains { $0["score"] as? Int == 9 && $0["date"] as? String == E2E.today })
        tmux.send("u")
        tmux.waitFor("Undone: score GAD-7 9")
        #expect(!E2E.assessments(data, "P-0005").contains { $0["score"] as? Int == 9 && $0["date"] as? String == E2E.today })
        let audit = String(decoding: FileManager.default.contents(atPath: data + "/audit.jsonl") ?? Data(), as: UTF8.self)
        // The save and its undo are both in the log, by kind and date (never the score).
        let scoreLines = audit.split(separator: "\n").filter { $0.contains("\"patient\":\"P-0005\"") && $0.contains("\"dates\":[\"\(E2E.today)\"],\"ids\":[\"gad7\"]") }
        #expect(scoreLines.filter { $0.contains("score-added") }.count == 1 && scoreLines.filter { $0.contains("score-removed") }.count == 1, "\(audit)")

        // Back to the overview and quit.
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.quit()
    }

    @Test func resizeToTooSmallAndBack() {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.start(E2E.command(data) + "; sleep 30")
        tmux.waitFor("Clinic overview")
        tmux.resize(40, 12)
        tmux.waitFor("enlarge the terminal to at least 60×18")
        tmux.resize(100, 30)
        tmux.waitFor("Clinic overview")
        #expect(tmux.screen().contains("FLAGS"))
    }

    /// NO_COLOR and a monochrome terminal get no colour (markers carry the meaning); a
    /// non-UTF-8 locale gets ASCII lines and no crash.
    @Test(arguments: [("NO_COLOR=1", "│", false), ("TERM=vt100", "│", false), ("LANG=C LC_ALL=C", "|", true)])
    func colourlessAndASCIITerminals(environment: String, separator: String, ascii: Bool) {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data, environment: environment)
        // The first page is drawn before the files are checked and then patched: wait
        // for the last row this test reads, so a capture mid-draw is not judged.
        tmux.waitFor("P-0004")
        let screen = tmux.screen()
        #expect(screen.contains("ketaplan \(separator) Riverside"))
        // The selected (first) row carries the selection mark, ASCII where lines are.
        #expect(screen.contains((ascii ? ">" : "►") + "!   WF  P-0006"), "flags are letters, not only colour; the selection is marked")
        #expect(screen.contains("  H    S P-0004"), "a held patient is flagged H (its held session is not \"today\": it is not due)")
        if ascii {
            #expect(screen.contains("-----"))
            #expect(!screen.contains("张三"))
        }
        let escapes = tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.session])
        // tmux writes 39/49 (default colours) itself; any other 3x/4x/38/48 is a colour.
        let colour = try! Regex(#"\x1B\[(?:[0-9]*;)*(?:3[0-8]|4[0-8])(?:;[0-9]+)*m"#)
        #expect(escapes.firstMatch(of: colour) == nil, "colour escapes were sent")
        tmux.quit()
    }

    /// A dropped SSH connection (SIGHUP), a kill (SIGTERM) and Ctrl-C (SIGINT) all give the
    /// terminal back and keep the open form's input.
    @Test(arguments: [("HUP", 129), ("TERM", 143), ("INT", 130)])
    func signalRestoresTheTerminalAndKeepsTheForm(signal: String, exitCode: Int) throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.start("sh -c 'stty -a > \(data)/stty-before; " + E2E.command(data) + "; echo EXITED $?; stty -a > \(data)/stty-after; sleep 30'")
        tmux.waitFor("Clinic overview")
        tmux.openPatient("P-0006", named: "Max Mustermann")
        tmux.send("r")
        tmux.waitFor("Record session")
        tmux.send("Tab", "Tab")
        tmux.type("131/84")
        tmux.waitFor("131/84")

        // The signal goes to the program alone (found in /proc, so no procps is needed).
        let pid = try #require(E2E.pid(commandPrefix: [E2E.binary, "--data", data]))
        #expect(kill(pid, signal == "HUP" ? SIGHUP : signal == "TERM" ? SIGTERM : SIGINT) == 0)
        tmux.waitFor("EXITED \(exitCode)")
        usleep(300_000)
        let before = String(decoding: FileManager.default.contents(atPath: data + "/stty-before") ?? Data(), as: UTF8.self)
        let after = String(decoding: FileManager.default.contents(atPath: data + "/stty-after") ?? Data(), as: UTF8.self)
        #expect(!after.isEmpty)
        #expect(after == before, "terminal modes were not restored:\nbefore: \(before)\nafter: \(after)")
        let recovery = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasPrefix("recovery-") }
        #expect(recovery.count == 1)
        let text = String(decoding: FileManager.default.contents(atPath: data + "/" + (recovery.first ?? "x")) ?? Data(), as: UTF8.self)
        #expect(text.contains("131\\/84") || text.contains("131/84"))

        // The next start offers the input back.
        tmux.tmux(["kill-session", "-t", tmux.session])
        tmux.start(E2E.command(data) + "; sleep 30")
        tmux.waitFor("Reopen it with what was typed?")
        // The question names the form and the patient.
        #expect(tmux.screen().contains("Record session: Max Mustermann"))
        tmux.send("y")
        // A field's label: the question, gone now, named the form too.
        tmux.waitFor("BP before dosing")
        #expect(tmux.screen().contains("131/84"))
    }
}
