import Foundation
import Testing
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanStore

/// `UnreadableFiles` (tester F8): a file a check could not read is looked at again by each
/// poll, and any change to it (mode, owner, contents, the file itself) is seen, while a
/// file left as it was is not a change.
@Suite struct UnreadableFilesTests {
    /// Writes `bytes` into the file at `path` in place: the same inode, so the folder (and
    /// everything a poll otherwise looks at) is untouched, as a repair by hand may be.
    static func overwriteInPlace(_ path: String, _ bytes: Data) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    @Test func aFileThatCouldNotBeReadIsLookedAtAgain() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced)
        try store.create(samplePatient("P-0001"))
        try store.create(samplePatient("P-0002"))
        let path = dir.path + "/patients/P-0002.json"
        let good = try #require(fileBytes(path))
        try Self.overwriteInPlace(path, Data("{\"schemaVersion\":".utf8))
        let problems = store.loadAll().problems
        #expect(problems.map(\.path) == [path])
        var files = UnreadableFiles(problems)
        #expect(files.paths == [path] && !files.isEmpty)
        // Left as it was: nothing to read again, however often it is looked at.
        #expect(!files.changed && !files.changed)
        // Its mode changed (what `chmod 660` by its owner does): looked at again.
        #expect(chmod(path, 0o640) == 0)
        #expect(files.changed)
        files = UnreadableFiles(problems)
        #expect(!files.changed)
        // Repaired in place: looked at again.
        try Self.overwriteInPlace(path, good)
        #expect(files.changed)
        // Removed: looked at again too.
        files = UnreadableFiles(problems)
        #expect(unlink(path) == 0)
        #expect(files.changed)
        // A clinic that read whole has nothing to look at.
        #expect(UnreadableFiles([]).isEmpty && !UnreadableFiles([]).changed)
    }
}
