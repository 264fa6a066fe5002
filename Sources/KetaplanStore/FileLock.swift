import Foundation

/// An advisory lock on the data folder (flock on `.lock`), held while a save checks the
/// revision on disk and replaces the file, so two saves of one patient cannot interleave.
/// Every ketaplan process on the machine honours it; the kernel drops it if the holder dies.
final class FileLock {
    private let fd: Int32

    /// Blocks until the lock is held.
    /// - Throws: `StoreError.io` when the lock file cannot be opened.
    init(path: String) throws(StoreError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .io(path: path, operation: "open the lock file", reason: String(cString: strerror(errno))) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .io(path: path, operation: "lock", reason: reason)
            }
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
