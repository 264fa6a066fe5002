import Foundation
import KetaplanEngine

/// Where ketaplan keeps its files, and the paths inside it.
///
/// The folder is `--data DIR`, else `$KETAPLAN_DATA`, else `$XDG_DATA_HOME/ketaplan`, else
/// `~/.local/share/ketaplan`. It is created on first use with mode 0700 (private); `ketaplan
/// clinic init --group NAME` makes it a clinic group's shared folder instead (2770, every
/// file 0660: `FolderSharing`).
public struct DataFolder: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    /// Resolves the folder from an explicit path or the environment.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataFolder {
        if let explicit, !explicit.isEmpty { return DataFolder(path: explicit) }
        if let env = environment["KETAPLAN_DATA"], !env.isEmpty { return DataFolder(path: env) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return DataFolder(path: xdg + "/ketaplan") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataFolder(path: home + "/.local/share/ketaplan")
    }

    public var clinicFile: String { path + "/clinic.json" }
    public var protocolsFolder: String { path + "/protocols" }
    public var patientsFolder: String { path + "/patients" }
    public var backupsFolder: String { path + "/backups" }
    public var auditFile: String { path + "/audit.jsonl" }
    public var indexFile: String { path + "/index.jsonl" }
    public var lockFile: String { path + "/.lock" }

    /// The patient's file.
    public func patientFile(_ id: PatientID) -> String { patientFile(named: id.rawValue) }

    /// The file a patient file's base name stands for; loaders check that the name is an id.
    func patientFile(named name: String) -> String { patientsFolder + "/" + name + ".json" }

    /// The patient's backup number `n` (1 is the most recent previous version).
    public func backupFile(_ id: PatientID, _ n: Int) -> String { backupsFolder + "/" + id.rawValue + ".\(n).json" }

    /// Where ketaplan proposes to save printouts and exports: the one place inside the
    /// data folder an export may be written.
    public var exportsFolder: String { path + "/exports" }

    /// Why an export or printout may not be written to `output`, or nil when it may: a
    /// path inside the data folder (outside `exports/`) could replace a chart, the clinic
    /// file or the audit log. Links and `..` are resolved first.
    public func outputProblem(_ output: String) -> String? {
        let target = DataFolder.resolved(output)
        let data = DataFolder.resolved(path)
        guard target == data || target.hasPrefix(data + "/") else { return nil }
        let exports = DataFolder.resolved(exportsFolder)
        if target.hasPrefix(exports + "/") { return nil }
        return "\(output) is inside the data folder \(path), where it could replace ketaplan's own files; write it elsewhere, or into \(exportsFolder)/"
    }

    /// The absolute path with links resolved, for a path that may not exist yet (its
    /// nearest existing folder is resolved and the rest appended).
    static func resolved(_ p: String) -> String {
        var absolute = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
        absolute = (absolute as NSString).standardizingPath
        var rest: [String] = []
        var head = absolute
        while !head.isEmpty, head != "/" {
            if let real = realpath(head, nil) {
                defer { free(real) }
                return ([String(cString: real)] + rest.reversed()).joined(separator: "/")
            }
            rest.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// Creates the folder and its subfolders when missing. A new data folder is private
    /// (0700, set explicitly: a folder made inside a setgid folder would otherwise inherit
    /// the setgid bit and share the clinic with that group unasked); subfolders follow the
    /// data folder's sharing (0700, or 2770 in a group's folder). The data folder itself
    /// may be a symbolic link to a folder (a clinic keeps its data on another disk); links
    /// inside it are never followed.
    /// - Throws: `StoreError.io` or `.notARegularFile` when something else is in the way.
    public func create() throws(StoreError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notARegularFile(path: path, found: FileKind(st).name + " (a folder was expected)") }
        } else {
            try FolderSharing.privateToOwner.makeFolder(path)
        }
        let sharing = FolderSharing.of(folder: path)
        for dir in [patientsFolder, backupsFolder] where lstat(dir, &st) != 0 || (st.st_mode & S_IFMT) != S_IFDIR {
            try sharing.makeFolder(dir)
        }
    }
}

/// What kind of thing `lstat` found.
struct FileKind {
    let mode: mode_t
    init(_ st: stat) { mode = st.st_mode & S_IFMT }
    var isRegular: Bool { mode == S_IFREG }
    var name: String {
        switch mode {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "a device or special file"
        }
    }
}
