import Foundation
import KetaplanEngine

/// Why the store refused to read or write. Every message names the file and says what
/// to do; nothing is overwritten when one of these is thrown.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's schemaVersion is newer than this program reads.
    case newerSchema(path: String, version: Int, supported: Int)
    /// The file is not valid: not JSON, wrong types, impossible values.
    case invalidFile(path: String, problem: String)
    /// Something other than a regular file stands where a file should be.
    case notARegularFile(path: String, found: String)
    /// Someone else saved the patient since it was loaded.
    case conflict(patient: PatientID, savedBy: String, savedAt: String)
    /// A new patient's id is already taken.
    case patientExists(PatientID)
    /// No file for this patient.
    case unknownPatient(PatientID)
    /// The operating system refused (disk full, ...).
    case io(path: String, operation: String, reason: String)
    /// This user may not read or write a file or folder: `advice` says whose it is, what
    /// it would need (a shared clinic's group and mode) and who can fix it.
    case noAccess(path: String, operation: String, advice: String)
    /// `clinic init --group` names a group this machine does not have.
    case noSuchGroup(String)
    /// `clinic init --group` by a user outside the group (only members and root may give
    /// files to a group).
    case notInGroup(group: String, user: String)
    /// `demo` refuses to write into a folder that already holds patients.
    case folderNotEmpty(path: String, patients: Int)
    /// A save would have written a file that does not read back (nothing was written).
    case wouldNotReadBack(path: String, problem: String)
    /// A save failed and the previous version could not be put back either.
    case saveNotUndone(path: String, failure: String, reason: String)
    /// Other patients' sessions saved meanwhile took the chairs this save needs.
    case overCapacity(patient: PatientID, days: [CalendarDay], chairs: Int)
    /// `clinic.json` is gone from a folder that is in use (it holds patients, an audit log
    /// or an index): planning against the defaults would move sessions to days the clinic
    /// never chose, so it is a clinic that cannot be read, not a new one.
    case missingClinic(path: String)

    /// A problem as a sentence: one full stop at the end, whatever the text ended with.
    package static func sentence(_ text: String) -> String {
        var t = Substring(text)
        while let last = t.last, last == "." || last == " " { t = t.dropLast() }
        return t + "."
    }

    public var description: String {
        switch self {
        case .newerSchema(let path, let version, let supported):
            return "\(path): written by a newer ketaplan (version \(version), this one reads up to \(supported)); upgrade ketaplan. The file was left untouched."
        case .invalidFile(let path, let problem):
            // Only patient files have previous versions in backups/; say so only for them.
            let restore = path.hasSuffix(".json") && path.contains("/patients/")
                ? "fix it or restore its previous version from the backups folder (backups/ID.1.json is the newest)"
                : "fix it (docs/file-format.md describes every field) or restore it from your own copy"
            return "\(path): \(Self.sentence(problem)) The file was left untouched; \(restore)."
        case .notARegularFile(let path, let found):
            return "\(path): expected a regular file but found \(found); move it aside."
        case .conflict(let patient, let user, let time):
            return "patient \(patient) was changed by \(user) at \(time) since you loaded it; reload and make your change again (nothing was overwritten)"
        case .patientExists(let id):
            return "a patient with id \(id) already exists: choose another id or leave --id out to get a new one"
        case .unknownPatient(let id):
            return "no patient '\(id)' in this data folder: list them with `ketaplan patients`"
        case .io(let path, let operation, let reason):
            return "\(path): could not \(operation): \(reason)"
        case .noAccess(let path, let operation, let advice):
            return "\(path): could not \(operation): permission denied; \(advice)"
        case .wouldNotReadBack(let path, let problem):
            return "\(path): not saved, because the new version would not read back: \(Self.sentence(problem)) Nothing was written; change the input (see the message) and try again."
        case .saveNotUndone(let path, let failure, let reason):
            return "\(path): the save failed (\(failure)) after the new version was in place, and the previous version could not be put back (\(reason)): the file holds the change but the audit log may not; run `ketaplan validate` and check before repeating the change."
        case .overCapacity(let patient, let days, let chairs):
            let list = days.prefix(5).map(\.iso).joined(separator: ", ") + (days.count > 5 ? " and \(days.count - 5) more" : "")
            return "patient \(patient) not saved: \(list) \(days.count == 1 ? "is" : "are") already full (\(chairs) chair\(chairs == 1 ? "" : "s")) with sessions saved since you loaded; nothing was written. Load the patient again and plan again."
        case .noSuchGroup(let group):
            return "there is no Unix group '\(group)' on this machine: create it with `groupadd \(group)`, add each clinician with `usermod -aG \(group) USER`, then run this again"
        case .notInGroup(let group, let user):
            return "you (\(user)) are not in group \(group), so you cannot give the data folder to it: run this as root, or ask an administrator to run `usermod -aG \(group) \(user)` and log in again"
        case .missingClinic(let path):
            return "\(path) is missing, but this data folder holds patients (or their audit log): nothing is planned or saved against default settings. Restore clinic.json from your own copy (backups/ keeps patients' files only), or, if this clinic never had one, create it with the default settings with `ketaplan clinic init` (with `--group NAME` on a shared folder) and then set the clinic's days and chairs with `ketaplan clinic set`."
        case .folderNotEmpty(let path, let n):
            return "\(path) already holds \(n) patient\(n == 1 ? "" : "s"): the demo only writes into an empty data folder (use --data with a new folder)"
        }
    }
}
