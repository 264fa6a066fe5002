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
    case unknownPatient(String)
    /// The operating system refused (permissions, disk full, ...).
    case io(path: String, operation: String, reason: String)
    /// `demo` refuses to write into a folder that already holds patients.
    case folderNotEmpty(path: String, patients: Int)

    public var description: String {
        switch self {
        case .newerSchema(let path, let version, let supported):
            return "\(path): written by a newer ketaplan (version \(version), this one reads up to \(supported)); upgrade ketaplan. The file was left untouched."
        case .invalidFile(let path, let problem):
            return "\(path): \(problem). The file was left untouched; fix it or restore it from the backups folder."
        case .notARegularFile(let path, let found):
            return "\(path): expected a regular file but found \(found); move it aside."
        case .conflict(let patient, let user, let time):
            return "patient \(patient) was changed by \(user) at \(time) since you loaded it; reload and make your change again (nothing was overwritten)"
        case .patientExists(let id):
            return "a patient with id \(id) already exists: choose another id or leave --id out to get a new one"
        case .unknownPatient(let text):
            return "no patient '\(text)' in this data folder: list them with `ketaplan patients`"
        case .io(let path, let operation, let reason):
            return "\(path): could not \(operation): \(reason)"
        case .folderNotEmpty(let path, let n):
            return "\(path) already holds \(n) patient\(n == 1 ? "" : "s"): the demo only writes into an empty data folder (use --data with a new folder)"
        }
    }
}
