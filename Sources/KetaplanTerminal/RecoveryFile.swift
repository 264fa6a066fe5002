import Foundation
import KetaplanStore
import KetaplanUI

/// `recovery-USER.json` in the data folder: the input of a form that was open when the
/// program was stopped (SIGHUP from a dropped SSH session, SIGTERM, Ctrl-C), offered back
/// on the next start.
struct RecoveryFile {
    let folder: DataFolder
    let user: String

    var path: String { folder.path + "/recovery-\(user.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }).json" }

    struct Content: Codable {
        var schemaVersion: Int
        var savedAt: String
        var draft: FormDraft
    }

    /// Writes the draft. Called from the signal path, so it is kept to plain work.
    func write(_ draft: FormDraft) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        guard let data = try? JSONEncoder().encode(Content(schemaVersion: 1, savedAt: stamp, draft: draft)) else { return }
        try? folder.create()
        try? AtomicFile.write(data, to: path)
    }

    func read() -> (FormDraft, String)? {
        guard let data = try? AtomicFile.read(path), let content = try? JSONDecoder().decode(Content.self, from: data) else { return nil }
        return (content.draft, content.savedAt)
    }

    func clear() { unlink(path) }
}
