import Foundation
import Testing

/// A clinic change made on the command line reaches a screen already open on the agenda
/// (issue 13's "the agenda's chair counts are live"): the real binary in tmux, the change
/// from a second process, no key pressed in between.
@Suite(.serialized) struct ClinicChangePropagationEndToEndTests {
    @Test func clinicSetChairsShowsOnAnOpenAgendaWithoutMovingTheSelection() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        let calendar = try #require(E2E.json(data + "/clinic.json")["calendar"] as? [String: Any])
        let chairs = try #require(calendar["chairsPerDay"] as? Int)
        let more = chairs + 3

        tmux.openKetaplan(on: data, width: 100, height: 30)
        // The week: a line per day with its chairs, and enough sessions to select the fourth.
        tmux.send("a")
        tmux.waitFor("Agenda: day")
        tmux.send("w")
        // The day view's heading says "of N chairs booked" too: wait for the week itself.
        tmux.waitFor("Agenda: week")
        tmux.waitFor("of \(chairs) chairs booked")
        func selectedLine() -> String? { tmux.screen().split(separator: "\n").first { $0.hasPrefix("►") }.map(String.init) }
        // Session lines start with the selection's column, then the time; read once the
        // week is drawn whole.
        func sessionLines(_ lines: [String]) -> [String] {
            lines.filter { $0.range(of: "^[ ►][0-9]{2}:[0-9]{2} ", options: .regularExpression) != nil }
        }
        var lines = tmux.screen().split(separator: "\n").map(String.init)
        let drawn = Date().addingTimeInterval(10)
        while sessionLines(lines).count < 4 && Date() < drawn {
            usleep(50_000)
            lines = tmux.screen().split(separator: "\n").map(String.init)
        }
        let sessions = sessionLines(lines)
        #expect(lines.first { $0.hasPrefix("►") } == sessions.first, "the first session is selected")
        let fourth = try #require(sessions.dropFirst(3).first, "the week has four sessions")
        tmux.send("j", "j", "j")
        #expect(tmux.waitFor("►" + fourth.dropFirst(), seconds: 10))
        let selected = try #require(selectedLine())

        E2E.run(data, ["clinic", "set", "--chairs", String(more)])
        // Issue 13's target is 2 s (the watch polls every half second); a deadline that
        // tight is a timing, which fails on a loaded machine, so this waits longer and
        // proves what a timing cannot: the change arrives with no key pressed.
        #expect(tmux.waitFor("of \(more) chairs booked", seconds: 10))
        let after = tmux.screen()
        #expect(!after.contains("of \(chairs) chairs booked"), "every day's line follows: \(after)")
        #expect(selectedLine() == selected, "the selection stays on its session: \(after)")
        #expect(after.contains("Agenda: week"))

        // The screen still answers keys: back to the overview, and out.
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.quit()
    }

    /// clinic.json broken by hand under an open agenda: the screen says so, Enter refuses
    /// naming the problem instead of opening a chart judged against the defaults, and once
    /// the file is put back the same Enter opens the patient, with no restart.
    @Test func aBrokenClinicFileRefusesTheAgendasEnterUntilItIsFixed() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        let path = data + "/clinic.json"
        let good = try #require(FileManager.default.contents(atPath: path))
        let text = String(decoding: good, as: UTF8.self)
        let broken = text.replacingOccurrences(of: "\"chairsPerDay\":[0-9]+", with: "\"chairsPerDay\":-5", options: .regularExpression)
        #expect(broken != text)

        tmux.openKetaplan(on: data, width: 100, height: 30)
        tmux.send("a")
        tmux.waitFor("chairs booked")
        try Data(broken.utf8).write(to: URL(fileURLWithPath: path))
        #expect(tmux.waitFor("chairs unknown", seconds: 10))
        tmux.send("Enter")
        #expect(tmux.waitFor("Patients cannot be opened or added while the clinic cannot be read"))
        #expect(tmux.screen().contains("Agenda: day"), "nothing opened over the agenda")

        try good.write(to: URL(fileURLWithPath: path))
        #expect(tmux.waitFor("chairs booked", seconds: 10))
        tmux.send("Enter")
        #expect(tmux.waitFor("Patient plan"))
        tmux.send("Escape", "Escape")
        tmux.waitFor("Clinic overview")
        tmux.quit()
    }
}
