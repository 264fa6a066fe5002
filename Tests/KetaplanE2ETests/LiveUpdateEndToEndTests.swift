import Foundation
import Testing

/// Two ketaplan processes on one data folder (issue 13): a save on the command line
/// appears in a screen already open, and an open form whose patient another process saved
/// says so before anything is saved.
@Suite(.serialized) struct LiveUpdateEndToEndTests {
    @Test func aCommandLineSaveAppearsInAnOpenScreen() throws {
        let data = E2E.demoFolder(), tmux = Tmux()
        defer { tmux.kill(); E2E.remove(data) }
        tmux.openKetaplan(on: data, width: 200, height: 60)
        #expect(tmux.waitFor("李四"))

        // Another process renames a patient: the open overview shows it without a key.
        E2E.run(data, ["patient", "edit", "P-0002", "--name", "Live From CLI"])
        #expect(tmux.waitFor("Live From CLI", seconds: 10))

        // A form open on a patient another process then saves: it asks before saving.
        tmux.openPatient("P-0005", named: "李四")
        tmux.send("e")
        tmux.waitFor("李四", seconds: 5)
        tmux.send("End")
        tmux.type("x")
        E2E.run(data, ["patient", "edit", "P-0005", "--weight", "71"])
        #expect(tmux.waitFor("P-0005 was saved by", seconds: 10))
        tmux.send("n")
        #expect(tmux.waitFor("saving offers to apply what you typed", seconds: 5))
        tmux.send("Escape")
        tmux.send("y")
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.quit()
    }
}
