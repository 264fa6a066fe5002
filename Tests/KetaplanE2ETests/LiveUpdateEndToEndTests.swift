import Foundation
import Testing

/// Two ketaplan processes on one data folder (issue 13): a save on the command line
/// appears in a screen already open, and an open form whose patient another process saved
/// says so before anything is saved.
@Suite(.serialized) struct LiveUpdateEndToEndTests {
    /// Runs a ketaplan command on `data` and waits for it.
    func ketaplan(_ data: String, _ args: String...) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: E2E.binary)
        p.arguments = ["--data", data, "--today", E2E.today] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try! p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func aCommandLineSaveAppearsInAnOpenScreen() throws {
        let data = E2E.demoFolder()
        let tmux = Tmux()
        defer { tmux.kill(); try? FileManager.default.removeItem(atPath: (data as NSString).deletingLastPathComponent) }
        tmux.start(E2E.command(data) + "; echo EXITED $?; sleep 30", width: 200, height: 60)
        tmux.waitFor("Clinic overview")
        #expect(tmux.waitFor("李四"))

        // Another process renames a patient: the open overview shows it without a key.
        #expect(ketaplan(data, "patient", "edit", "P-0002", "--name", "Live From CLI") == 0)
        #expect(tmux.waitFor("Live From CLI", seconds: 10))

        // A form open on a patient another process then saves: it asks before saving.
        tmux.openPatient("P-0005", named: "李四")
        tmux.send("e")
        tmux.waitFor("李四", seconds: 5)
        tmux.send("End")
        tmux.type("x")
        #expect(ketaplan(data, "patient", "edit", "P-0005", "--weight", "71") == 0)
        #expect(tmux.waitFor("P-0005 was saved by", seconds: 10))
        tmux.send("n")
        #expect(tmux.waitFor("saving offers to apply what you typed", seconds: 5))
        tmux.send("Escape")
        tmux.send("y")
        tmux.send("Escape")
        tmux.waitFor("Clinic overview")
        tmux.send("q")
        tmux.waitFor("EXITED 0")
    }
}
