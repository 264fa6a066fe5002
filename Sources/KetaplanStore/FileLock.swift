import Foundation

/// An advisory lock on the data folder (flock on `.lock`), held while a save checks the
/// revision on disk and replaces the file, so two saves of one patient cannot interleave.
/// Every ketaplan process on the machine honours it, whichever user runs it (in a folder
/// shared by a group the lock file is 0660 like every file; `flock` needs only an open
/// descriptor, so one opened for reading serves when writing is refused); the kernel
/// drops it if the holder dies.
final class FileLock {
    private let fd: Int32

    /// Blocks until the lock is held.
    /// - Throws: `StoreError.noAccess` or `.io` when the lock file cannot be opened.
    init(path: String) throws(StoreError) {
        let sharing = FolderSharing.forFile(at: path)
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, sharing.fileMode)
        if fd < 0, errno == EACCES { fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard fd >= 0 else { throw StoreError.denied(path: path, operation: "open the lock file", errno: errno) }
        // Everything that can fail happens before `self.fd` is set: deinit then never runs
        // on a descriptor already closed here.
        do throws(StoreError) {
            try sharing.apply(toOpenFile: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .io(path: path, operation: "lock", reason: reason)
            }
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
