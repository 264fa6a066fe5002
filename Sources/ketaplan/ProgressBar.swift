import Foundation

/// A progress bar on standard error, shown only once a run has taken more than a second
/// and only when standard error is a terminal; it never touches standard output.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let start = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()
    private var lastDrawn: UInt64 = 0
    private var shown = false
    private let enabled = isatty(STDERR_FILENO) == 1

    init(label: String) { self.label = label }

    func update(_ done: Int, of total: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        guard now - start > 1_000_000_000, now - lastDrawn > 100_000_000 || done == total else { return }
        lastDrawn = now
        shown = true
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(total > 0 ? 100 * done / total : 100)%".utf8))
    }

    /// Clears the bar's line if it was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
