import Foundation
import KetaplanEngine

extension ClinicStore {
    /// Saves many new patients as one unit (the demo clinic, an import): under one hold of
    /// the folder lock it refuses an id that is taken (on disk or twice in `charts`), checks
    /// every chart's chairs against the bookings on disk plus the charts before it, writes
    /// the files (encoded with `SortedJSONEncoder`, the same bytes as a single save, read
    /// back and written on every core), appends their audit lines at once and writes the
    /// summary index once. Saving them one by one would read the whole index for every
    /// chair check: quadratic in the clinic's size.
    /// - Parameter progress: called with the number of files written so far (from any thread).
    /// - Throws: the first refusal or failed step; every file this call wrote is removed
    ///   again, so a reported failure leaves the folder as it was.
    public func createAll(_ charts: [PatientChart], progress: @Sendable (Int) -> Void = { _ in }) throws(StoreError) {
        var given = false
        try createAll(chunks: {
            defer { given = true }
            return given ? [] : charts
        }, progress: progress)
    }

    /// `createAll` for charts made a chunk at a time (`ketaplan demo --patients 100000`):
    /// one unit as above, the same checks in the same order over every chunk, but only one
    /// chunk's charts are held at once (a chart is kept only as its index line and audit
    /// line once written), so memory stays bounded however many patients there are.
    /// - Parameter next: the next chunk of charts; an empty chunk ends the batch.
    public func createAll(chunks next: () -> [PatientChart], progress: @Sendable (Int) -> Void = { _ in }) throws(StoreError) {
        try folder.create()
        let lock = try FileLock(path: folder.lockFile)
        defer { withExtendedLifetime(lock) {} }
        let clinic = try loadClinic()
        try writeDefaultClinicIfAbsent()
        let identity = SummaryIndex.settingsIdentity(clinic)
        var seen = Set<PatientID>()
        var running = otherBookings(excluding: nil, clinic: clinic)
        // One time for every file and audit line of the batch: formatting it per file cost
        // more than writing the file.
        let stamp = timestamp
        let auditUser = AuditChange.identifier(user)
        let day = calendarDay
        let counter = Counter()
        // The folder's sharing cannot change while the batch holds the lock: found once, not
        // with a `stat` of the folder for every file.
        let sharing = FolderSharing.of(folder: folder.patientsFolder)
        var entries: [SummaryIndex.Entry] = []
        var audit = Data()
        // Ids that were free and may have been written: removed again on a failure.
        var taken: [PatientID] = []
        do throws(StoreError) {
            while true {
                let charts = next()
                if charts.isEmpty { break }
                var st = stat()
                for chart in charts {
                    let id = chart.patient.id
                    guard seen.insert(id).inserted, lstat(folder.patientFile(id), &st) != 0 else { throw .patientExists(id) }
                }
                for chart in charts {
                    try ChairCapacity.check(chart, replacing: nil, calendar: clinic.calendar) { running }
                    for (day, n) in ChairCapacity.bookings(chart, includingChosen: true) { for _ in 0..<n { running.book(day) } }
                }
                taken += charts.map(\.patient.id)
                let results = ParallelMap.map(charts) { chart -> Result<(SummaryIndex.Entry, Data), StoreError> in
                    do throws(StoreError) {
                        let id = chart.patient.id
                        let path = folder.patientFile(id)
                        let file = PatientFile(schemaVersion: Schema.patientVersion, revision: 1, savedBy: user, savedAt: stamp, chart: chart)
                        let data: Data
                        do { data = try SortedJSONEncoder.encode(file) } catch { throw .io(path: path, operation: "encode", reason: "\(error)") }
                        try Self.readBackOwnEncoding(data, path: path)
                        let line: Data
                        do { line = try SortedJSONEncoder.encode(AuditEntry(time: stamp, user: auditUser, patient: id, revision: 1, changes: AuditChange.between(nil, chart))) } catch {
                            throw .io(path: folder.auditFile, operation: "encode", reason: "\(error)")
                        }
                        try AtomicFile.write(data, to: path, sharing: sharing, durability: durability, faults: faults)
                        guard let fileStamp = SummaryIndex.stamp(path) else { throw .io(path: path, operation: "read back", reason: "the file vanished after writing") }
                        progress(counter.increment())
                        let summary = PatientSummary(chart: chart, day: day, settings: clinic.settings, calendar: clinic.calendar)
                        return .success((.init(size: fileStamp.0, mtime: fileStamp.1, summary: summary, settings: identity), line))
                    } catch {
                        return .failure(error)
                    }
                }
                entries.reserveCapacity(entries.count + results.count)
                for result in results {
                    let (entry, line) = try result.get()
                    entries.append(entry)
                    if !audit.isEmpty { audit.append(0x0A) }
                    audit.append(line)
                }
            }
            if !audit.isEmpty { try AtomicFile.appendLine(audit, to: folder.auditFile, durability: durability, faults: faults) }
            if durability == .synced { try AtomicFile.syncFolder(folder.patientsFolder) }
        } catch {
            for id in taken { unlink(folder.patientFile(id)) }
            throw error
        }
        // The index is a cache: folded with what was there, written once.
        let index = SummaryIndex(folder: folder)
        var all = index.read().entries
        for entry in entries { all[entry.summary.id] = entry }
        index.compact(Array(all.values))
    }

    /// The read-back of a file this batch encoded: the decode a load runs (`decode`), which
    /// refuses what the chart's types refuse (a value out of range, a date that does not
    /// parse), so a file that would not load is never written. A load's three checks before
    /// that decode are left out because none can fail on what `SortedJSONEncoder` (the bytes
    /// of `encoder()`) writes: it is valid UTF-8 (made from Swift strings), it never repeats
    /// a key in one object (the last value of a key is kept, as JSONEncoder does) nor nests
    /// deeper than the chart's types do (a few levels),
    /// and its `schemaVersion` is the current one, written just above. They cost a third of
    /// the read-back (the version probe is a second full parse). The decode is
    /// `SortedJSONDecoder`'s, which answers as JSONDecoder does and hands JSONDecoder every
    /// document it is not sure of (any refusal among them), so the refusal and its words
    /// are JSONDecoder's.
    static func readBackOwnEncoding(_ data: Data, path: String) throws(StoreError) {
        do {
            _ = try SortedJSONDecoder.decode(PatientFile.self, from: data)
        } catch let error as DecodingError {
            throw .wouldNotReadBack(path: path, problem: JSONProblem.describe(error))
        } catch {
            throw .wouldNotReadBack(path: path, problem: "\(error)")
        }
    }

    /// Counts files written across worker threads, for the progress callback.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func increment() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
