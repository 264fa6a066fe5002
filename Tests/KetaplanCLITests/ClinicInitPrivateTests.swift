import Foundation
import KetaplanTestSupport
import Testing

/// `clinic init --private` says who can read the folder it made private (tester F18): run
/// as root on a folder of other users' files it said "private to you" while the files
/// stayed theirs, readable by nobody but root.
@Suite struct ClinicInitPrivateTests {
    @Test(.enabled(if: geteuid() == 0, "gives files to other user ids with lchown: run as root (CI does)"))
    func privateSaysWhoOwnsWhat() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Pat Private", "--birth", "1980-04-12", "--weight", "70").status == 0)
        // Every file root's: private to root, said as before.
        let mine = cli.run("clinic", "init", "--private")
        #expect(mine.status == 0 && mine.out.contains("\(cli.data) is private to you: folders 0700, files 0600"), "\(mine)")
        #expect(!mine.out.contains("other users"), "\(mine.out)")

        // A patient file of user 54321 and the audit log of user 54322 (ids no user has:
        // named by number), as on a clinic server where clinicians wrote them.
        #expect(lchown(cli.data + "/patients/P-0001.json", 54321, gid_t.max) == 0)
        #expect(lchown(cli.data + "/audit.jsonl", 54322, gid_t.max) == 0)
        let mixed = cli.run("clinic", "init", "--private")
        #expect(mixed.status == 0, "\(mixed)")
        #expect(mixed.out.contains("\(cli.data) is private to you (root): folders 0700, files 0600"), "\(mixed.out)")
        #expect(!mixed.out.contains("is private to you:"), "\(mixed.out)")
        #expect(mixed.out.contains("But 2 files and folders in it belong to other users (54321: 1, 54322: 1): only root can read them now (their owners cannot reach them through a folder that is not theirs)."), "\(mixed.out)")
        #expect(mixed.out.contains("As root, `chown -R root '\(cli.data)'` makes them root's"), "\(mixed.out)")
        // The modes are as said: the files stay their owners'.
        var st = stat()
        #expect(stat(cli.data + "/patients/P-0001.json", &st) == 0 && st.st_uid == 54321 && st.st_mode & 0o777 == 0o600)

        // The folder itself another user's: private to that user, not to whoever ran it.
        #expect(lchown(cli.data, 54321, gid_t.max) == 0)
        let theirs = cli.run("clinic", "init", "--private")
        #expect(theirs.status == 0, "\(theirs)")
        #expect(theirs.out.contains("\(cli.data) is private to 54321, the folder's owner (not you): folders 0700, files 0600"), "\(theirs.out)")
        #expect(theirs.out.contains("belong to other users (54322: 1, root: "), "\(theirs.out)")
        #expect(theirs.out.contains("only root can read them now (54321 cannot read them; their owners cannot reach them through a folder that is not theirs)."), "\(theirs.out)")

        // Given back to one owner, it is private to that owner and nothing more is said.
        #expect(lchown(cli.data, 0, gid_t.max) == 0)
        #expect(lchown(cli.data + "/patients/P-0001.json", 0, gid_t.max) == 0 && lchown(cli.data + "/audit.jsonl", 0, gid_t.max) == 0)
        let back = cli.run("clinic", "init", "--private")
        #expect(back.status == 0 && back.out.contains("is private to you: folders 0700, files 0600") && !back.out.contains("other users"), "\(back)")
    }
}
