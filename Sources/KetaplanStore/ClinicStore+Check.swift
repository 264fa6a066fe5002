import Foundation
import KetaplanEngine

/// Every checked load of the summaries (issue 13): every summary read from the index
/// unchecked, then every patient file compared with its summary's line. The check reads
/// no index line again and hands back only what differs (`SummaryCheck`), so a clinic of
/// 100,000 is neither parsed nor held twice and a screen patches a few rows; a command's
/// `loadSummaries` merges the two, and an open screen's reload compares the files with
/// what it shows (`recheck`).
extension ClinicStore {
    /// Every summary in the index and its journal, unchecked (see `UncheckedSummaries`).
    public func readSummariesUnchecked() -> UncheckedSummaries {
        let before = changeMark()
        let (clinic, problems, clinicProblem) = clinicForReading()
        let (entries, journalLines) = SummaryIndex(folder: folder).read()
        var summaries: [PatientSummary] = [], sizes: [Int64] = [], mtimes: [Int64] = [], nextDays: [PatientSummary.NextDay] = []
        summaries.reserveCapacity(entries.count)
        sizes.reserveCapacity(entries.count)
        mtimes.reserveCapacity(entries.count)
        nextDays.reserveCapacity(entries.count)
        // A line judged under other clinic settings gets a time no file has, so that the
        // check rebuilds it as it rebuilds a line its file no longer matches.
        let identity = SummaryIndex.settingsIdentity(clinic)
        for e in entries.values {
            summaries.append(e.summary)
            sizes.append(e.size)
            mtimes.append(e.settings == identity ? e.mtime : -1)
            nextDays.append(e.nextDay)
        }
        var snapshot = SummarySnapshot(clinic: clinic, summaries: summaries, problems: problems)
        snapshot.clinicProblem = clinicProblem
        return UncheckedSummaries(snapshot: snapshot, sizes: sizes, mtimes: mtimes, nextDays: nextDays, journalLines: journalLines, mark: before)
    }

    /// Compares every patient file with `unchecked` (one `lstat` each, on this thread
    /// alone so that the other core stays free for keys), rebuilds the summary of each
    /// that differs from its file (on every core when there are many), and folds the
    /// journal into the index as `loadSummaries(foldJournal:)` does. Returns what differs,
    /// and the mark the result stands at (as `loadSummariesMarked`).
    public func check(_ unchecked: UncheckedSummaries, foldJournal: Bool) -> (check: SummaryCheck, mark: ChangeMark) {
        let (result, mark, _) = check(unchecked, foldJournal: foldJournal, mayFold: true)
        return (result, mark)
    }

    /// Every patient file compared again with what a screen shows (`known`: the summaries
    /// and the stamps of the lines they came from), for a change the journal does not
    /// describe or a new day: one `lstat` each, only files that differ read, and nothing
    /// of the index read or written (the screen's summaries are not the index's lines).
    func recheck(_ known: UncheckedSummaries) -> (check: SummaryCheck, mark: ChangeMark, stamps: [PatientID: UncheckedSummaries.Stamp]) {
        check(known.marked(changeMark()), foldJournal: false, mayFold: false)
    }

