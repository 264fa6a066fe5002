import Foundation
import Testing

/// Moving a session in the real binary, as issue 14 found it broken: a patient booked
/// Wednesday 12-02 and Friday 12-04 cannot come on Wednesday; the session moves to
/// Saturday 12-05 (the demo clinic is closed on Saturdays, so the move needs `y`).
/// Afterwards Wednesday is free, Friday is kept and Saturday is booked.
@Suite(.serialized) struct MoveEndToEndTests {
    static let items = ["aneurysmalVascularDisease", "arteriovenousMalformation", "intracerebralHaemorrhage", "hypersensitivity",
                        "restingBPOver180Over100", "priorStroke", "uncontrolledHypertension", "psychosis", "substanceUseDisorder",
                        "pregnancyOrBreastfeeding", "severeLiverImpairment", "cystitis", "raisedIntracranialPressure", "untreatedHyperthyroidism"]

    @Test func wednesdayToSaturdayFreesWednesdayAndKeepsFriday() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        // Twice weekly on Wednesdays and Fridays, a day apart allowed (the clinic's choice),
        // so that Friday may stay where it is once Wednesday's session is on Saturday.
        E2E.run(data, ["clinic", "set", "--min-gap", "1"])
        E2E.run(data, ["patient", "add", "--name", "Wendy Move", "--birth", "1980-01-01", "--weight", "70", "--condition", "trd", "--id", "P-0100"])
        E2E.run(data, ["screening", "set", "P-0100"] + Self.items.map { $0 + "=no" })
        E2E.run(data, ["plan", "new", "P-0100", "--protocol", "esketamine-trd", "--start", "2026-12-02", "--days", "wed,fri"])
        let planned = E2E.sessions(data, "P-0100").filter { $0["status"] as? String == "planned" }.compactMap { $0["date"] as? String }
        #expect(Array(planned.prefix(2)) == ["2026-12-02", "2026-12-04"])

        tmux.openKetaplan(on: data, width: 120, height: 40)
        tmux.openPatient("P-0100", named: "Wendy Move")
        tmux.send("m")
        tmux.waitFor("Move session 1 from Wed 2026-12-02 to Wed 2026-12-02")
        tmux.send("Right", "Right", "Right")
        // Friday on the way breaks rules too: wait for Saturday's preview itself.
        tmux.waitFor("session 1: Wed 2026-12-02 -> Sat 2026-12-05")
        tmux.waitFor("Press y to move it despite the rules above")
        let screen = tmux.screen()
        #expect(screen.contains("session 1: Wed 2026-12-02 -> Sat 2026-12-05"), "\(screen)")
        #expect(screen.contains("Sat 2026-12-05: clinic closed that weekday"), "\(screen)")
        #expect(screen.contains("Sat 2026-12-05: not one of the patient's days"), "\(screen)")
        #expect(screen.contains("closed"), "the strip shows the closed days")

        // Enter does not save a move that breaks a rule; nothing changed on disk.
        tmux.send("Enter")
        tmux.waitFor("press y to move it anyway")
        #expect(E2E.sessions(data, "P-0100").contains { $0["date"] as? String == "2026-12-02" })

        tmux.send("y")
        tmux.waitFor("Saved: session 1 moved to 2026-12-05")
        let sessions = E2E.sessions(data, "P-0100")
        #expect(!sessions.contains { $0["date"] as? String == "2026-12-02" }, "Wednesday is freed")
        #expect(sessions.contains { $0["date"] as? String == "2026-12-04" && $0["status"] as? String == "planned" }, "Friday is kept")
        let saturday = sessions.first { $0["date"] as? String == "2026-12-05" }
        #expect(saturday?["pinned"] as? Bool == true, "Saturday is booked, pinned")
        #expect((saturday?["reason"] as? String)?.contains("despite") == true)
        let plan = (E2E.json(data + "/patients/P-0100.json")["chart"] as? [String: Any])?["plan"] as? [String: Any]
        #expect((plan?["vacatedDays"] as? [String])?.contains("2026-12-02") == true)
        let audit = String(decoding: FileManager.default.contents(atPath: data + "/audit.jsonl") ?? Data(), as: UTF8.self)
        #expect(audit.split(separator: "\n").contains { $0.contains("P-0100") && $0.contains("despite-rules") }, "\(audit)")

        // The patient screen shows the new days.
        tmux.waitFor("2026-12-05 Sat")
        tmux.send("Escape", "q")
        tmux.waitFor("EXITED 0")
    }
}
