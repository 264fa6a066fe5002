import Foundation
import Testing

/// Two clinicians, each their own Unix user in the clinic's group, share one data folder
/// through the real binary: each adds and edits patients the other then sees and edits,
/// on the command line and on the screen, with a umask (077) that would make every file
/// private if ketaplan let it. The test creates the users and the group (so it needs root,
/// as CI has) and removes them afterwards.
@Suite(.serialized) struct SharedClinicEndToEndTests {
    /// One throw-away clinic server: a group, two users in it, the binary where they can
    /// run it, and the data folder's parent.
    final class Server {
        let suffix = String(UInt32.random(in: 0x1000...0xFFFF), radix: 16)
        var group: String { "kpclinic\(suffix)" }
        var alice: String { "kpalice\(suffix)" }
        var bob: String { "kpbob\(suffix)" }
        let root: String
        var binary: String { root + "/bin/ketaplan" }
        var data: String { root + "/clinic" }

        init() throws {
            // /tmp, not $TMPDIR: the two users must be able to pass through the parent.
            let template = "/tmp/ketaplan-shared-XXXXXX"
            var bytes = Array(template.utf8CString)
            let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            root = String(cString: made!)
            // The users must reach the binary and the data folder's parent (as /srv would be).
            chmod(root, 0o755)
            try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: false)
            chmod(root + "/bin", 0o755)
            try FileManager.default.copyItem(atPath: E2E.binary, toPath: binary)
            chmod(binary, 0o755)
            do {
                try #require(Server.system(["/usr/sbin/groupadd", group]) == 0)
                // Each user's primary group is their own (-U): only the clinic folder's setgid
                // bit can make their files the clinic group's.
                for user in [alice, bob] {
                    try #require(Server.system(["/usr/sbin/useradd", "-M", "-U", "-G", group, "-d", "/nonexistent", "-s", "/bin/sh", user]) == 0)
                }
            } catch {
                cleanUp()
                throw error
            }
        }

        func cleanUp() {
            for user in [alice, bob] { Server.system(["/usr/sbin/userdel", user]) }
            Server.system(["/usr/sbin/groupdel", group])
            try? FileManager.default.removeItem(atPath: root)
        }

