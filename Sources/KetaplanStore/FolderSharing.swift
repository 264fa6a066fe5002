import Foundation

/// Who may use what ketaplan writes into a folder. It is read from the folder itself, so
/// every ketaplan process writes the same modes whoever runs it and whatever its umask:
///
/// - a folder with the setgid bit belongs to a clinic's Unix group (made so by `ketaplan
///   clinic init --group NAME`): folders are created 2770 and files 0660, owned by that
///   group, so every clinician in the group can read and replace them;
/// - any other folder is private to its owner: folders 0700, files 0600.
///
/// Others (users outside the group) never get any access: the files hold patients' names.
/// Modes are set explicitly after creating (`fchmod`), because the umask of whoever runs
/// ketaplan would otherwise strip the group's bits.
public enum FolderSharing: Equatable, Sendable {
    /// Only the owner: 0700 folders, 0600 files.
    case privateToOwner
    /// The Unix group with this id: 2770 folders, 0660 files.
    case group(gid_t)

    /// The sharing of the folder at `folder` (its setgid bit and group). A folder that
    /// cannot be examined counts as private: the narrower modes lose nothing.
    public static func of(folder: String) -> FolderSharing {
        var st = stat()
        guard stat(folder.isEmpty ? "." : folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_mode & S_ISGID != 0 else {
            return .privateToOwner
        }
        return .group(st.st_gid)
    }

    /// The sharing that applies to a file at `path`: that of the folder it is in.
    public static func forFile(at path: String) -> FolderSharing {
        of(folder: (path as NSString).deletingLastPathComponent)
    }

    public var fileMode: mode_t { self == .privateToOwner ? 0o600 : 0o660 }
    public var folderMode: mode_t { self == .privateToOwner ? 0o700 : 0o2770 }

    /// The group's name (its number when the machine has no name for it), nil when private.
    public var groupName: String? {
        guard case .group(let gid) = self else { return nil }
        return Self.groupName(gid)
    }

    static func groupName(_ gid: gid_t) -> String {
        if let gr = getgrgid(gid), let name = gr.pointee.gr_name { return String(cString: name) }
        return String(gid)
    }

    static func userName(_ uid: uid_t) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }

    /// Gives an open file this sharing's group and mode. Only the file's owner (or root)
    /// may change them; a file someone else owns is left as it is (`validate` reports it
    /// when it is wrong).
    /// - Throws: `StoreError.io` naming the group when the file cannot be given to it.
    func apply(toOpenFile fd: Int32, path: String) throws(StoreError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "examine", reason: String(cString: strerror(errno))) }
        guard st.st_uid == geteuid() || geteuid() == 0 else { return }
        if case .group(let gid) = self, st.st_gid != gid, fchown(fd, uid_t.max, gid) != 0 {
            throw .io(path: path, operation: "give the file to the clinic's group \(Self.groupName(gid))",
                      reason: String(cString: strerror(errno)) + "; ask an administrator to add you (\(Self.userName(geteuid()))) to group \(Self.groupName(gid))")
        }
        if st.st_mode & 0o7777 != fileMode, fchmod(fd, fileMode) != 0 {
            throw .io(path: path, operation: "set its mode to \(String(fileMode, radix: 8))", reason: String(cString: strerror(errno)))
        }
    }

    /// Gives a folder this sharing's group and mode (the caller owns it, or is root).
    func apply(toFolder path: String) throws(StoreError) {
        if case .group(let gid) = self, chown(path, uid_t.max, gid) != 0 {
            throw .io(path: path, operation: "give the folder to the clinic's group \(Self.groupName(gid))",
                      reason: String(cString: strerror(errno)) + "; ask an administrator to add you (\(Self.userName(geteuid()))) to group \(Self.groupName(gid))")
        }
        // chmod, not mkdir's mode: the umask would strip the group's bits and the setgid bit.
        if chmod(path, folderMode) != 0 {
            throw .io(path: path, operation: "set its mode to \(String(folderMode, radix: 8))", reason: String(cString: strerror(errno)))
        }
    }

    /// Creates the folder `path` inside a folder of this sharing, with its group and mode.
    /// - Returns: false when a folder was already there (it is left as it is).
    /// - Throws: `StoreError.io`, or `.notARegularFile` when something else is in the way.
    @discardableResult
    func makeFolder(_ path: String) throws(StoreError) -> Bool {
        if mkdir(path, 0o700) != 0 {
            guard errno == EEXIST else { throw StoreError.denied(path: path, operation: "create the folder", errno: errno) }
            var st = stat()
            lstat(path, &st)
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notARegularFile(path: path, found: FileKind(st).name + " (a folder was expected)") }
            return false
        }
        try apply(toFolder: path)
        return true
    }

    /// Creates `path` and any missing folders above it, each with the sharing of the
    /// folder it is created in (for exports into a folder that does not exist yet).
    public static func makeFolders(_ path: String) throws(StoreError) {
        var missing: [String] = []
        var head = path
        var st = stat()
        while !head.isEmpty, head != "/", stat(head, &st) != 0 {
            missing.append(head)
            head = (head as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            try forFile(at: folder).makeFolder(folder)
        }
    }
}
