import KetaplanEngine

/// Every summary in the index and its journal as they stand (`ClinicStore.readSummariesUnchecked`),
/// with what `ClinicStore.check` needs to compare them with the files afterwards: the size
/// and time each line recorded for its file, and where the folder stood before the read.
public struct UncheckedSummaries: Sendable {
    public let snapshot: SummarySnapshot
    /// The file size and modification time (ns) each summary's line recorded, in
    /// `snapshot.summaries`' order.
    let sizes: [Int64]
    let mtimes: [Int64]
    let journalLines: Int
    /// Taken before the index was read: lines appended since are read again.
    let mark: ClinicStore.ChangeMark

    /// These summaries with `check`'s differences applied (what a screen shows once it has
    /// taken them), with the stamps of the files the check read.
    func applying(_ check: SummaryCheck, stamps: [PatientID: (Int64, Int64)]) -> UncheckedSummaries {
        replacing(check.changed, removing: Set(check.removed), stamps: stamps)
    }

    /// These summaries with `summaries` in place of their patients' (or added); a stamp not
    /// in `stamps` is unknown, and its file is read again at the next check (a colleague's
    /// save taken from the journal).
    func replacing(_ summaries: [PatientSummary], removing removed: Set<PatientID> = [], stamps: [PatientID: (Int64, Int64)] = [:]) -> UncheckedSummaries {
        let gone = removed.union(summaries.map(\.id))
        var kept: [PatientSummary] = [], keptSizes: [Int64] = [], keptTimes: [Int64] = []
        kept.reserveCapacity(snapshot.summaries.count + summaries.count)
        for (i, s) in snapshot.summaries.enumerated() where !gone.contains(s.id) {
            kept.append(s)
            keptSizes.append(sizes[i])
            keptTimes.append(mtimes[i])
        }
        for s in summaries {
            kept.append(s)
            keptSizes.append(stamps[s.id]?.0 ?? -1)
            keptTimes.append(stamps[s.id]?.1 ?? -1)
        }
        return UncheckedSummaries(snapshot: SummarySnapshot(clinic: snapshot.clinic, summaries: kept, problems: snapshot.problems),
                                  sizes: keptSizes, mtimes: keptTimes, journalLines: 0, mark: mark)
    }
}
