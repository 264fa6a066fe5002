import Foundation
import KetaplanRecords

/// The files a check could not read, each with what one `stat` and one `access` said of it
/// then, so that a watch notices when one may read now: a `chmod 660` by the file's owner,
/// a `chown`, a damaged file repaired in place or put back. None of these touches the
/// folder, the index or its journal, which are all a poll otherwise looks at, so without
/// this an open screen kept a patient hidden and "1 file could not be read" until it was
/// restarted (tester F8). Two system calls per unreadable file a poll, and none for any
/// other file: a clinic with none pays nothing.
public struct UnreadableFiles: Equatable, Sendable {
    /// What a file looked like: its identity, mode, owners, size and times as `stat` gave
    /// them (or the error it gave), and whether `access` let this process read it.
    struct Look: Equatable, Sendable {
        var stat: [Int64]
        var readable: Bool
    }

    private var looks: [String: Look] = [:]

    /// None (a clinic that read whole).
    public init() {}

    /// The files of `problems` as they look now.
    public init(_ problems: [LoadProblem]) {
        for problem in problems { looks[problem.path] = Self.look(problem.path) }
    }

    /// Whether no file is remembered.
    public var isEmpty: Bool { looks.isEmpty }

    /// The paths remembered, sorted.
    public var paths: [String] { looks.keys.sorted() }

    /// Whether any of the files looks different from when it was remembered, a sign that
    /// it may read now (or fail differently): worth reading every file that differs
    /// again (`ClinicStore.recheck`). A file that looks the same would fail the same way.
    public var changed: Bool {
        looks.contains { path, look in Self.look(path) != look }
    }

    static func look(_ path: String) -> Look {
        var st = Foundation.stat()
        let found: [Int64]
        if lstat(path, &st) == 0 {
            found = [Int64(st.st_dev), Int64(st.st_ino), Int64(st.st_mode), Int64(st.st_uid), Int64(st.st_gid), Int64(st.st_size),
                     Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec), Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec)]
        } else {
            found = [-1, Int64(errno)]
        }
        // access() also sees what the file's own stat does not: a folder above it made
        // readable again.
        return Look(stat: found, readable: access(path, R_OK) == 0)
    }
}
