import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// A data folder shared by a Unix group: every file ketaplan writes is 0660 and every
/// folder 2770 in the folder's group; a private folder stays 0700/0600; `validate` names
/// what a colleague could not use. These run as any user: the test's own group stands in
/// for the clinic's (the two-user journey is in KetaplanE2ETests).
@Suite struct SharedFolderTests {
    /// Mode and group of everything in `path` (itself included), links not followed.
    func everything(_ path: String) -> [(path: String, mode: mode_t, gid: gid_t, folder: Bool)] {
        var out: [(String, mode_t, gid_t, Bool)] = []
        var st = stat()
        stat(path, &st)
        out.append((path, st.st_mode & 0o7777, st.st_gid, true))
        DataFolder.walk(path) { p, est in out.append((p, est.st_mode & 0o7777, est.st_gid, (est.st_mode & S_IFMT) == S_IFDIR)) }
        return out
    }

    /// A chart with a plan, saved twice (so a backup exists), the clinic saved, the index
    /// compacted: every write path the store has.
    func writeEverything(_ store: ClinicStore) throws {
        try store.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 4)))
        var stored = try store.create(samplePatient())
        var chart = stored.chart
        chart.patient.notes = "second"
        stored = try store.save(chart, over: stored)
        try store.create(samplePatient("P-0002", name: "Ada Second"))
        // The summary index rewritten from scratch by a load (through the store's API, so
        // this holds whatever the index's files are called).
        for name in try FileManager.default.contentsOfDirectory(atPath: store.folder.path) where name.hasPrefix("index") {
            unlink(store.folder.path + "/" + name)
        }
        _ = store.loadSummaries()
        try store.create(samplePatient("P-0003", name: "Cy Third"))
        try AtomicFile.write(Data("draft".utf8), to: store.folder.path + "/recovery-test.json")
        try FolderSharing.makeFolders(store.folder.exportsFolder + "/2026")
        try AtomicFile.write(Data("BEGIN:VCALENDAR".utf8), to: store.folder.exportsFolder + "/2026/plan.ics")
    }

    @Test func aGroupFolderGetsGroupModesOnEveryWritePath() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let folder = DataFolder(path: dir.path + "/clinic")
        let gid = getegid()
        let report = try folder.share(.group(gid))
        #expect(report.notChanged.isEmpty)
        try writeEverything(ClinicStore(folder: folder, user: "alice"))
        let all = everything(folder.path)
        #expect(all.count >= 14, "\(all.map(\.path))")
        for entry in all {
            #expect(entry.gid == gid, "\(entry.path) is not in the clinic's group")
            #expect(entry.mode == (entry.folder ? 0o2770 : 0o660), "\(entry.path) has mode \(String(entry.mode, radix: 8))")
        }
        #expect(all.contains { $0.path.hasSuffix("/backups/P-0001.1.json") })
        #expect(all.contains { $0.path.hasSuffix("/.lock") })
        #expect(ClinicStore(folder: folder).validate(today: day("2026-01-05")).problems == [])
    }

    @Test func aPrivateFolderStaysPrivateEvenInsideASetgidFolder() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        // The parent is setgid (as a shared /srv folder may be): a new data folder made in
        // it must not inherit that and share the clinic unasked.
        #expect(chmod(dir.path, 0o2770) == 0)
        let folder = DataFolder(path: dir.path + "/mine")
        try writeEverything(ClinicStore(folder: folder, user: "alice"))
        for entry in everything(folder.path) {
            #expect(entry.mode == (entry.folder ? 0o700 : 0o600), "\(entry.path) has mode \(String(entry.mode, radix: 8))")
        }
        #expect(FolderSharing.of(folder: folder.path) == .privateToOwner)
    }

    @Test func initMakesAnExistingPrivateFolderSharedAndBackAgain() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let folder = DataFolder(path: dir.path + "/clinic")
        try writeEverything(ClinicStore(folder: folder, user: "alice"))
        let shared = try folder.share(.group(getegid()))
        // Every file and folder changed once; the lock file already got its mode when init
        // took the lock.
        #expect(shared.changed == everything(folder.path).count - 1)
        #expect(everything(folder.path).allSatisfy { $0.mode == ($0.folder ? 0o2770 : 0o660) })
        #expect(try folder.share(.group(getegid())).changed == 0, "a second run changes nothing")
        let back = try folder.share(.privateToOwner)
        #expect(back.changed == everything(folder.path).count - 1)
        #expect(everything(folder.path).allSatisfy { $0.mode == ($0.folder ? 0o700 : 0o600) })
    }

    @Test func anUnknownGroupIsRefusedNamingHowToCreateIt() throws {
        #expect(throws: StoreError.self) { try DataFolder.sharing(group: "no-such-ketaplan-group") }
        do {
            _ = try DataFolder.sharing(group: "no-such-ketaplan-group")
        } catch {
            #expect(error.description.contains("groupadd no-such-ketaplan-group"))
        }
        let own = FolderSharing.groupName(getegid())
        #expect(try DataFolder.sharing(group: own) == .group(getegid()))
        #expect(try DataFolder.sharing(group: nil) == .privateToOwner)
    }

    /// A file a colleague cannot read is reported with its fix; once fixed, all is well.
    @Test func validateNamesWhatTheGroupCannotUseAndTheFix() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let folder = DataFolder(path: dir.path + "/clinic")
        _ = try folder.share(.group(getegid()))
        let store = ClinicStore(folder: folder, user: "alice")
        try writeEverything(store)
        let group = FolderSharing.groupName(getegid())
        let file = folder.patientFile(pid("P-0002"))
        #expect(chmod(file, 0o600) == 0)
        #expect(chmod(folder.backupsFolder, 0o700) == 0)
        #expect(chmod(folder.auditFile, 0o664) == 0)
        let report = store.validate(today: day("2026-01-05"))
        #expect(report.problems.count == 3, "\(report.problems)")
        #expect(report.problems.contains { $0.hasPrefix(file + ": other clinicians in group \(group) cannot read or write this file") && $0.contains("mode 0600") && $0.contains("chmod 0660 '\(file)'") })
        #expect(report.problems.contains { $0.hasPrefix(folder.backupsFolder + ": other clinicians in group \(group) cannot use this folder") && $0.contains("chmod 2770") })
        #expect(report.problems.contains { $0.hasPrefix(folder.auditFile + ": every user on this machine may use this file") && $0.contains("chmod o-rwx") })
        // The fix the messages name makes it well again.
        #expect(chmod(file, 0o660) == 0 && chmod(folder.backupsFolder, 0o2770) == 0 && chmod(folder.auditFile, 0o660) == 0)
        #expect(store.validate(today: day("2026-01-05")).problems == [])
    }

    /// The audit log names the real user running the program, from the user database.
    @Test func theLoginNameIsTheRealUsers() {
        let expected = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? String(getuid())
        #expect(ClinicStore.loginName() == expected)
    }
}