        @discardableResult
        static func system(_ argv: [String]) -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: argv[0])
            p.arguments = Array(argv.dropFirst())
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return -1 }
            p.waitUntilExit()
            return p.terminationStatus
        }

        /// The shell command that runs ketaplan as `user` with umask 077.
        func command(_ user: String, _ args: [String] = [], data: String? = nil) -> [String] {
            ["/usr/sbin/runuser", "-u", user, "--", "/bin/sh", "-c", "umask 077; exec \"$0\" \"$@\"", binary]
                + args + ["--data", data ?? self.data, "--today", E2E.today]
        }

        /// Runs ketaplan as `user` (nil: root) and returns its status and output.
        func run(_ user: String?, _ args: String...) -> (status: Int32, out: String, err: String) {
            run(user, args)
        }

        func run(_ user: String?, _ args: [String], data: String? = nil) -> (status: Int32, out: String, err: String) {
            let argv = user.map { command($0, args, data: data) } ?? [binary] + args + ["--data", data ?? self.data, "--today", E2E.today]
            let p = Process()
            p.executableURL = URL(fileURLWithPath: argv[0])
            p.arguments = Array(argv.dropFirst())
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try! p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }

        /// The screen, as `user`, in tmux (quoted for tmux's shell).
        func screenCommand(_ user: String) -> String {
            command(user).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        }
    }

    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd") && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
                   "creates two Unix users and a group with useradd/groupadd and runs ketaplan as each with runuser: run as root (CI does) with passwd and util-linux installed"))
    func twoCliniciansShareOneClinic() throws {
        let server = try Server()
        defer { server.cleanUp() }
        let (alice, bob) = (server.alice, server.bob)

        // The administrator makes the folder the clinic group's.
        let initialised = server.run(nil, "clinic", "init", "--group", server.group)
        #expect(initialised.status == 0, "\(initialised)")
        // Only a member (or root) may give the folder to a group; a member finds it done.
        let outsider = server.run(bob, "clinic", "init", "--group", "root")
        #expect(outsider.status != 0 && outsider.err.contains("you (\(bob)) are not in group root") && outsider.err.contains("run this as root"), "\(outsider)")
        let member = server.run(bob, "clinic", "init", "--group", server.group)
        #expect(member.status == 0 && member.out.contains("is shared by group \(server.group)") && member.out.contains("(0 changed)"), "\(member)")

        // Command line: each adds a patient the other sees, and edits the other's.
        let added = server.run(alice, "patient", "add", "--name", "Alma Alice", "--birth", "1970-03-01", "--weight", "70")
        #expect(added.status == 0 && added.out.contains("P-0001"), "\(added)")
        let seen = server.run(bob, "patients")
        #expect(seen.status == 0 && seen.out.contains("Alma Alice"), "bob sees alice's patient: \(seen)")
        #expect(server.run(bob, "score", "add", "P-0001", "--instrument", "phq9", "--score", "14").status == 0)
        let bobs = server.run(bob, "patient", "add", "--name", "Bruno Bob", "--birth", "1971-04-02", "--weight", "80")
        #expect(bobs.status == 0 && bobs.out.contains("P-0002"), "\(bobs)")
        let both = server.run(alice, "patients")
        #expect(both.status == 0 && both.out.contains("Alma Alice") && both.out.contains("Bruno Bob"), "\(both)")
        #expect(server.run(alice, "score", "add", "P-0002", "--instrument", "phq9", "--score", "17").status == 0)

        // Both at once: the lock works across users, and no save is lost.
        let racers = [alice, bob].map { user -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            let one = server.command(user, ["score", "add", user == alice ? "P-0002" : "P-0001", "--instrument", "gad7", "--score", "SCORE"])
                .map { "'" + $0 + "'" }.joined(separator: " ")
            p.arguments = ["-c", (5...8).map { one.replacingOccurrences(of: "'SCORE'", with: "\($0)") + " >/dev/null" }.joined(separator: " && ")]
            try! p.run()
            return p
        }
        for p in racers { p.waitUntilExit(); #expect(p.terminationStatus == 0) }

        // The lock is one lock for both: while bob holds the folder's lock (as his save
        // would), alice's save waits for it instead of running alongside.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        holder.arguments = ["-u", bob, "--", "/usr/bin/flock", server.data + "/.lock", "/bin/sleep", "2"]
        try holder.run()
        usleep(300_000)
        let started = Date()
        #expect(server.run(alice, "score", "add", "P-0001", "--instrument", "gad7", "--score", "4").status == 0)
        #expect(Date().timeIntervalSince(started) > 1.2, "alice's save did not wait for bob's lock")
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0, "bob could open and lock the clinic's lock file")

        // Screen: bob opens alice's patient and adds a score; alice then opens bob's.
        for (user, id, name) in [(bob, "P-0001", "Alma Alice"), (alice, "P-0002", "Bruno Bob")] {
            let tmux = Tmux()
            defer { tmux.kill() }
            tmux.start(server.screenCommand(user) + "; echo EXITED $?; sleep 30")
            tmux.waitFor("Clinic overview")
            #expect(tmux.waitFor("Alma Alice") && tmux.waitFor("Bruno Bob"), "\(user) sees both patients on the screen")
            #expect(!tmux.screen().contains("could not be read"))
            tmux.openPatient(id, named: name)
            tmux.send("s")
            tmux.waitFor("Add score")
            tmux.send("Tab", "Tab")
            tmux.type("3")
            tmux.send("Enter")
            #expect(tmux.waitFor("Saved: score"), "\(user) saves a score for \(id) on the screen")
            tmux.send("Escape")
            tmux.waitFor("Clinic overview")
            tmux.quit()
        }

        // Each patient now holds changes by both, and the audit log says who made each.
        #expect(E2E.assessments(server.data, "P-0001").count == 7)
        #expect(E2E.assessments(server.data, "P-0002").count == 6)
        let audit = String(decoding: FileManager.default.contents(atPath: server.data + "/audit.jsonl") ?? Data(), as: UTF8.self)
        for (user, id, saves) in [(alice, "P-0001", 2), (bob, "P-0001", 6), (bob, "P-0002", 1), (alice, "P-0002", 6)] {
            let lines = audit.split(separator: "\n").filter { $0.contains("\"user\":\"\(user)\"") && $0.contains("\"patient\":\"\(id)\"") }
            #expect(lines.count == saves, "\(user) saved \(id) \(saves) times:\n\(audit)")
        }

        // Whoever wrote what, every file is the group's 0660 and every folder 2770.
        guard let gid = getgrnam(server.group)?.pointee.gr_gid else { Issue.record("the group vanished"); return }
        var entries: [String] = [server.data]
        if let e = FileManager.default.enumerator(atPath: server.data) { while let p = e.nextObject() as? String { entries.append(server.data + "/" + p) } }
        #expect(entries.count >= 12, "\(entries)")
        for path in entries {
            var st = stat()
            lstat(path, &st)
            let folder = (st.st_mode & S_IFMT) == S_IFDIR
            #expect(st.st_gid == gid, "\(path) is not the clinic group's")
            #expect(st.st_mode & 0o7777 == (folder ? 0o2770 : 0o660), "\(path) has mode \(String(st.st_mode & 0o7777, radix: 8))")
        }
        #expect(server.run(alice, "validate").status == 0)
        #expect(server.run(bob, "validate").status == 0)

        // A file made private behind ketaplan's back (as an older version wrote them) is
        // named by validate with its fix, and a colleague's save is refused saying whose it
        // is and what fixes it; once fixed, both work again.
        let file = server.data + "/patients/P-0001.json"
        let aliceID = try #require(getpwnam(alice)?.pointee.pw_uid)
        #expect(lchown(file, aliceID, gid) == 0 && chmod(file, 0o600) == 0)
        let broken = server.run(bob, "validate")
        #expect(broken.status != 0 && broken.out.contains(file + ": other clinicians in group \(server.group) cannot read or write this file")
                && broken.out.contains("owner \(alice)") && broken.out.contains("chmod 0660"), "\(broken)")
        // Not a smaller clinic: the list names the file and fails, and the screen says so.
        let listed = server.run(bob, "patients")
        #expect(listed.status == 1 && !listed.out.contains("Alma Alice") && listed.out.contains("Bruno Bob")
                && listed.err.contains(file + ": could not open: permission denied") && listed.err.contains("the list is incomplete"), "\(listed)")
        let tmux = Tmux()
        tmux.start(server.screenCommand(bob) + "; sleep 30")
        #expect(tmux.waitFor("Bruno Bob") && tmux.waitFor("1 file could not be read"))
        #expect(!tmux.screen().contains("Alma Alice"))
        // Made readable again while the screen is open (tester F8): the watch notices, the
        // patient comes back and the status line clears, with no restart.
        chmod(file, 0o660)
        #expect(tmux.waitFor("Alma Alice"))
        #expect(!tmux.screen().contains("could not be read"), "\(tmux.screen())")
        tmux.send("q")
        tmux.kill()
        chmod(file, 0o600)
        let refused = server.run(bob, "score", "add", "P-0001", "--instrument", "phq9", "--score", "11")
        #expect(refused.status != 0 && refused.err.contains(file) && refused.err.contains("permission denied") && refused.err.contains("chmod 0660"), "\(refused)")
        #expect(E2E.assessments(server.data, "P-0001").count == 7, "nothing was written")
        chmod(file, 0o660)
        #expect(server.run(bob, "validate").status == 0)
        #expect(server.run(bob, "score", "add", "P-0001", "--instrument", "phq9", "--score", "11").status == 0)
        #expect(E2E.assessments(server.data, "P-0001").count == 8)

        // A patients folder the group cannot enter: the list fails naming it, and the
        // screen shows why instead of an empty clinic.
        let patients = server.data + "/patients"
        chmod(patients, 0o2700)
        let closed = server.run(bob, "patients")
        #expect(closed.status != 0 && closed.err.contains(patients + ": could not list the folder: permission denied") && closed.err.contains("chmod 2770"), "\(closed)")
        let screen = Tmux()
        screen.start(server.screenCommand(bob) + "; sleep 30", width: 120, height: 30)
        #expect(screen.waitFor("The clinic could not be read: " + patients))
        #expect(!screen.screen().contains("No patients yet"))
        screen.send("q")
        screen.kill()
        chmod(patients, 0o2770)
        #expect(server.run(bob, "patients").status == 0)
    }

    /// A private folder stays its owner's: 0700/0600 whatever the umask, a colleague is
    /// told whose it is and how to share it, and the owner is told how to fix a file.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd") && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
                   "creates two Unix users and a group with useradd/groupadd and runs ketaplan as each with runuser: run as root (CI does) with passwd and util-linux installed"))
    func aPrivateFolderStaysItsOwners() throws {
        let server = try Server()
        defer { server.cleanUp() }
        let (alice, bob) = (server.alice, server.bob)
        let home = server.root + "/home-alice"
        let mine = home + "/ketaplan"
        let aliceID = try #require(getpwnam(alice)?.pointee.pw_uid)
        #expect(mkdir(home, 0o755) == 0 && chown(home, aliceID, gid_t.max) == 0)
        // A setgid parent (as a shared /srv may be) must not make her new folder shared.
        #expect(chmod(home, 0o2755) == 0)
        let added = server.run(alice, ["patient", "add", "--name", "Private Patient", "--birth", "1970-03-01", "--weight", "70"], data: mine)
        #expect(added.status == 0, "\(added)")
        for (path, mode) in [(mine, 0o700), (mine + "/patients", 0o700), (mine + "/patients/P-0001.json", 0o600), (mine + "/audit.jsonl", 0o600)] as [(String, mode_t)] {
            var st = stat()
            #expect(lstat(path, &st) == 0 && st.st_mode & 0o7777 == mode && st.st_uid == aliceID, "\(path): \(String(st.st_mode & 0o7777, radix: 8))")
        }
        let colleague = server.run(bob, ["patients"], data: mine)
        #expect(colleague.status != 0 && colleague.err.contains("belongs to \(alice)") && colleague.err.contains("clinic init --group"), "\(colleague)")
        let file = mine + "/patients/P-0001.json"
        chmod(file, 0o400)
        let own = server.run(alice, ["validate"], data: mine)
        #expect(own.status != 0 && own.out.contains(file + ": you (\(alice)) cannot read or write this file") && own.out.contains("fix: chmod 0600 '\(file)'"), "\(own)")
        chmod(file, 0o600)
        #expect(server.run(alice, ["validate"], data: mine).status == 0)
    }
}
