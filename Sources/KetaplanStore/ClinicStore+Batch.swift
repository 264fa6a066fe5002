import Foundation
import KetaplanEngine

extension ClinicStore {
    /// Saves many new patients as one unit (the demo clinic, an import): under one hold of
    /// the folder lock it refuses an id that is taken (on disk or twice in `charts`), checks
    /// every chart's chairs against the bookings on disk plus the charts before it, writes
    /// the files (encoded, read back and written on every core), appends their audit lines
    /// at once and writes the summary index once. Saving them one by one would read the
    /// whole index for every chair check: quadratic in the clinic's size.
    /// - Parameter progress: called with the number of files written so far (from any thread).
    /// - Throws: the first refusal or failed step; every file this call wrote is removed
    ///   again, so a reported failure leaves the folder as it was.
    public func createAll(_ charts: [PatientChart], progress: @Sendable (Int) -> Void = { _ in }) throws(StoreError) {
        try folder.create()
        let lock = try FileLock(path: folder.lockFile)
        defer { withExtendedLifetime(lock) {} }
        let clinic = try loadClinic()
        var seen = Set<PatientID>()
        var st = stat()
        for chart in charts {
            let id = chart.patient.id
            guard seen.insert(id).inserted, lstat(folder.patientFile(id), &st) != 0 else { throw .patientExists(id) }
        }
        var running = otherBookings(excluding: nil, clinic: clinic)
        for chart in charts {
            try ChairCapacity.check(chart, replacing: nil, calendar: clinic.calendar) { running }
            for (day, n) in ChairCapacity.bookings(chart, includingChosen: true) { for _ in 0..<n { running.book(day) } }
        }

        let stamp = timestamp
        let day = calendarDay
        let counter = Counter()
        let results = ParallelMap.map(charts) { chart -> Result<(SummaryIndex.Entry, Data), StoreError> in
            do throws(StoreError) {
                let id = chart.patient.id
                let path = folder.patientFile(id)
                let file = PatientFile(schemaVersion: Schema.patientVersion, revision: 1, savedBy: user, savedAt: stamp, chart: chart)
                let data: Data
                do { data = try Self.encoder().encode(file) } catch { throw .io(path: path, operation: "encode", reason: "\(error)") }
                let _: PatientFile = try readBack(data, path: path, current: Schema.patientVersion, migrations: Schema.patientMigrations)
                let line = try auditLine(patient: id, revision: 1, changes: AuditChange.between(nil, chart))
                try AtomicFile.write(data, to: path, durability: durability, faults: faults)
                guard let fileStamp = SummaryIndex.stamp(path) else { throw .io(path: path, operation: "read back", reason: "the file vanished after writing") }
                progress(counter.increment())
                let summary = PatientSummary(chart: chart, day: day, settings: clinic.settings, calendar: clinic.calendar)
                return .success((.init(size: fileStamp.0, mtime: fileStamp.1, summary: summary), line))
            } catch {
                return .failure(error)
            }
        }
        var entries: [SummaryIndex.Entry] = []
        var audit = Data()
        entries.reserveCapacity(results.count)
        do throws(StoreError) {
            for result in results {
                let (entry, line) = try result.get()
                entries.append(entry)
                if !audit.isEmpty { audit.append(0x0A) }
                audit.append(line)
            }
            if !audit.isEmpty { try AtomicFile.appendLine(audit, to: folder.auditFile, durability: durability, faults: faults) }
            if durability == .synced { try AtomicFile.syncFolder(folder.patientsFolder) }
        } catch {
            for chart in charts { unlink(folder.patientFile(chart.patient.id)) }
            throw error
        }
        // The index is a cache: folded with what was there, written once.
        let index = SummaryIndex(folder: folder)
        var all = index.read().entries
        for entry in entries { all[entry.summary.id] = entry }
        index.compact(Array(all.values))
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
