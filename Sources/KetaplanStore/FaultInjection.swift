/// A test seam in the store's file operations: makes one step of a save fail as the
/// operating system would, so tests can prove that a save interrupted at any step leaves
/// a folder that loads and reports its outcome truthfully. Production code uses `.none`.
public struct FaultInjection: Sendable, Equatable {
    /// The steps of a save, in the order they happen.
    public enum Step: String, CaseIterable, Sendable {
        /// Creating the temporary file.
        case open
        /// Writing the new content to it.
        case write
        /// Flushing it to disk.
        case fsync
        /// Renaming it over the old file.
        case rename
        /// Flushing the folder so the rename is durable.
        case folderSync
        /// Keeping the previous version as backup 1 (a hard link).
        case backupLink
        /// Appending the save's line to `audit.jsonl`.
        case auditAppend
        /// Appending the summary to the index journal.
        case indexAppend
    }

    /// The step that fails, if any.
    public var failing: Step?

    public init(failing: Step? = nil) { self.failing = failing }

    /// No injected faults.
    public static let none = FaultInjection()

    /// Throws, as the system call would, when `step` is the one set to fail.
    func check(_ step: Step, path: String) throws(StoreError) {
        if failing == step { throw .io(path: path, operation: Self.operation(step), reason: "Input/output error (injected by a test)") }
    }

    /// The words a failure at `step` uses in its message.
    static func operation(_ step: Step) -> String {
        switch step {
        case .open: return "create a temporary file"
        case .write: return "write"
        case .fsync: return "flush to disk"
        case .rename: return "replace"
        case .folderSync: return "flush the folder to disk"
        case .backupLink: return "keep the previous version"
        case .auditAppend: return "append to the audit log"
        case .indexAppend: return "append to the index"
        }
    }
}
