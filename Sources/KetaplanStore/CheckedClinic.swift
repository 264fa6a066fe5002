import KetaplanEngine

/// What a command about one patient needs of the rest of the clinic
/// (`ClinicStore.loadBookingsMarked`): the clinic file, what did not load, and every
/// patient's chair days checked against the files (each index line compared with its
/// file, the file read where they differ), with where the folder stood for a save's chair
/// check (`bookings`). It keeps the index's summaries as read and the check's differences
/// beside them instead of merging and sorting 100,000 summaries a command never lists, and
/// counts the chairs once: a command's context for its patient is that count less the
/// patient's own days, not a new count of the whole clinic each time it is asked.
public struct CheckedClinic: Sendable {
    public let clinic: ClinicFile
    public let problems: [LoadProblem]
    public let clinicProblem: LoadProblem?
    /// Chairs taken by day, every patient counted (`PatientSummary.chairDays`).
    public let byDay: [CalendarDay: Int]
    /// Where the folder stood before the index was read (`CheckedBookings.mark`).
    public let mark: ClinicStore.ChangeMark
    /// The index's summaries as read, unchecked: only those not in `gone` count.
    private let indexed: [PatientSummary]
    /// Summaries rebuilt from their files where the line differed.
    private let replaced: [PatientID: PatientSummary]
    /// Patients whose index line is not used: rebuilt, or whose file is gone.
    private let gone: Set<PatientID>

    init(unchecked: UncheckedSummaries, check: SummaryCheck, mark: ClinicStore.ChangeMark) {
        clinic = check.clinic
        problems = check.problems
        clinicProblem = check.clinicProblem
        self.mark = mark
        indexed = unchecked.snapshot.summaries
        replaced = Dictionary(check.changed.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        gone = Set(check.removed).union(check.changed.map(\.id))
        var counts: [CalendarDay: Int] = [:]
        for s in indexed where gone.isEmpty || !gone.contains(s.id) {
            for day in s.chairDays { counts[day, default: 0] += 1 }
        }
        for s in replaced.values {
            for day in s.chairDays { counts[day, default: 0] += 1 }
        }
        byDay = counts
    }

    /// The days `id`'s sessions take a chair on, as checked (none: no such patient).
    public func chairDays(_ id: PatientID) -> [CalendarDay] {
        if let s = replaced[id] { return s.chairDays }
        if gone.contains(id) { return [] }
        // A scan (about a millisecond at 100,000): asked for a few patients per command,
        // where a map of every id would cost more to build.
        return indexed.first { $0.id == id }?.chairDays ?? []
    }

    /// The chairs other patients take, for planning `excluding`'s sessions.
    public func others(excluding id: PatientID?) -> ChairBookings {
        var counts = byDay
        if let id { for day in chairDays(id) { if let n = counts[day] { counts[day] = n - 1 } } }
        return ChairBookings(countByDay: counts.filter { $0.value > 0 })
    }

    /// The bookings for a save's chair check under the lock; nil when something did not
    /// load (the save then checks the whole clinic), as `CheckedBookings(_:mark:)`.
    public var bookings: CheckedBookings? {
        guard problems.isEmpty else { return nil }
        let clinic = self
        return CheckedBookings(byDay: byDay, chairDays: { clinic.chairDays($0) }, mark: mark)
    }

    /// Every patient's summary, checked, in no particular order (`patients` sorts them).
    public var summaries: [PatientSummary] {
        indexed.filter { gone.isEmpty || !gone.contains($0.id) } + Array(replaced.values)
    }
}