    /// The files of up to `limit` summaries carried over midnight (next day
    /// `PatientSummary.NextDay.unknown`) read and judged for today and the day after, so
    /// that the next midnight can carry them again (on every core, at the caller's
    /// priority); only those files are looked at. Returns each one's stamp with its next
    /// day judged; a file that changed, no longer loads, or no longer gives the summary
    /// shown (never expected) gets an unknown stamp (-1), so that the next check reads it
    /// and reports what differs.
    func judgeNextDay(_ known: UncheckedSummaries, limit: Int) -> [PatientID: UncheckedSummaries.Stamp] {
        let (clinic, _, clinicProblem) = clinicForReading()
        // Nothing is judged against the defaults (see `check`).
        guard clinicProblem == nil else { return [:] }
        let summaries = known.snapshot.summaries
        var wanted: [Int] = []
        for i in summaries.indices where known.nextDays[i] == .unknown && known.sizes[i] >= 0 {
            wanted.append(i)
            if wanted.count == limit { break }
        }
        let day = calendarDay, settings = clinic.settings, calendar = clinic.calendar
        let identity = SummaryIndex.settingsIdentity(clinic)
        let judge = { @Sendable (i: Int) -> UncheckedSummaries.Stamp in
            let shown = summaries[i]
            // The stamp taken after the read: a file replaced meanwhile is read again later.
            guard let entry = try? judgedEntry(folder.patientFile(shown.id), id: shown.id, day: day, settings: settings, calendar: calendar, identity: identity),
                  entry.size == known.sizes[i], entry.mtime == known.mtimes[i], entry.summary == shown else { return (-1, -1, .unknown) }
            return (entry.size, entry.mtime, entry.nextDay)
        }
        // On the calling thread alone: this runs after the new day is shown, with nothing
        // waiting on it, and on every core it left none free for the screen and its
        // terminal (the benchmark's midnight: keys p99 5.5 ms, slowest 18.6 ms at 100,000).
        let stamps = wanted.map(judge)
        var out: [PatientID: UncheckedSummaries.Stamp] = [:]
        out.reserveCapacity(wanted.count)
        for (i, stamp) in zip(wanted, stamps) { out[summaries[i].id] = stamp }
        return out
    }

    /// A patient file read, decoded and judged for `day` and the day after (what lets the
    /// next midnight carry its line unread), as an index entry stamped with the file's
    /// size and time taken after the read: what every rebuilt line is made from.
    func judgedEntry(_ path: String, id: PatientID, day: CalendarDay, settings: ClinicSettings, calendar: ClinicCalendar,
                     identity: UInt64) throws(StoreError) -> SummaryIndex.Entry {
        guard let data = try AtomicFile.read(path), let stamp = SummaryIndex.stamp(path) else {
            throw .io(path: path, operation: "read", reason: "the file vanished while loading")
        }
        let stored = try decodePatient(data, path: path, expectedID: id)
        let (summary, nextDay) = PatientSummary.judged(chart: stored.chart, day: day, settings: settings, calendar: calendar)
        return .init(size: stamp.0, mtime: stamp.1, summary: summary, settings: identity, nextDay: nextDay)
    }

