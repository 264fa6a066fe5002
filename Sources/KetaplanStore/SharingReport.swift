import Foundation

/// What `ketaplan clinic init` did to a data folder's files and folders.
public struct SharingReport: Equatable, Sendable {
    /// The sharing the folder now has.
    public var sharing: FolderSharing
    /// Files and folders whose group or mode was changed.
    public var changed = 0
    /// Files and folders left as they were because someone else owns them, one line each
    /// naming the owner and the command that fixes it.
    public var notChanged: [String] = []
}

extension DataFolder {
    /// The sharing `clinic init` gives a folder: the named Unix group's, or private.
    /// - Throws: `StoreError.noSuchGroup` for a group the machine does not know,
    ///   `.notInGroup` when this user is not in it.
    public static func sharing(group: String?) throws(StoreError) -> FolderSharing {
        guard let group else { return .privateToOwner }
        guard let gr = getgrnam(group) else { throw .noSuchGroup(group) }
        let gid = gr.pointee.gr_gid
        guard AccessCheck.isMember(of: gid) else { throw .notInGroup(group: group, user: FolderSharing.userName(geteuid())) }
        return .group(gid)
    }

    /// Makes this the data folder of `sharing`: creates it when missing, gives it (setgid)
    /// and every file and folder in it that this user may change the sharing's group and
    /// mode (2770 and 0660, or 0700 and 0600), under the folder's lock so no save runs
    /// meanwhile. Links are not followed. From then on every ketaplan process writes
    /// those modes (`FolderSharing`).
    /// - Throws: `StoreError` when the data folder itself cannot be made or changed.
    public func share(_ sharing: FolderSharing) throws(StoreError) -> SharingReport {
        var st = stat()
        if stat(path, &st) != 0 {
            try FolderSharing.privateToOwner.makeFolder(path)
        } else if (st.st_mode & S_IFMT) != S_IFDIR {
            throw .notARegularFile(path: path, found: FileKind(st).name + " (a folder was expected)")
        }
        var report = SharingReport(sharing: sharing)
        if stat(path, &st) == 0, !Self.matches(st, sharing) {
            do throws(StoreError) { try sharing.apply(toFolder: path) } catch {
                throw .noAccess(path: path, operation: "change the data folder's group and mode",
                                advice: "it belongs to \(FolderSharing.userName(st.st_uid)): run `ketaplan clinic init` as that user or as root")
            }
            report.changed += 1
        }
        try create()
        let lock = try FileLock(path: lockFile)
        defer { withExtendedLifetime(lock) {} }
        Self.walk(path) { entry, est in
            guard !Self.matches(est, sharing) else { return }
            let isFolder = (est.st_mode & S_IFMT) == S_IFDIR
            let mode = isFolder ? sharing.folderMode : sharing.fileMode
            var ok = est.st_uid == geteuid() || geteuid() == 0
            if ok, case .group(let gid) = sharing { ok = lchown(entry, uid_t.max, gid) == 0 }
            if ok { ok = chmod(entry, mode) == 0 }
            if ok {
                report.changed += 1
            } else {
                let group = sharing.groupName.map { "chgrp \($0) '\(entry)' && " } ?? ""
                report.notChanged.append("\(entry): belongs to \(FolderSharing.userName(est.st_uid)) (\(AccessCheck.describe(est))); fix: \(group)chmod \(String(mode, radix: 8)) '\(entry)' as \(FolderSharing.userName(est.st_uid)) or root, or run this command as root")
            }
        }
        return report
    }

    /// Whether a file or folder already has the sharing's group and exact mode.
    static func matches(_ st: stat, _ sharing: FolderSharing) -> Bool {
        let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
        if case .group(let gid) = sharing, st.st_gid != gid { return false }
        return st.st_mode & 0o7777 == (isFolder ? sharing.folderMode : sharing.fileMode)
    }

    /// Calls `body` for every regular file and folder below `folder` (not itself), folders
    /// before their contents; links and special files are skipped.
    static func walk(_ folder: String, _ body: (String, stat) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() {
            let entry = folder + "/" + name
            var st = stat()
            guard lstat(entry, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                body(entry, st)
                walk(entry, body)
            case S_IFREG:
                body(entry, st)
            default:
                continue
            }
        }
    }
}
