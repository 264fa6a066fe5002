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

    /// The version this program writes: 4 keeps the day the form was typed on
    /// (`draft.typedOn`: relative dates mean days from it) and its heading (`draft.about`);
    /// a version 3 or older file takes the day it was kept (`savedAt`, local) instead; 3 keeps the clinic settings form's clinic.json
    /// it was filled in from (`draft.basedOn`; a version 2 file without it still reads);
    /// 2 keeps each field as `{"key", "value"}`; 1 kept `[field, text]` pairs and is
    /// still read.
    static let schemaVersion = 4

    struct Content: Codable {
        var schemaVersion: Int
        var savedAt: String
        var draft: FormDraft
    }

    struct Header: Codable { var schemaVersion: Int }

    /// What the data folder holds for this user.
    enum Found: Equatable {
        case nothing
        case draft(FormDraft, savedAt: String)
        /// A file that is there but cannot be offered back: what to tell the clinician.
        /// The file is left where it is.
        case unreadable(String)
    }

    /// Writes the draft. Called from the signal path, so it is kept to plain work.
    /// A file already there that cannot be read is moved aside (to `….unreadable`) rather
    /// than overwritten: it was reported at start and is the clinician's to look at.
    func write(_ draft: FormDraft) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        guard let data = try? JSONEncoder().encode(Content(schemaVersion: Self.schemaVersion, savedAt: stamp, draft: draft)) else { return }
        try? folder.create()
        if case .unreadable = read() { rename(path, path + ".unreadable") }
        try? AtomicFile.write(data, to: path)
    }

    /// The kept draft and when it was kept, as the clinician reads a time: local, e.g.
    /// "Thu 26 Nov 2026 at 14:02" (the file keeps UTC); or why the file there cannot be
    /// offered back (newer version, damaged, a form or field this version does not have).
    func read() -> Found {
        let name = (path as NSString).lastPathComponent
        let data: Data
        do {
            guard let read = try AtomicFile.read(path) else { return .nothing }
            data = read
        } catch {
            return .unreadable("\(path) could not be read: \(error.description). It is left in place; nothing was reopened")
        }
        let decoder = JSONDecoder()
        let problem: String
        do {
            let header = try decoder.decode(Header.self, from: data)
            if header.schemaVersion > Self.schemaVersion {
                return .unreadable("\(path) was written by a newer ketaplan (schemaVersion \(header.schemaVersion); this one reads up to \(Self.schemaVersion)); it is left in place for that version to offer back")
            }
            var content = try decoder.decode(Content.self, from: data)
            // Before version 4 the day was not kept: "today" then meant the day it was saved.
            if header.schemaVersion < 4, content.draft.typedOn == nil, let kept = ISO8601DateFormatter().date(from: content.savedAt) {
                content.draft.typedOn = WallClock.day(of: kept)
            }
            return .draft(content.draft, savedAt: Self.readable(content.savedAt))
        } catch let DecodingError.dataCorrupted(context) {
            problem = context.debugDescription
        } catch let DecodingError.keyNotFound(key, _) {
            problem = "'\(key.stringValue)' is missing"
        } catch let DecodingError.typeMismatch(_, context) {
            problem = "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        } catch let DecodingError.valueNotFound(_, context) {
            problem = "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' is empty"
        } catch {
            problem = "\(error)"
        }
        return .unreadable("\(path) is not a form ketaplan can reopen: \(problem). It is left in place; move \(name) away (or fix it) once you have read what it kept")
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

    /// Deletes the draft once answered, saved or discarded; a file that cannot be read is
    /// left for the clinician (it was reported at start).
    func clear() {
        if case .unreadable = read() { return }
        unlink(path)
    }
}
