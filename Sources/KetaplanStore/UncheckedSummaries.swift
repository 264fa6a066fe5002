import KetaplanEngine

/// Every summary in the index and its journal as they stand (`ClinicStore.readSummariesUnchecked`),
/// with what `ClinicStore.check` needs to compare them with the files afterwards: the size
/// and time each line recorded for its file, whether midnight may carry it without its
/// file, and where the folder stood before the read.
public struct UncheckedSummaries: Sendable {
    /// What a check learnt of a file it read (or of a line it carried over midnight).
    typealias Stamp = (size: Int64, mtime: Int64, nextDay: PatientSummary.NextDay)

    public let snapshot: SummarySnapshot
    /// The file size and modification time (ns) each summary's line recorded, in
    /// `snapshot.summaries`' order.
    let sizes: [Int64]
    let mtimes: [Int64]
    /// Each line's next-day judgement (`SummaryIndex.Entry.nextDay`), in the same order.
    let nextDays: [PatientSummary.NextDay]
    let journalLines: Int
    /// Taken before the index was read: lines appended since are read again.
    let mark: ClinicStore.ChangeMark

    /// These summaries with `check`'s differences applied (what a screen shows once it has
    /// taken them), with the stamps of the files the check read: a summary the check read
    /// again and found the same (`stamps` alone) keeps its place and takes its new stamp.
    func applying(_ check: SummaryCheck, stamps: [PatientID: Stamp]) -> UncheckedSummaries {
        replacing(check.changed, removing: Set(check.removed), stamps: stamps)
    }

    /// These summaries with `summaries` in place of their patients' (or added); a stamp not
    /// in `stamps` is unknown, and its file is read again at the next check (a colleague's
    /// save taken from the journal).
    func replacing(_ summaries: [PatientSummary], removing removed: Set<PatientID> = [], stamps: [PatientID: Stamp] = [:]) -> UncheckedSummaries {
        let gone = removed.union(summaries.map(\.id))
        var kept: [PatientSummary] = [], keptSizes: [Int64] = [], keptTimes: [Int64] = [], keptDays: [PatientSummary.NextDay] = []
        kept.reserveCapacity(snapshot.summaries.count + summaries.count)
        keptSizes.reserveCapacity(kept.capacity)
        keptTimes.reserveCapacity(kept.capacity)
        keptDays.reserveCapacity(kept.capacity)
        for (i, s) in snapshot.summaries.enumerated() where !gone.contains(s.id) {
            kept.append(s)
            let stamp = stamps.isEmpty ? nil : stamps[s.id]
            keptSizes.append(stamp?.size ?? sizes[i])
            keptTimes.append(stamp?.mtime ?? mtimes[i])
            keptDays.append(stamp?.nextDay ?? nextDays[i])
        }
        for s in summaries {
            kept.append(s)
            keptSizes.append(stamps[s.id]?.size ?? -1)
            keptTimes.append(stamps[s.id]?.mtime ?? -1)
            keptDays.append(stamps[s.id]?.nextDay ?? .unknown)
        }
        return UncheckedSummaries(snapshot: SummarySnapshot(clinic: snapshot.clinic, summaries: kept, problems: snapshot.problems),
                                  sizes: keptSizes, mtimes: keptTimes, nextDays: keptDays, journalLines: 0, mark: mark)
    }

    /// The same summaries with another mark (a recheck's: taken before it looks at a file).
    func marked(_ mark: ClinicStore.ChangeMark) -> UncheckedSummaries {
        UncheckedSummaries(snapshot: snapshot, sizes: sizes, mtimes: mtimes, nextDays: nextDays, journalLines: 0, mark: mark)
    }

    /// How many summaries were carried over midnight and not yet judged for the day after
    /// (`ClinicWatch.refreshNextDay` reads their files, at low priority).
    var unjudged: Int {
        var n = 0
        for (i, d) in nextDays.enumerated() where d == .unknown && sizes[i] >= 0 { n += 1 }
        return n
    }
}
