import Foundation

/// Whether every clinician who should can use a data folder's files: in a folder shared by
/// a group (`FolderSharing.group`), every file and folder must belong to that group with
/// the group's read and write bits (folders also setgid) and nothing for others; in any
/// folder, this user must be able to read and write what is there. A file another
/// clinician cannot read would otherwise make their screen show a smaller clinic, and
/// one they cannot replace would fail their next save.
struct AccessCheck {
    let folder: DataFolder

    /// One problem: the path and the line `validate` prints for it.
    struct Problem: Equatable {
        var path: String
        var message: String
    }

    /// Every file and folder (links are not followed) that this user or the clinic's
    /// group cannot use, with the command that fixes each.
    func problems() -> [Problem] {
        var found: [Problem] = []
        var st = stat()
        guard stat(folder.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return [] }
        let sharing = FolderSharing.of(folder: folder.path)
        if case .group(let gid) = sharing, !Self.isMember(of: gid) {
            // Every file would say the same: say it once.
            return [Problem(path: folder.path, message: "\(folder.path): " + Self.advice(folder.path, st, sharing: sharing))]
        }
        if let problem = Self.problem(folder.path, st, sharing: sharing) { found.append(Problem(path: folder.path, message: problem)) }
        DataFolder.walk(folder.path) { path, est in
            if let problem = Self.problem(path, est, sharing: sharing) { found.append(Problem(path: path, message: problem)) }
        }
        return found
    }

    /// What is wrong with one file or folder, or nil.
    static func problem(_ path: String, _ st: stat, sharing: FolderSharing) -> String? {
        let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
        let what = isFolder ? "folder" : "file"
        let facts = describe(st)
        if case .group(let gid) = sharing {
            let group = FolderSharing.groupName(gid)
            let needed: mode_t = isFolder ? 0o2070 : 0o060
            if st.st_gid != gid || st.st_mode & needed != needed {
                return "\(path): other clinicians in group \(group) cannot \(isFolder ? "use this folder" : "read or write this file") (\(facts)); " + groupFix(path, st, group: group)
            }
            if st.st_mode & 0o007 != 0 {
                return "\(path): every user on this machine may use this \(what) (\(facts)), not only group \(group); fix: chmod o-rwx '\(path)'"
            }
        }
        let needed = isFolder ? R_OK | W_OK | X_OK : R_OK | W_OK
        if access(path, needed) != 0 {
            return "\(path): you (\(FolderSharing.userName(geteuid()))) cannot \(isFolder ? "use this folder" : "read or write this file") (\(facts)); " + advice(path, st, sharing: sharing)
        }
        return nil
    }

    /// Why `path` is refused to this user and what fixes it, for the message of a
    /// failed read or write: the nearest part of the path that refuses, described.
    static func advice(for path: String) -> String {
        var candidate = path
        while !candidate.isEmpty, candidate != "/" {
            var st = stat()
            if lstat(candidate, &st) == 0 {
                let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
                if access(candidate, isFolder ? R_OK | W_OK | X_OK : R_OK | W_OK) != 0 {
                    // A folder's own setgid bit says whose it is; a file's folder does.
                    let sharing = isFolder ? FolderSharing.of(folder: candidate) : FolderSharing.forFile(at: candidate)
                    let which = candidate == path ? "" : "\(candidate) is refused to you (\(describe(st))); "
                    return which + advice(candidate, st, sharing: sharing)
                }
            }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return "`ketaplan validate` lists every file you cannot use, with the fix"
    }

    /// The fix for a file this user cannot use.
    private static func advice(_ path: String, _ st: stat, sharing: FolderSharing) -> String {
        let me = FolderSharing.userName(geteuid())
        switch sharing {
        case .group(let gid):
            let group = FolderSharing.groupName(gid)
            if !isMember(of: gid) {
                return "you (\(me)) are not in the clinic's group \(group): ask an administrator to run `usermod -aG \(group) \(me)`, then log in again"
            }
            return groupFix(path, st, group: group)
        case .privateToOwner:
            if st.st_uid == geteuid() {
                return "fix: chmod \((st.st_mode & S_IFMT) == S_IFDIR ? "0700" : "0600") '\(path)'"
            }
            return "it belongs to \(FolderSharing.userName(st.st_uid)) and the data folder is not shared with a group: to share it, an administrator runs `ketaplan clinic init --group NAME --data FOLDER` (README: \"A clinic server\")"
        }
    }

    /// The command that gives a file or folder to the clinic's group.
    private static func groupFix(_ path: String, _ st: stat, group: String) -> String {
        let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
        let owner = st.st_uid == 0 ? "root" : FolderSharing.userName(st.st_uid) + " or root"
        return "fix: chgrp \(group) '\(path)' && chmod \(isFolder ? "2770" : "0660") '\(path)' (as \(owner)), or `ketaplan clinic init --group \(group)` as root for the whole folder"
    }

    /// Owner, group and mode, as `ls -l` would tell them.
    static func describe(_ st: stat) -> String {
        "owner \(FolderSharing.userName(st.st_uid)), group \(FolderSharing.groupName(st.st_gid)), mode \(String(format: "%04o", st.st_mode & 0o7777))"
    }

    /// Whether this user may read a file, judged from its `stat` alone (owner, group and
    /// mode bits; ACLs are not consulted): the summary load stamps every patient file and
    /// must not add a system call per file.
    static func mayRead(_ st: stat) -> Bool {
        let me = identity
        if me.uid == 0 { return true }
        if st.st_uid == me.uid { return st.st_mode & S_IRUSR != 0 }
        if me.groups.contains(st.st_gid) { return st.st_mode & S_IRGRP != 0 }
        return st.st_mode & S_IROTH != 0
    }

    /// This process's user and groups, looked up once.
    private static let identity: (uid: uid_t, groups: [gid_t]) = (geteuid(), groups())

    /// The process's primary and supplementary groups.
    private static func groups() -> [gid_t] {
        let count = getgroups(0, nil)
        var list = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let n = count > 0 ? getgroups(count, &list) : 0
        return [getegid()] + list.prefix(Int(max(n, 0)))
    }

    /// Whether this process is in the group (primary or supplementary), or is root.
    static func isMember(of gid: gid_t) -> Bool {
        geteuid() == 0 || groups().contains(gid)
    }
}