    /// `check`, with the stamps of the files it read or lines it carried over midnight (for
    /// `UncheckedSummaries.applying`); `mayFold` false never writes the index; `alwaysFold`
    /// writes it even when no line was stale (every carried line judged for the day after).
    func check(_ unchecked: UncheckedSummaries, foldJournal: Bool, mayFold: Bool, alwaysFold: Bool = false)
        -> (check: SummaryCheck, mark: ChangeMark, stamps: [PatientID: UncheckedSummaries.Stamp]) {
        let before = unchecked.mark
        var (clinic, problems, clinicProblem) = clinicForReading()
        if let clinicProblem {
            // Nothing is judged against the defaults: no line rebuilt, nothing folded, until
            // clinic.json loads again (its change is a change the watch notices).
            var result = SummaryCheck(clinic: clinic, changed: [], removed: [], problems: problems)
            result.clinicProblem = clinicProblem
            return (result, before, [:])
        }
        let summaries = unchecked.snapshot.summaries
        var position: [PatientID: Int] = [:]
        position.reserveCapacity(summaries.count)
        for (i, s) in summaries.enumerated() { position[s.id] = i }
        var seen = [Bool](repeating: false, count: summaries.count)
        let day = calendarDay, yesterday = day.adding(days: -1)
        // First every file's stamp against its line (this thread alone), then the files that
        // differ read and summarised: on this thread when few (a colleague's edit by hand),
        // on every core when many (a clinic whose index is gone).
        var differing: [(name: String, at: Int?)] = []
        // Lines judged for yesterday whose judgement for today was the same: carried to
        // today as they are, their files not read (midnight reads only what changes).
        var carried: [Int] = []
        for name in patientFileNames() {
            let at = (try? PatientID(name)).flatMap { position[$0] }
            if let at {
                seen[at] = true
                // Reused only for the file it was made from and the day it was judged for.
                if let stamp = SummaryIndex.stamp(folder.patientFile(named: name)), stamp.0 == unchecked.sizes[at], stamp.1 == unchecked.mtimes[at] {
                    let asOf = summaries[at].asOf, nextDay = unchecked.nextDays[at]
                    if asOf == day { continue }
                    if asOf == yesterday && nextDay == .same {
                        carried.append(at)
                        continue
                    }
                }
            }
            differing.append((name, at))
        }
        let settings = clinic.settings, calendar = clinic.calendar, identity = SummaryIndex.settingsIdentity(clinic)
        let summarise = { @Sendable (file: (name: String, at: Int?)) -> Result<SummaryIndex.Entry, LoadProblem> in
            let path = folder.patientFile(named: file.name)
            do throws(StoreError) {
                guard let valid = try? PatientID(file.name) else {
                    throw .invalidFile(path: path, problem: "the file name is not a valid patient id (letters, digits and '-')")
                }
                return .success(try judgedEntry(path, id: valid, day: day, settings: settings, calendar: calendar, identity: identity))
            } catch {
                return .failure(LoadProblem(path: path, error: error))
            }
        }
        let results = differing.count > 64 ? ParallelMap.map(differing, summarise) : differing.map(summarise)
        var changed: [(Int?, SummaryIndex.Entry)] = []
        for (file, result) in zip(differing, results) {
            switch result {
            case .success(let entry): changed.append((file.at, entry))
            case .failure(let problem):
                problems.append(problem)
                if let at = file.at { seen[at] = false }
            }
        }
        for at in carried {
            changed.append((at, .init(size: unchecked.sizes[at], mtime: unchecked.mtimes[at], summary: summaries[at].carried(to: day), settings: identity)))
        }
        let removed = summaries.indices.filter { !seen[$0] }.map { summaries[$0].id }
        // A line that was stale, missing or left over, or a long journal: fold.
        let stale = alwaysFold || !changed.isEmpty || !removed.isEmpty || unchecked.journalLines > SummaryIndex.compactAfter
        var folded: ChangeMark?
        if mayFold, stale || (foldJournal && unchecked.journalLines > 0), let lock = try? FileLock(path: folder.lockFile) {
            let now = changeMark()
            // Only if no save ended since the read began (see `loadSummariesMarked`).
            if now.index == before.index && now.journal == before.journal {
                // The lines kept, then the rebuilt ones, made as they are written rather
                // than copied into one more array of the whole clinic.
                var replaced = [Bool](repeating: false, count: summaries.count)
                for (at, _) in changed { if let at { replaced[at] = true } }
                let kept = summaries.indices.filter { seen[$0] && !replaced[$0] }
                let entries = (0..<(kept.count + changed.count)).lazy.map { n -> SummaryIndex.Entry in
                    guard n < kept.count else { return changed[n - kept.count].1 }
                    let i = kept[n]
                    // Kept: its file's stamps matched and it was judged under these settings.
                    return .init(size: unchecked.sizes[i], mtime: unchecked.mtimes[i], summary: summaries[i], settings: identity, nextDay: unchecked.nextDays[i])
                }
                SummaryIndex(folder: folder).compact(entries)
                folded = changeMark()
            }
            withExtendedLifetime(lock) {}
        }
        var stamps: [PatientID: UncheckedSummaries.Stamp] = [:]
        for (_, e) in changed { stamps[e.summary.id] = (e.size, e.mtime, e.nextDay) }
        return (SummaryCheck(clinic: clinic, changed: changed.map(\.1.summary), removed: removed, problems: problems),
                markAfterLoad(before: before, folded: folded), stamps)
    }

    /// The mark a load's result stands at, given the mark taken before it read anything
    /// and the one taken under the lock right after it folded the journal (nil: it did
    /// not).
    func markAfterLoad(before: ChangeMark, folded: ChangeMark?) -> ChangeMark {
        var after = folded ?? changeMark()
        // Another process folded the journal during the load: the saves it folded may be
        // missing here, so the next look reads everything.
        if folded == nil && after.index != before.index { after.index = before.index }
        let sameJournal = after.journal?.inode == before.journal?.inode && after.journal?.device == before.journal?.device
        // Lines appended during the load (or to a journal begun by folding) are read again.
        after.journalRead = sameJournal ? min(before.journalRead, after.journalRead) : 0
        // The patients folder as it stood before the files were looked at: a file removed or
        // copied in by hand while they were (after its `lstat`, before this mark) is then
        // still a change the next looks see, not one the mark already took in.
        after.patients = before.patients
        return after
    }
}
