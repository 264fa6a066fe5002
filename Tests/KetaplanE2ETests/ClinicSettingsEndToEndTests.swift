import Foundation
import Testing

/// The clinic settings form in the real binary in tmux: `C`, a closed day added, Enter;
/// clinic.json has the day and every plan booked on it is re-planned off it, as
/// `clinic set --closed` does.
@Suite(.serialized) struct ClinicSettingsEndToEndTests {
    @Test func closingTomorrowFromTheClinicSettings() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        let tomorrow = "2026-11-27"
        let patients = ((try? FileManager.default.contentsOfDirectory(atPath: data + "/patients")) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        func booked() -> [String] {
            patients.filter { id in E2E.sessions(data, id).contains { $0["date"] as? String == tomorrow && $0["status"] as? String == "planned" } }
        }
        #expect(!booked().isEmpty, "the demo clinic has no session tomorrow to move")
        tmux.openKetaplan(on: data, width: 80, height: 24)
        tmux.send("C")
        tmux.waitFor("Clinic settings")
        tmux.send("Tab", "Tab")
        tmux.waitFor("> Closed dates")
        // The field lists the closed dates from today on; the new one goes after them.
        tmux.type(", " + tomorrow)
        tmux.waitFor("On saving: closed \(tomorrow)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Clinic updated: closed \(tomorrow); re-planned"))
        #expect(booked().isEmpty, "still booked on \(tomorrow): \(booked())")
        #expect(E2E.run(data, ["clinic", "show"]).out.contains(tomorrow))
        tmux.quit()
    }
}
