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
    /// Test seam: makes one step of every save fail (see `FaultInjection`).
    public var faults: FaultInjection = .none

    /// Previous versions kept per patient in `backups/`.
    public static let backupsKept = 3

    public init(folder: DataFolder, user: String = ClinicStore.loginName(), durability: AtomicFile.Durability = .synced,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.folder = folder
        self.user = user
        self.durability = durability
        self.now = now
    }

    /// The login name of the real user running ketaplan, from the system's user database
    /// (not `$USER`, which anyone can set): on a shared clinic server it is what the audit
    /// log and each file's `savedBy` name.
    public static func loginName() -> String {
        FolderSharing.userName(getuid())
    }

    var timestamp: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: now())
    }

    /// The day the program runs as (`--today`), when it is not the real date: index
    /// lines are judged for the same day the screen and the commands plan for, or every
    /// start with `--today` would find the whole index judged for another day and rebuild
    /// it, and flags judged for the real date would stand beside plans made for this one.
    /// Save and audit times stay on `now`.
    public var fixedDay: CalendarDay?

    /// The day index summaries are judged for: `fixedDay`, else the calendar day of `now`
    /// on this machine's clock.
    public var calendarDay: CalendarDay { fixedDay ?? WallClock.day(of: now()) }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    // MARK: - Clinic

    /// Reads `clinic.json`; a folder not yet in use without one has the default clinic
    /// (first run; the first save writes them to clinic.json).
    /// - Throws: `StoreError` when the file exists but cannot be used, and
    ///   `.missingClinic` when it is missing from a folder in use (`isInUse`).
    public func loadClinic() throws(StoreError) -> ClinicFile {
        var clinic = ClinicFile()
        if let data = try AtomicFile.read(folder.clinicFile) {
            clinic = try decode(data, path: folder.clinicFile, current: Schema.clinicVersion, migrations: Schema.clinicMigrations)
        } else if isInUse {
            throw .missingClinic(path: folder.clinicFile)
        }
        clinic.protocols += try loadProtocolFolder(clinic)
        return clinic
    }

    /// Whether the folder already holds a clinic's records: a patient file (even one that
    /// does not load), the audit log or the summary index. Such a folder without
    /// clinic.json lost it (a bad restore, a sync tool), and is not a new clinic.
    public var isInUse: Bool {
        var st = stat()
        let index = SummaryIndex(folder: folder)
        for path in [folder.auditFile, folder.indexFile, index.mainFile, index.journalFile] where lstat(path, &st) == 0 { return true }
        guard let d = opendir(folder.patientsFolder) else { return false }
        defer { closedir(d) }
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json"), !name.hasPrefix(".") { return true }
        }
        return false
    }

    /// Writes the default clinic.json when there is none (`clinic init`: a new clinic, or
    /// one whose clinic.json was lost and is to start again from the defaults).
    /// - Returns: whether it wrote one.
    public func createClinicIfAbsent() throws(StoreError) -> Bool {
        try folder.create()
        let lock = try FileLock(path: folder.lockFile)
        defer { withExtendedLifetime(lock) {} }
        var st = stat()
        let absent = lstat(folder.clinicFile, &st) != 0 && errno == ENOENT
        try writeDefaultClinicIfAbsent()
        return absent
    }

    /// Writes the default clinic.json when there is none, under the lock the caller holds:
    /// the first save into a new folder records the settings its plans were laid out
    /// against, so that a later missing clinic.json is seen as lost (`loadClinic`). Not an
    /// audited change: nobody chose these settings.
    func writeDefaultClinicIfAbsent() throws(StoreError) {
        var st = stat()
        guard lstat(folder.clinicFile, &st) != 0, errno == ENOENT else { return }
        let data: Data
        do { data = try Self.encoder().encode(ClinicFile()) } catch { throw .io(path: folder.clinicFile, operation: "encode", reason: "\(error)") }
        try AtomicFile.write(data, to: folder.clinicFile, durability: durability)
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

    /// Writes `clinic.json` atomically with its audit line, as one unit. Protocols that
    /// came from the `protocols/` folder stay in their own files.
    /// - Throws: the load error of a `clinic.json` that does not read (it is never
    ///   replaced by a new one built on defaults), or the step that failed; on a failure
    ///   the old file is back in place.
    public func saveClinic(_ clinic: ClinicFile) throws(StoreError) {
        _ = try writeClinic(clinic, ifStill: nil)
    }

    /// Writes `clinic.json` as `saveClinic` does, but only if it still holds `expected`
    /// (as `loadClinic` read it), checked under the folder lock: a change worked out
    /// against one version is never written over a colleague's newer one
    /// (`ClinicChange.save` reads again and applies the change over theirs).
    /// - Returns: false, writing nothing, when the file changed since `expected`.
    /// - Throws: as `saveClinic`.
    public func saveClinic(_ clinic: ClinicFile, ifStill expected: ClinicFile) throws(StoreError) -> Bool {
        try writeClinic(clinic, ifStill: expected)
    }

    private func writeClinic(_ clinic: ClinicFile, ifStill expected: ClinicFile?) throws(StoreError) -> Bool {
        try folder.create()
        let lock = try FileLock(path: folder.lockFile)
        defer { withExtendedLifetime(lock) {} }
        let oldData = try AtomicFile.read(folder.clinicFile)
        var old: ClinicFile?
        if let oldData {
            old = try decode(oldData, path: folder.clinicFile, current: Schema.clinicVersion, migrations: Schema.clinicMigrations)
        }
        if let expected {
            // Compared as `loadClinic` returns it: with the protocols folder's.
            var now = old ?? ClinicFile()
            now.protocols += try loadProtocolFolder(now)
            guard now == expected else { return false }
        }
        var toWrite = clinic
        let fromFolder = try loadProtocolFolder(ClinicFile()).map(\.id)
        toWrite.protocols.removeAll { fromFolder.contains($0.id) }
        toWrite.schemaVersion = Schema.clinicVersion
        let data: Data
        do { data = try Self.encoder().encode(toWrite) } catch { throw .io(path: folder.clinicFile, operation: "encode", reason: "\(error)") }
        let _: ClinicFile = try readBack(data, path: folder.clinicFile, current: Schema.clinicVersion, migrations: Schema.clinicMigrations)
        let line = try auditLine(patient: nil, revision: nil, changes: AuditChange.between(old, toWrite))
        do throws(StoreError) {
            try AtomicFile.write(data, to: folder.clinicFile, durability: durability, faults: faults)
            try AtomicFile.appendLine(line, to: folder.auditFile, durability: durability, faults: faults)
        } catch {
            // Put the old file back so that what is on disk matches the failure reported.
            if let oldData { try? AtomicFile.write(oldData, to: folder.clinicFile, durability: durability) } else { unlink(folder.clinicFile) }
            throw error
        }
        return true
    }

    // MARK: - Patients

    /// Problems with the folders themselves: a data folder that is missing or not a
    /// folder, a patients folder that cannot be read. Without this a mistyped `--data` or a
    /// folder without permission would look like an empty clinic.
    public func folderProblems() -> [LoadProblem] {
        var st = stat()
        guard stat(folder.path, &st) == 0 else {
            let code = errno
            let reason = code == ENOENT ? "there is no such folder (check --data or $KETAPLAN_DATA; ketaplan creates it when the first patient is added)" : String(cString: strerror(errno))
            if code == EACCES { return [LoadProblem(path: folder.path, error: .denied(path: folder.path, operation: "open the data folder", errno: code))] }
            return [LoadProblem(path: folder.path, error: .io(path: folder.path, operation: "open the data folder", reason: reason))]
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            return [LoadProblem(path: folder.path, error: .notARegularFile(path: folder.path, found: FileKind(st).name + " where the data folder should be"))]
        }
        for dir in [folder.path, folder.patientsFolder] {
            guard let d = opendir(dir) else {
                if errno == ENOENT { continue }
                return [LoadProblem(path: dir, error: .denied(path: dir, operation: "list the folder", errno: errno))]
            }
            closedir(d)
        }
        return []
    }

    /// The base names of the patient files present (`P-0042` for `P-0042.json`), whether
    /// or not they load or even name a valid id: the loaders decode them and report the
    /// ones that do not.
    public func patientFileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.patientsFolder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Ids of the patient files present whose names are valid ids (whether or not they load).
    public func patientFileIDs() -> [PatientID] {
        patientFileNames().compactMap { try? PatientID($0) }
    }

    /// Reads one patient.
    /// - Throws: `StoreError.unknownPatient`, or the file's problem.
    public func loadPatient(_ id: PatientID) throws(StoreError) -> StoredChart {
        let path = folder.patientFile(id)
        guard let data = try AtomicFile.read(path) else { throw .unknownPatient(id) }
        return try decodePatient(data, path: path, expectedID: id)
    }

    func decodePatient(_ data: Data, path: String, expectedID: PatientID?) throws(StoreError) -> StoredChart {
        let file: PatientFile = try decode(data, path: path, current: Schema.patientVersion, migrations: Schema.patientMigrations)
        if let expectedID, file.chart.patient.id != expectedID {
            throw .invalidFile(path: path, problem: "holds patient \(file.chart.patient.id), but the file is named for \(expectedID)")
        }
        guard file.revision >= 1 else { throw .invalidFile(path: path, problem: "field revision must be 1 or more") }
        return StoredChart(chart: file.chart, revision: file.revision, savedBy: file.savedBy, savedAt: file.savedAt)
    }

    /// What every read of the clinic starts with: the folder's problems and clinic.json,
    /// or, when clinic.json does not load, the defaults with `clinicProblem` saying so (the
    /// caller must then judge nothing against those defaults).
    public func clinicForReading() -> (clinic: ClinicFile, problems: [LoadProblem], clinicProblem: LoadProblem?) {
        var problems = folderProblems()
        do { return (try loadClinic(), problems, nil) } catch {
            let problem = LoadProblem(path: folder.clinicFile, error: error)
            problems.append(problem)
            return (ClinicFile(), problems, problem)
        }
    }

    /// Reads the whole folder. A file that does not load is reported in `problems` and
    /// the rest still load; nothing is written.
    public func loadAll() -> ClinicSnapshot {
        var problems: [LoadProblem] = folderProblems()
        var clinic = ClinicFile()
        do { clinic = try loadClinic() } catch { problems.append(LoadProblem(path: folder.clinicFile, error: error)) }
        let names = patientFileNames()
        let results = ParallelMap.map(names) { name -> Result<StoredChart, LoadProblem> in
            let path = folder.patientFile(named: name)
            do {
                guard let valid = try? PatientID(name) else {
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
    /// - Parameter foldJournal: also fold a journal of any length into `index.tsv`, so the
    ///   next first screen can trust its counts (the screen's background load does; commands
    ///   leave short journals alone, sparing a rewrite of the whole index after each save).
    public func loadSummaries(foldJournal: Bool = false) -> SummarySnapshot {
        loadSummariesMarked(foldJournal: foldJournal).snapshot
    }

    /// `loadSummaries`, and the mark the summaries stand at for `changes(since:)` and for a
    /// save's `CheckedBookings`: a save that ends during the load is after the mark (its
    /// journal line is read again: a save seen twice is patched twice, harmlessly).
    public func loadSummariesMarked(foldJournal: Bool = false) -> (snapshot: SummarySnapshot, mark: ChangeMark) {
        // The index read unchecked, then every file compared with its line: the screen's two
        // steps (`readSummariesUnchecked`, `check`), merged into one list in file name order.
        let unchecked = readSummariesUnchecked()
        let (found, mark) = check(unchecked, foldJournal: foldJournal)
        var summaries = found.applied(to: unchecked.snapshot.summaries)
        summaries.sort { $0.id < $1.id }
        var snapshot = SummarySnapshot(clinic: found.clinic, summaries: summaries, problems: found.problems)
        snapshot.clinicProblem = found.clinicProblem
        return (snapshot, mark)
    }

    /// Every patient's chair days checked against the files, with the clinic and what did
    /// not load (`CheckedClinic`): `loadSummariesMarked`'s two steps without merging and
    /// sorting every summary, for a command about one patient.
    public func loadBookingsMarked() -> CheckedClinic {
        let unchecked = readSummariesUnchecked()
        let (found, mark) = check(unchecked, foldJournal: false)
        return CheckedClinic(unchecked: unchecked, check: found, mark: mark)
    }

    /// The first `rows` patients of the overview (by next session) and the clinic's counts, from the start of
    /// the index and its journal only: the first screen, at the same cost for any clinic
    /// size. Unchecked against the files (see `FirstPage`).
    public func loadFirstPage(rows: Int) -> FirstPage {
        let (clinic, problems, clinicProblem) = clinicForReading()
        let index = SummaryIndex(folder: folder)
        let journal = index.readJournal()
        guard let (counts, head) = index.readFirst(rows + journal.count) else {
            var page = FirstPage(clinic: clinic, summaries: [], counts: nil, problems: problems)
            page.clinicProblem = clinicProblem
            return page
        }
        let today = calendarDay
        func key(_ s: PatientSummary) -> (Int, Int, Int, PatientID) { s.nextSessionOrder(on: today) }
        // A journal line replaces its patient's line; one that sorts past the last line read
        // may belong after lines not read, so it waits for the full load.
        let complete = head.count < rows + journal.count
        let last = head.last.map { key($0.summary) }
        var merged = head.map(\.summary).filter { journal[$0.id] == nil }
        merged += journal.values.map(\.summary).filter { s in complete || last.map { key(s) <= $0 } ?? true }
        merged.sort { key($0) < key($1) }
        let valid = counts.day == today && journal.isEmpty ? counts : nil
        var page = FirstPage(clinic: clinic, summaries: Array(merged.prefix(rows)), counts: valid, problems: problems)
        page.clinicProblem = clinicProblem
        return page
    }

    /// Every summary in the index and its journal, as they stand, without checking them
    /// against the files (the screen's second step after its first page; `loadSummaries`
    /// checks). Only the clinic's problems are reported.
    public func loadSummariesUnchecked() -> SummarySnapshot {
        var problems: [LoadProblem] = folderProblems()
        var clinic = ClinicFile()
        do { clinic = try loadClinic() } catch { problems.append(LoadProblem(path: folder.clinicFile, error: error)) }
        return SummarySnapshot(clinic: clinic, summaries: SummaryIndex(folder: folder).read().entries.values.map(\.summary), problems: problems)
    }

    /// Saves a new patient.
    /// - Throws: `StoreError.patientExists` when the id is taken (nothing is written).
    /// - Parameter checked: bookings already checked against the files, for a chair check
    ///   that reads only what changed since (`CheckedBookings`); nil checks the whole clinic.
    @discardableResult
    public func create(_ chart: PatientChart, checked: CheckedBookings? = nil) throws(StoreError) -> StoredChart {
        try write(chart, expectedRevision: nil, checked: checked)
    }

    /// Saves a changed chart over the version it was loaded from.
    /// - Throws: `StoreError.conflict` when someone saved the patient since `loaded`
    ///   (nothing is written), or the file on disk cannot be read.
    /// - Parameter checked: bookings already checked against the files, for a chair check
    ///   that reads only what changed since (`CheckedBookings`); nil checks the whole clinic.
    @discardableResult
    public func save(_ chart: PatientChart, over loaded: StoredChart, checked: CheckedBookings? = nil) throws(StoreError) -> StoredChart {
        try write(chart, expectedRevision: loaded.revision, checked: checked)
    }

    /// One save, as one unit: under the folder lock it checks that the clinic and the
    /// patient's current file load, the revision, and the chairs on disk; writes the new
    /// file (read back first, so a file that would not load is never written), then its
    /// audit line. If any step fails the previous version is put back, so a reported
    /// failure means nothing changed and a retry cannot store the change twice.
    private func write(_ chart: PatientChart, expectedRevision: Int?, checked: CheckedBookings?) throws(StoreError) -> StoredChart {
        try folder.create()
        let id = chart.patient.id
        let path = folder.patientFile(id)
        let lock = try FileLock(path: folder.lockFile)
        defer { withExtendedLifetime(lock) {} }

        // Every plan is laid out against the clinic's calendar: a clinic file that does not
        // load refuses the save with the same message as on reading it.
        let clinic = try loadClinic()
        try writeDefaultClinicIfAbsent()
        let onDisk = try AtomicFile.read(path)
        var revision = 1
        var old: PatientChart?
        if let onDisk {
            // The whole file must read: a file that does not load is never overwritten.
            let header = try decodePatient(onDisk, path: path, expectedID: chart.patient.id)
            guard let expectedRevision else { throw .patientExists(chart.patient.id) }
            guard header.revision == expectedRevision else {
                throw .conflict(patient: chart.patient.id, savedBy: header.savedBy, savedAt: header.savedAt)
            }
            revision = header.revision + 1
            old = header.chart
        } else if let expectedRevision {
            throw .conflict(patient: chart.patient.id, savedBy: "someone", savedAt: "an unknown time (the file was removed after revision \(expectedRevision))")
        }
        try ChairCapacity.check(chart, replacing: old, calendar: clinic.calendar) {
            checked.flatMap { otherBookings(excluding: chart.patient.id, since: $0) } ?? otherBookings(excluding: chart.patient.id, clinic: clinic)
        }

        let stamp = timestamp
        let file = PatientFile(schemaVersion: Schema.patientVersion, revision: revision, savedBy: user, savedAt: stamp, chart: chart)
        let data: Data
        do { data = try Self.encoder().encode(file) } catch { throw .io(path: path, operation: "encode", reason: "\(error)") }
        let _: PatientFile = try readBack(data, path: path, current: Schema.patientVersion, migrations: Schema.patientMigrations)
        let line = try auditLine(patient: id, revision: revision, changes: AuditChange.between(old, chart))

        let original = Self.identity(path)
        do throws(StoreError) {
            if onDisk != nil { try rotateBackups(id) }
            try AtomicFile.write(data, to: path, durability: durability, faults: faults)
            try AtomicFile.appendLine(line, to: folder.auditFile, durability: durability, faults: faults)
        } catch {
            try restore(id, original: original, after: error)
            throw error
        }
        // The index is a cache checked against each file's size and time: if this append
        // fails, the next load rebuilds the entry from the file.
        if let fileStamp = SummaryIndex.stamp(path) {
            // Judged for tomorrow as well, so that midnight need not read this file again.
            let (summary, nextDay) = PatientSummary.judged(chart: chart, day: calendarDay, settings: clinic.settings, calendar: clinic.calendar)
            SummaryIndex(folder: folder).append(.init(size: fileStamp.0, mtime: fileStamp.1, summary: summary,
                                                      settings: SummaryIndex.settingsIdentity(clinic), nextDay: nextDay), faults: faults)
        }
        return StoredChart(chart: chart, revision: revision, savedBy: user, savedAt: stamp)
    }

    /// The device and inode of a file, or nil when there is none.
    static func identity(_ path: String) -> (dev_t, ino_t)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return (st.st_dev, st.st_ino)
    }

    /// Puts the previous version of a patient's file back after a failed save (backup 1
    /// is a hard link to it), or removes a new patient's file. `original` is the file that
    /// was in place before the save began (nil: none).
    /// - Throws: `StoreError.saveNotUndone` when that fails too, saying what is on disk.
    private func restore(_ id: PatientID, original: (dev_t, ino_t)?, after error: StoreError) throws(StoreError) {
        let path = folder.patientFile(id)
        let now = Self.identity(path)
        if let original, let now, original == now { return }
        if original == nil {
            if now == nil || unlink(path) == 0 { return }
        } else {
            let backup = folder.backupFile(id, 1)
            let temp = folder.patientsFolder + "/." + id.rawValue + ".json.restore"
            unlink(temp)
            if let b = Self.identity(backup), let original, b == original, link(backup, temp) == 0 {
                if rename(temp, path) == 0 {
                    try? AtomicFile.syncFolder(folder.patientsFolder)
                    return
                }
                unlink(temp)
            }
        }
        throw .saveNotUndone(path: path, failure: error.description, reason: String(cString: strerror(errno)))
    }

    /// Chairs other patients' active plans hold on disk now (the caller holds the lock).
    /// Every save appends its patient's summary to the index journal under this lock, so
    /// the index holds every booking ketaplan wrote; a patient file without an entry (the
    /// index deleted, a file copied in) is decoded. An entry is a cache, so each is
    /// checked against its file's size and time first (one `stat` each, on every core),
    /// and the file decoded when they differ (edited by hand, restored from a backup): a
    /// save is never refused or allowed on an unchecked line (a stale line that books no
    /// chair can hide one as well as a line that books one). The journal is folded into
    /// the index when long or when a line was stale.
    func otherBookings(excluding id: PatientID?, clinic: ClinicFile) -> ChairBookings {
        let index = SummaryIndex(folder: folder)
        var (entries, journalLines) = index.read()
        let day = calendarDay
        func decoded(_ valid: PatientID) -> SummaryIndex.Entry? {
            try? judgedEntry(folder.patientFile(valid), id: valid, day: day, settings: clinic.settings, calendar: clinic.calendar, identity: identity)
        }
        let identity = SummaryIndex.settingsIdentity(clinic)
        let listed = Array(entries.values)
        let stale = ParallelMap.map(listed) { entry -> (PatientID, Bool)? in
            let path = folder.patientFile(entry.summary.id)
            var st = stat()
            // Removed: its chairs are free (nil drops the entry).
            guard lstat(path, &st) == 0 else { return (entry.summary.id, false) }
            // A file this user may not read keeps its line: the best count there is.
            guard let stamp = SummaryIndex.stamp(path) else { return nil }
            return stamp.0 != entry.size || stamp.1 != entry.mtime || entry.settings != identity ? (entry.summary.id, true) : nil
        }
        var changed = false
        for case let (valid, present)? in stale where valid != id {
            entries[valid] = present ? decoded(valid) : nil
            changed = true
        }
        for other in patientFileNames() where other != id?.rawValue {
            guard let valid = try? PatientID(other), entries[valid] == nil, let entry = decoded(valid) else { continue }
            entries[valid] = entry
        }
        if changed || journalLines > SummaryIndex.compactAfter { index.compact(Array(entries.values)) }
        return ChairBookings(summaries: entries.values.map(\.summary), excluding: id)
    }

    /// Chairs other patients take on disk now, from bookings already checked and what
    /// changed since they were (the caller holds the lock): the journal's lines past their
    /// mark, each compared with its file (the file decoded where it differs). Nil when the
    /// journal does not describe the change (`changes(since:underLock:)`): the caller then
    /// checks the whole clinic.
    func otherBookings(excluding id: PatientID, since checked: CheckedBookings) -> ChairBookings? {
        switch changes(since: checked.mark, underLock: true).0 {
        case .everything: return nil
        case .none: return checked.others(excluding: id, changed: [])
        case .patients(let summaries): return checked.others(excluding: id, changed: summaries)
        }
    }

    /// Encodes one audit line.
    func auditLine(patient: PatientID?, revision: Int?, changes: [AuditChange]) throws(StoreError) -> Data {
        let entry = AuditEntry(time: timestamp, user: AuditChange.identifier(user), patient: patient, revision: revision, changes: changes)
        do { return try Self.encoder().encode(entry) } catch { throw .io(path: folder.auditFile, operation: "encode", reason: "\(error)") }
    }

    /// Keeps the previous versions: the file being replaced becomes backup 1 (a hard
    /// link, so it costs no copy), older backups shift down, the oldest is dropped.
    private func rotateBackups(_ id: PatientID) throws(StoreError) {
        let keep = Self.backupsKept
        // A save killed between keeping the backup and replacing the file leaves backup 1
        // as the current file itself; rotating again would keep the same version twice.
        var current = stat(), newest = stat()
        if stat(folder.patientFile(id), &current) == 0, stat(folder.backupFile(id, 1), &newest) == 0,
           current.st_ino == newest.st_ino, current.st_dev == newest.st_dev {
            return
        }
        // The link is made first, under a temporary name (`validate` reports one left by a
        // crash), and the older backups move up only once it is there: a link refused (a
        // colleague's file this user may not write, with fs.protected_hardlinks) must not
        // cost a backup slot.
        let file = folder.patientFile(id)
        let pending = folder.backupsFolder + "/." + (folder.backupFile(id, 1) as NSString).lastPathComponent + ".tmp"
        unlink(pending)
        try faults.check(.backupLink, path: folder.backupFile(id, 1))
        if link(file, pending) != 0 {
            let code = errno
            if code == EACCES || code == EPERM, access(file, R_OK | W_OK) != 0 {
                // The file itself is what refuses: name it, whose it is and the fix (not a
                // parent folder that merely cannot be written).
                var st = stat()
                let whose = lstat(file, &st) == 0 ? "it is \(AccessCheck.describe(st)); " : ""
                throw StoreError.noAccess(path: file, operation: "keep its previous version in backups/ (the system links only a file you may write)",
                                          advice: whose + AccessCheck.advice(for: file))
            }
            throw StoreError.denied(path: folder.backupFile(id, 1), operation: "keep the previous version", errno: code)
        }
        unlink(folder.backupFile(id, keep))
        for n in stride(from: keep - 1, through: 1, by: -1) {
            rename(folder.backupFile(id, n), folder.backupFile(id, n + 1))
        }
        if rename(pending, folder.backupFile(id, 1)) != 0 {
            let code = errno
            unlink(pending)
            throw StoreError.denied(path: folder.backupFile(id, 1), operation: "keep the previous version", errno: code)
        }
    }

    /// The previous versions of a patient's file, newest first.
    public func backups(of id: PatientID) -> [StoredChart] {
        (1...Self.backupsKept).compactMap { n in
            guard let data = try? AtomicFile.read(folder.backupFile(id, n)) else { return nil }
            return try? decodePatient(data, path: folder.backupFile(id, n), expectedID: nil)
        }
    }

    /// Every audit entry that reads, oldest first (see `readAudit` for the lines that do not).
    public func auditEntries() -> [AuditEntry] {
        readAudit().entries
    }

    /// The audit log, line by line: the entries, and the numbers (from 1) of lines that do
    /// not read (torn by a crash mid-append, or damaged).
    /// - Throws: nothing; a log that cannot be opened is reported in `problem`.
    public func readAudit() -> (entries: [AuditEntry], badLines: [Int], problem: StoreError?) {
        let data: Data?
        do { data = try AtomicFile.read(folder.auditFile) } catch { return ([], [], error) }
        guard let data else { return ([], [], nil) }
        var entries: [AuditEntry] = []
        var bad: [Int] = []
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let e = try? JSONDecoder().decode(AuditEntry.self, from: Data(line)) { entries.append(e) } else { bad.append(i + 1) }
        }
        return (entries, bad, nil)
    }

    // MARK: - Decoding

    /// Decodes what a save is about to write, so a file that would not load is never written.
    /// - Throws: `StoreError.wouldNotReadBack` naming the problem; nothing was written.
    func readBack<T: Decodable>(_ data: Data, path: String, current: Int, migrations: [Int: Schema.Migration]) throws(StoreError) -> T {
        do { return try decode(data, path: path, current: current, migrations: migrations) } catch {
            if case .invalidFile(_, let problem) = error { throw .wouldNotReadBack(path: path, problem: problem) }
            throw error
        }
    }

    func decode<T: Decodable>(_ data: Data, path: String, current: Int, migrations: [Int: Schema.Migration]) throws(StoreError) -> T {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw .invalidFile(path: path, problem: "not valid UTF-8 text (the file may be damaged or not a ketaplan file)")
        }
        guard !data.isEmpty else { throw .invalidFile(path: path, problem: "the file is empty") }
        if let problem = JSONShape.problem(in: data) { throw .invalidFile(path: path, problem: problem) }
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
