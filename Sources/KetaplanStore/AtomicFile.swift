import Foundation

/// Reading and crash-safe writing of whole files.
///
/// A write goes to a temporary file in the same folder, is flushed to disk (`fsync`),
/// renamed over the old file, and the folder is flushed so the rename itself survives a
/// power cut. A crash at any instant leaves the old file or the new one, never a torn one.
public enum AtomicFile {
    /// Whether writes wait for the disk (`fsync`). Only benchmarks turn this off, to
    /// measure ketaplan's own work without the disk's wait.
    public enum Durability: Sendable {
        case synced
        case unsynced
    }

    /// Writes `data` to `path` atomically, with the mode and group of the folder's
    /// sharing (0600, or 0660 in a clinic group's folder: `FolderSharing`), set explicitly
    /// whatever the umask. The caller holds the folder lock.
    /// - Throws: `StoreError.io` naming the step that failed. Up to the rename the old file
    ///   is untouched and the temporary file removed; when only the final folder flush
    ///   fails, the new file is in place (callers that must undo it, such as the store's
    ///   saves, restore the previous version).
    /// - Parameter sharing: the folder's sharing when the caller already knows it (a batch
    ///   of thousands of files in one folder, under the lock, finds it once); nil finds it.
    public static func write(_ data: Data, to path: String, sharing: FolderSharing? = nil, durability: Durability = .synced,
                             faults: FaultInjection = .none) throws(StoreError) {
        try write(to: path, sharing: sharing, durability: durability, faults: faults) { emit in _ = emit(data) }
    }

    /// `write(_:to:)` for contents made piece by piece: `produce` hands each piece to
    /// `emit` (false: it could not be written, and `produce` should stop), so a file of
    /// tens of megabytes (the summary index) is never held whole in memory.
    static func write(to path: String, sharing known: FolderSharing? = nil, durability: Durability = .synced, faults: FaultInjection = .none,
                      produce: (_ emit: (Data) -> Bool) -> Void) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        // Writers hold the folder lock, so one fixed temporary name per file is enough. One
        // left by a crashed save is removed rather than written over: in a shared folder it
        // may belong to a colleague, and a new file is ours to give its mode. It is removed
        // only when the create finds it, not with an `unlink` before every create: each
        // change of a folder's entries takes its lock, paid 100,000 times by `ketaplan demo`.
        let temp = (folder.isEmpty ? "" : folder + "/") + "." + name + ".tmp"
        try faults.check(.open, path: temp)
        let sharing = known ?? FolderSharing.of(folder: folder)
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
        var fd = open(temp, flags, sharing.fileMode)
        if fd < 0 && errno == EEXIST {
            unlink(temp)
            fd = open(temp, flags, sharing.fileMode)
        }
        guard fd >= 0 else { throw StoreError.denied(path: temp, operation: "create a temporary file", errno: errno) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        do throws(StoreError) {
            try sharing.apply(toOpenFile: fd, path: temp)
            try faults.check(.write, path: temp)
            var failed: Int32?
            produce { piece in
                guard failed == nil else { return false }
                if !writeAll(fd, piece) { failed = errno }
                return failed == nil
            }
            if let failed { throw .io(path: temp, operation: "write", reason: String(cString: strerror(failed))) }
            if durability == .synced {
                try faults.check(.fsync, path: temp)
                guard fsync(fd) == 0 else { throw .io(path: temp, operation: "flush to disk", reason: String(cString: strerror(errno))) }
            }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        try faults.check(.rename, path: path)
        guard rename(temp, path) == 0 else { throw StoreError.denied(path: path, operation: "replace", errno: errno) }
        ok = true
        if durability == .synced { try syncFolder(folder.isEmpty ? "." : folder, faults: faults) }
    }

    /// Flushes a folder's entries (a rename is durable only once its folder is).
    static func syncFolder(_ folder: String, faults: FaultInjection = .none) throws(StoreError) {
        try faults.check(.folderSync, path: folder)
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw .io(path: folder, operation: "flush the folder to disk", reason: String(cString: strerror(errno))) }
        defer { close(dfd) }
        // Some file systems cannot flush a folder (EINVAL); that is no failure of ours.
        if fsync(dfd) != 0, errno != EINVAL {
            throw .io(path: folder, operation: "flush the folder to disk", reason: String(cString: strerror(errno)))
        }
    }

    /// Reads a regular file; a link, folder or device where a file should be is refused.
    /// - Returns: nil when there is no file at `path`.
    public static func read(_ path: String) throws(StoreError) -> Data? {
        var st = stat()
        if lstat(path, &st) != 0 {
            if errno == ENOENT { return nil }
            throw StoreError.denied(path: path, operation: "read", errno: errno)
        }
        let kind = FileKind(st)
        guard kind.isRegular else { throw .notARegularFile(path: path, found: kind.name) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw StoreError.denied(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var data = Data(count: Int(st.st_size))
        var total = 0
        let ok = data.withUnsafeMutableBytes { raw -> Bool in
            while total < raw.count {
                let n = Glibc.read(fd, raw.baseAddress! + total, raw.count - total)
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 { break }
                total += n
            }
            return true
        }
        guard ok else { throw .io(path: path, operation: "read", reason: String(cString: strerror(errno))) }
        // The file may have shrunk between stat and read; keep what was there.
        if total < data.count { data.removeSubrange(total...) }
        return data
    }

    /// Appends one line to a file (created with the folder's sharing mode, 0600 or 0660;
    /// `FolderSharing`), flushed when synced, as one unit: a
    /// line left torn by an earlier crash is ended first so it cannot swallow this one,
    /// and a failed append is cut off again so no half line stays behind.
    public static func appendLine(_ line: Data, to path: String, durability: Durability = .synced,
                                  faults: FaultInjection = .none, step: FaultInjection.Step = .auditAppend) throws(StoreError) {
        try faults.check(step, path: path)
        let sharing = FolderSharing.forFile(at: path)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, sharing.fileMode)
        guard fd >= 0 else { throw StoreError.denied(path: path, operation: "open for appending", errno: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "append", reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path, found: FileKind(st).name) }
        // The log and the index journal are appended to by every clinician: the first
        // writer's umask must not decide who may append next.
        try sharing.apply(toOpenFile: fd, path: path)
        var bytes = Data()
        if st.st_size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, off_t(st.st_size - 1)) == 1, last != 0x0A { bytes.append(0x0A) }
        }
        bytes.append(line)
        bytes.append(0x0A)
        let written = writeAll(fd, bytes)
        let reason = String(cString: strerror(errno))
        if !written || (durability == .synced && fsync(fd) != 0) {
            let why = written ? String(cString: strerror(errno)) : reason
            _ = ftruncate(fd, st.st_size)
            throw .io(path: path, operation: "append", reason: why)
        }
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    private static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }
}
