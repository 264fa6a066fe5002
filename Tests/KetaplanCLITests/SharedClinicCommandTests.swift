import Foundation
import KetaplanTestSupport
import Testing

/// `clinic init --group` and the command line's side of a shared clinic (the two-user
/// journey is in KetaplanE2ETests/SharedClinicEndToEndTests).
@Suite struct SharedClinicCommandTests {
    func mode(_ path: String) -> (mode: mode_t, gid: gid_t) {
        var st = stat()
        stat(path, &st)
        return (st.st_mode & 0o7777, st.st_gid)
    }

    @Test func clinicInitSharesTheFolderAndLaterFilesFollow() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let group = getgrgid(getegid()).map { String(cString: $0.pointee.gr_name) } ?? String(getegid())
        let refused = cli.run("clinic", "init", "--group", "no-such-ketaplan-group")
        #expect(refused.status != 0 && refused.err.contains("groupadd no-such-ketaplan-group"), "\(refused.err)")
        let initialised = cli.run("clinic", "init", "--group", group)
        #expect(initialised.status == 0 && initialised.out.contains("is shared by group \(group): folders 2770, files 0660"), "\(initialised)")
        #expect(mode(cli.data) == (0o2770, getegid()))
        #expect(cli.run("patient", "add", "--name", "Shared", "--birth", "1980-04-12", "--weight", "70").status == 0)
        #expect(mode(cli.data + "/patients/P-0001.json") == (0o660, getegid()))
        #expect(mode(cli.data + "/audit.jsonl") == (0o660, getegid()))
        #expect(mode(cli.data + "/patients") == (0o2770, getegid()))
        #expect(cli.run("validate").status == 0)
        // Run again without --group (to re-check the modes) it stays shared (tester's F18).
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.data + "/patients/P-0001.json")
        let again = cli.run("clinic", "init")
        #expect(again.status == 0 && again.out.contains("is shared by group \(group)") && again.out.contains("--private"), "\(again)")
        #expect(mode(cli.data) == (0o2770, getegid()) && mode(cli.data + "/patients/P-0001.json") == (0o660, getegid()))
        let both = cli.run("clinic", "init", "--group", group, "--private")
        #expect(both.status != 0 && both.err.contains("--group and --private cannot go together"), "\(both)")
        // And private again, said explicitly.
        let back = cli.run("clinic", "init", "--private")
        #expect(back.status == 0 && back.out.contains("is private to you: folders 0700, files 0600"), "\(back)")
        #expect(mode(cli.data + "/patients/P-0001.json").mode == 0o600)
        #expect(mode(cli.data).mode == 0o700)
    }

    /// A list that misses a file is not passed off as the clinic.
    @Test func patientsExitsNonZeroWhenAFileCouldNotBeRead() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        #expect(cli.run("patient", "add", "--name", "Readable", "--birth", "1980-04-12", "--weight", "70").status == 0)
        #expect(cli.run("patient", "add", "--name", "Damaged", "--birth", "1980-04-12", "--weight", "70").status == 0)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: cli.data + "/patients/P-0002.json"))
        let listed = cli.run("patients")
        #expect(listed.status == 1 && listed.out.contains("Readable") && listed.err.contains("the list is incomplete: 1 file could not be read"), "\(listed)")
        #expect(cli.run("patients", "--json").status == 1)
        unlink(cli.data + "/patients/P-0002.json")
        let whole = cli.run("patients")
        #expect(whole.status == 0 && whole.out.contains("Readable") && !whole.err.contains("incomplete"), "\(whole)")
    }
}
