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
}
