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
    /// The data folder's owner once shared: with root, the only user who can open a
    /// private folder.
    public var folderOwner: uid_t = geteuid()
    /// In a private folder, the files and folders given its modes that belong to someone
    /// other than the folder's owner, counted by owner (root, who may change anyone's
    /// modes, can make a folder of other users' files "private"): their owners cannot
    /// reach them through a folder that is not theirs, nor can its owner read them, so
    /// only root can.
    public var othersOwn: [uid_t: Int] = [:]

    /// What `clinic init` says of a folder it made private, true of who can read it
    /// (tester F18: run as root on a clinic server it said "private to you" of files
    /// that stayed kt_alice's and kt_bob's, which nobody but root could then read).
    public func privateLines(_ path: String) -> [String] {
        let changed = "\(changed) changed"
        let me = geteuid()
        guard folderOwner != me || !othersOwn.isEmpty else { return ["\(path) is private to you: folders 0700, files 0600 (\(changed))."] }
        let owner = FolderSharing.userName(folderOwner)
        let whose = folderOwner == me ? "you (\(owner))" : "\(owner), the folder's owner (not you)"
        var lines = ["\(path) is private to \(whose): folders 0700, files 0600 (\(changed))."]
        if !othersOwn.isEmpty {
            let count = othersOwn.values.reduce(0, +)
            let owners = othersOwn.map { (name: FolderSharing.userName($0.key), count: $0.value) }.sorted { $0.name < $1.name }
            let one = count == 1
            let them = one ? "it" : "them"
            // Why nobody else can: the folder's owner cannot read another's 0600 file, and
            // its owner (root aside) cannot pass through another's 0700 folder.
            var why: [String] = []
            if folderOwner != 0 { why.append("\(owner) cannot read \(them)") }
            if othersOwn.keys.contains(where: { $0 != 0 }) {
                why.append((one ? "its owner cannot reach it" : "their owners cannot reach them") + " through a folder that is not theirs")
            }
            lines.append("But \(count) \(one ? "file or folder in it belongs to another user" : "files and folders in it belong to other users") ("
                         + owners.map { "\($0.name): \($0.count)" }.joined(separator: ", ") + "): only root can read \(them) now"
                         + (why.isEmpty ? "." : " (" + why.joined(separator: "; ") + ")."))
            lines.append("As root, `chown -R \(owner) '\(path)'` makes \(them) \(owner)'s; `ketaplan clinic init --group NAME` shares the folder with a group instead.")
        }
        return lines
    }
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
        if stat(path, &st) == 0 { report.folderOwner = st.st_uid }
        let owner = report.folderOwner
        Self.walk(path) { entry, est in
            // A private folder's entries of other users: said, not taken from them.
            if sharing == .privateToOwner, est.st_uid != owner, est.st_uid == geteuid() || geteuid() == 0 {
                report.othersOwn[est.st_uid, default: 0] += 1
            }
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
