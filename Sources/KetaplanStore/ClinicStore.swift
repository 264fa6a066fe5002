import Foundation
import KetaplanEngine

/// Reads and writes a data folder: `clinic.json`, one file per patient, backups and the
/// audit log. Safe for several ketaplan processes at once: saves take the folder's lock,
/// check the revision on disk, and replace files atomically.
public struct ClinicStore: Sendable {
    public let folder: DataFolder
    /// Login name written into files and the audit log.
    public let user: String
    public var durability: AtomicFile.Durability
    /// The clock for `savedAt` and audit times (tests fix it).
    public var now: @Sendable () -> Date

    /// Previous versions kept per patient in `backups/`.
    public static let backupsKept = 3

    public init(folder: DataFolder, user: String = ClinicStore.loginName(), durability: AtomicFile.Durability = .synced,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.folder = folder
        self.user = user
        self.durability = durability
        self.now = now
    }

    /// The login name of the user running ketaplan.
    public static func loginName() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    var timestamp: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: now())
    }

    /// The calendar day of `now` on this machine's clock, for index summaries.
    var calendarDay: CalendarDay {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: now())
        return (try? CalendarDay(year: c.year!, month: c.month!, day: c.day!)) ?? CalendarDay(daysSinceEpoch: 0)
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    // MARK: - Clinic

    /// Reads `clinic.json`; a folder without one has the default clinic.
    /// - Throws: `StoreError` when the file exists but cannot be used.
    public func loadClinic() throws(StoreError) -> ClinicFile {
        var clinic = ClinicFile()
        if let data = try AtomicFile.read(folder.clinicFile) {
            clinic = try decode(data, path: folder.clinicFile, current: Schema.clinicVersion, migrations: Schema.clinicMigrations)
        }
        clinic.protocols += try loadProtocolFolder(clinic)
        return clinic
    }

    /// Protocols from `protocols/*.json`, one per file.
    func loadProtocolFolder(_ clinic: ClinicFile) throws(StoreError) -> [TreatmentProtocol] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.protocolsFolder) else { return [] }
        var found: [TreatmentProtocol] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = folder.protocolsFolder + "/" + name
            guard let data = try AtomicFile.read(path) else { continue }
            let file: ProtocolFile = try decode(data, path: path, current: Schema.clinicVersion, migrations: Schema.clinicMigrations)
            let known = BuiltInProtocols.all + clinic.protocols + found
            if known.contains(where: { $0.id == file.protocol.id }) {
                throw .invalidFile(path: path, problem: "protocol id '\(file.protocol.id)' is already defined; give it its own id")
            }
            found.append(file.protocol)
        }
        return found
    }

    /// Writes `clinic.json` atomically and logs the change. Protocols that came from the
    /// `protocols/` folder stay in their own files.
    public func saveClinic(_ clinic: ClinicFile, change: String) throws(StoreError) {
        try folder.create()
        let lock = try FileLock(path: folder.lockFile)
        var toWrite = clinic
        let fromFolder = (try? loadProtocolFolder(ClinicFile()))?.map(\.id) ?? []
        toWrite.protocols.removeAll { fromFolder.contains($0.id) }
        toWrite.schemaVersion = Schema.clinicVersion
        let data: Data
        do { data = try Self.encoder().encode(toWrite) } catch { throw .io(path: folder.clinicFile, operation: "encode", reason: "\(error)") }
        try AtomicFile.write(data, to: folder.clinicFile, durability: durability)
        try audit(patient: nil, changes: [change])
        withExtendedLifetime(lock) {}
    }

    // MARK: - Patients

    /// Ids of the patient files present (whether or not they load).
    public func patientFileIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.patientsFolder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads one patient.
    /// - Throws: `StoreError.unknownPatient`, or the file's problem.
    public func loadPatient(_ id: String) throws(StoreError) -> StoredChart {
        let valid: PatientID
        do { valid = try PatientID(id) } catch { throw .unknownPatient(id) }
        let path = folder.patientFile(valid.rawValue)
        guard let data = try AtomicFile.read(path) else { throw .unknownPatient(id) }
        return try decodePatient(data, path: path, expectedID: valid)
    }

    func decodePatient(_ data: Data, path: String, expectedID: PatientID?) throws(StoreError) -> StoredChart {
        let file: PatientFile = try decode(data, path: path, current: Schema.patientVersion, migrations: Schema.patientMigrations)
        if let expectedID, file.chart.patient.id != expectedID {
            throw .invalidFile(path: path, problem: "holds patient \(file.chart.patient.id), but the file is named for \(expectedID)")
        }
        guard file.revision >= 1 else { throw .invalidFile(path: path, problem: "field revision must be 1 or more") }
        return StoredChart(chart: file.chart, revision: file.revision, savedBy: file.savedBy, savedAt: file.savedAt)
    }

    /// Reads the whole folder. A file that does not load is reported in `problems` and
    /// the rest still load; nothing is written.
    public func loadAll() -> ClinicSnapshot {
        var problems: [LoadProblem] = []
        var clinic = ClinicFile()
        do { clinic = try loadClinic() } catch { problems.append(LoadProblem(path: folder.clinicFile, error: error)) }
        let ids = patientFileIDs()
        let results = ParallelMap.map(ids) { id -> Result<StoredChart, LoadProblem> in
            let path = folder.patientFile(id)
            do {
                guard let valid = try? PatientID(id) else {
                    throw StoreError.invalidFile(path: path, problem: "the file name is not a valid patient id (letters, digits and '-')")
                }
                guard let data = try AtomicFile.read(path) else { throw StoreError.io(path: path, operation: "read", reason: "the file vanished while loading") }
                return .success(try decodePatient(data, path: path, expectedID: valid))
            } catch let error as StoreError {
                return .failure(LoadProblem(path: path, error: error))
            } catch {
                return .failure(LoadProblem(path: path, error: .io(path: path, operation: "read", reason: "\(error)")))
            }
        }
        var charts: [StoredChart] = []
        charts.reserveCapacity(results.count)
        for r in results {
            switch r {
            case .success(let c): charts.append(c)
            case .failure(let p): problems.append(p)
            }
        }
        return ClinicSnapshot(clinic: clinic, charts: charts, problems: problems)
    }

    /// Reads every patient's summary for the clinic overview, from the summary index
    /// where it still matches the files and from the files themselves where it does not
    /// (those entries are then rewritten). Files that do not load are reported.
    public func loadSummaries() -> SummarySnapshot {
        var problems: [LoadProblem] = []
        var clinic = ClinicFile()
        do { clinic = try loadClinic() } catch { problems.append(LoadProblem(path: folder.clinicFile, error: error)) }
        let index = SummaryIndex(folder: folder)
        let (entries, journalLines) = index.read()
        let ids = patientFileIDs()
        let settings = clinic.settings
        let day = calendarDay
        let results = ParallelMap.map(ids) { id -> Result<SummaryIndex.Entry, LoadProblem> in
            let path = folder.patientFile(id)
            if let stamp = SummaryIndex.stamp(path), let entry = entries[id], entry.size == stamp.0, entry.mtime == stamp.1 {
                return .success(entry)
            }
            do {
                guard let valid = try? PatientID(id) else {
                    throw StoreError.invalidFile(path: path, problem: "the file name is not a valid patient id (letters, digits and '-')")
                }
                guard let data = try AtomicFile.read(path), let stamp = SummaryIndex.stamp(path) else {
                    throw StoreError.io(path: path, operation: "read", reason: "the file vanished while loading")
                }
                let stored = try decodePatient(data, path: path, expectedID: valid)
                return .success(.init(size: stamp.0, mtime: stamp.1, summary: PatientSummary(chart: stored.chart, day: day, settings: settings)))
            } catch let error as StoreError {
                return .failure(LoadProblem(path: path, error: error))
            } catch {
                return .failure(LoadProblem(path: path, error: .io(path: path, operation: "read", reason: "\(error)")))
            }
        }
        var fresh: [SummaryIndex.Entry] = []
        fresh.reserveCapacity(results.count)
        var rebuilt = 0
        for r in results {
            switch r {
            case .success(let e):
                if entries[e.summary.id] != e { rebuilt += 1 }
                fresh.append(e)
            case .failure(let p): problems.append(p)
            }
        }
        if rebuilt > 0 || journalLines > SummaryIndex.compactAfter || entries.count != fresh.count {
            if let lock = try? FileLock(path: folder.lockFile) {
                index.compact(fresh)
                withExtendedLifetime(lock) {}
            }
        }
        return SummarySnapshot(clinic: clinic, summaries: fresh.map(\.summary), problems: problems)
    }

    /// Saves a new patient.
    /// - Throws: `StoreError.patientExists` when the id is taken (nothing is written).
    @discardableResult
    public func create(_ chart: PatientChart, change: String) throws(StoreError) -> StoredChart {
        try write(chart, expectedRevision: nil, changes: [change])
    }

    /// Saves a changed chart over the version it was loaded from.
    /// - Throws: `StoreError.conflict` when someone saved the patient since `loaded`
    ///   (nothing is written), or the file on disk cannot be read.
    @discardableResult
    public func save(_ chart: PatientChart, over loaded: StoredChart, changes: [String]) throws(StoreError) -> StoredChart {
        try write(chart, expectedRevision: loaded.revision, changes: changes)
    }

    private func write(_ chart: PatientChart, expectedRevision: Int?, changes: [String]) throws(StoreError) -> StoredChart {
        try folder.create()
        let id = chart.patient.id.rawValue
        let path = folder.patientFile(id)
        let lock = try FileLock(path: folder.lockFile)
        defer { withExtendedLifetime(lock) {} }

        let onDisk = try AtomicFile.read(path)
        var revision = 1
        if let onDisk {
            // The whole file must read: a file that does not load is never overwritten.
            let header = try decodePatient(onDisk, path: path, expectedID: chart.patient.id)
            guard let expectedRevision else { throw .patientExists(chart.patient.id) }
            guard header.revision == expectedRevision else {
                throw .conflict(patient: chart.patient.id, savedBy: header.savedBy, savedAt: header.savedAt)
            }
            revision = header.revision + 1
        } else if let expectedRevision {
            throw .conflict(patient: chart.patient.id, savedBy: "someone", savedAt: "an unknown time (the file was removed after revision \(expectedRevision))")
        }

        let stamp = timestamp
        let file = PatientFile(schemaVersion: Schema.patientVersion, revision: revision, savedBy: user, savedAt: stamp, chart: chart)
        let data: Data
        do { data = try Self.encoder().encode(file) } catch { throw .io(path: path, operation: "encode", reason: "\(error)") }
        if onDisk != nil { try rotateBackups(id) }
        try AtomicFile.write(data, to: path, durability: durability)
        try audit(patient: id, changes: changes)
        if let fileStamp = SummaryIndex.stamp(path) {
            let settings = (try? loadClinic().settings) ?? ClinicSettings()
            let summary = PatientSummary(chart: chart, day: calendarDay, settings: settings)
            SummaryIndex(folder: folder).append(.init(size: fileStamp.0, mtime: fileStamp.1, summary: summary))
        }
        return StoredChart(chart: chart, revision: revision, savedBy: user, savedAt: stamp)
    }

    /// Keeps the previous versions: the file being replaced becomes backup 1 (a hard
    /// link, so it costs no copy), older backups shift down, the oldest is dropped.
    private func rotateBackups(_ id: String) throws(StoreError) {
        let keep = Self.backupsKept
        // A save killed between keeping the backup and replacing the file leaves backup 1
        // as the current file itself; rotating again would keep the same version twice.
        var current = stat(), newest = stat()
        if stat(folder.patientFile(id), &current) == 0, stat(folder.backupFile(id, 1), &newest) == 0,
           current.st_ino == newest.st_ino, current.st_dev == newest.st_dev {
            return
        }
        unlink(folder.backupFile(id, keep))
        for n in stride(from: keep - 1, through: 1, by: -1) {
            rename(folder.backupFile(id, n), folder.backupFile(id, n + 1))
        }
        if link(folder.patientFile(id), folder.backupFile(id, 1)) != 0 {
            throw .io(path: folder.backupFile(id, 1), operation: "keep the previous version", reason: String(cString: strerror(errno)))
        }
    }

    /// The previous versions of a patient's file, newest first.
    public func backups(of id: String) -> [StoredChart] {
        (1...Self.backupsKept).compactMap { n in
            guard let data = try? AtomicFile.read(folder.backupFile(id, n)) else { return nil }
            return try? decodePatient(data, path: folder.backupFile(id, n), expectedID: nil)
        }
    }

    /// Appends to `audit.jsonl` (caller holds the lock).
    private func audit(patient: String?, changes: [String]) throws(StoreError) {
        let stamp = timestamp
        let encoder = Self.encoder()
        for change in changes {
            let entry = AuditEntry(time: stamp, user: user, patient: patient, change: change)
            guard let line = try? encoder.encode(entry) else { continue }
            try AtomicFile.appendLine(line, to: folder.auditFile, durability: durability)
        }
    }

    /// Every audit entry, oldest first (a torn last line, from a crash mid-append, is skipped).
    public func auditEntries() -> [AuditEntry] {
        guard let data = try? AtomicFile.read(folder.auditFile) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(AuditEntry.self, from: Data($0)) }
    }

    // MARK: - Decoding

    func decode<T: Decodable>(_ data: Data, path: String, current: Int, migrations: [Int: Schema.Migration]) throws(StoreError) -> T {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw .invalidFile(path: path, problem: "not valid UTF-8 text (the file may be damaged or not a ketaplan file)")
        }
        guard !data.isEmpty else { throw .invalidFile(path: path, problem: "the file is empty") }
        let upgraded = try Schema.upgrade(data, path: path, current: current, migrations: migrations)
        do {
            return try JSONDecoder().decode(T.self, from: upgraded)
        } catch let error as DecodingError {
            throw .invalidFile(path: path, problem: JSONProblem.describe(error))
        } catch {
            throw .invalidFile(path: path, problem: "\(error)")
        }
    }
}

/// One clinic protocol file in `protocols/`.
struct ProtocolFile: Codable {
    var schemaVersion: Int
    var `protocol`: TreatmentProtocol
}
