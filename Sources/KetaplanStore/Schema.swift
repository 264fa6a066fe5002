import Foundation

/// The versions of the files this ketaplan writes, and how older files are brought up
/// to date on read.
///
/// Each file carries `schemaVersion`. A file newer than these is refused and left
/// untouched; an older one is migrated in memory when read (and written at the current
/// version at its next save). Version 1 is the first released format, so there is no
/// older version to migrate from yet: `patientMigrations` and `clinicMigrations` gain a
/// step, keyed by the version it upgrades from, whenever a format changes.
public enum Schema {
    public static let patientVersion = FileVersion.patient
    public static let clinicVersion = FileVersion.clinic

    /// A step that rewrites a file's JSON object from version N to N + 1.
    typealias Migration = @Sendable (inout [String: Any]) -> Void

    static let patientMigrations: [Int: Migration] = [:]
    static let clinicMigrations: [Int: Migration] = [:]

    /// Reads `schemaVersion` and brings the JSON up to `current`.
    /// - Returns: the JSON to decode (the input itself when already current).
    /// - Throws: `StoreError.newerSchema` for files from a newer ketaplan, `.invalidFile`
    ///   when the version is missing or cannot be migrated.
    static func upgrade(_ data: Data, path: String, current: Int, migrations: [Int: Migration]) throws(StoreError) -> Data {
        let version = try probeVersion(data, path: path)
        if version == current { return data }
        if version > current { throw .newerSchema(path: path, version: version, supported: current) }
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .invalidFile(path: path, problem: "not a JSON object")
        }
        for from in version..<current {
            guard let step = migrations[from] else {
                throw .invalidFile(path: path, problem: "schemaVersion \(version) is not a version any ketaplan wrote (this one reads 1 to \(current))")
            }
            step(&object)
        }
        object["schemaVersion"] = current
        guard let upgraded = try? JSONSerialization.data(withJSONObject: object) else {
            throw .invalidFile(path: path, problem: "could not migrate from schemaVersion \(version)")
        }
        return upgraded
    }

    /// Reads only `schemaVersion`; a value that is no whole number in Int's range (such as
    /// 1e400 or 99999999999999999999) gets its own message instead of "not valid JSON".
    private struct Probe: Decodable {
        let schemaVersion: Int
        enum CodingKeys: String, CodingKey { case schemaVersion }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let v = try? c.decode(Int.self, forKey: .schemaVersion) {
                schemaVersion = v
                return
            }
            _ = try c.decode(Int.self, forKey: .schemaVersion)
            schemaVersion = 0
        }
    }

    static func probeVersion(_ data: Data, path: String) throws(StoreError) -> Int {
        do {
            return try JSONDecoder().decode(Probe.self, from: data).schemaVersion
        } catch let error as DecodingError {
            if case .keyNotFound = error { throw .invalidFile(path: path, problem: "no schemaVersion field (every ketaplan file has one)") }
            let context: DecodingError.Context?
            switch error {
            case .typeMismatch(_, let c), .dataCorrupted(let c), .valueNotFound(_, let c): context = c
            default: context = nil
            }
            if let context, context.codingPath.first?.stringValue == "schemaVersion" {
                throw .invalidFile(path: path, problem: "schemaVersion is not a version number (a whole number from 1; this ketaplan reads up to \(max(patientVersion, clinicVersion)))")
            }
            throw .invalidFile(path: path, problem: JSONProblem.describe(error))
        } catch {
            throw .invalidFile(path: path, problem: error.localizedDescription)
        }
    }
}
