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

    /// The kept draft and when it was kept, as the clinician reads a time: local, e.g.
    /// "Thu 26 Nov 2026 at 14:02" (the file keeps UTC).
    func read() -> (FormDraft, String)? {
        guard let data = try? AtomicFile.read(path), let content = try? JSONDecoder().decode(Content.self, from: data) else { return nil }
        return (content.draft, Self.readable(content.savedAt))
    }

    /// An ISO 8601 instant as local time; anything else as it was written.
    static func readable(_ stamp: String, in zone: TimeZone = .current) -> String {
        guard let date = ISO8601DateFormatter().date(from: stamp) else { return stamp }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE d MMM yyyy 'at' HH:mm"
        return formatter.string(from: date)
    }

    func clear() { unlink(path) }
}
