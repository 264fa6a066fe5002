import KetaplanEngine

/// Chair bookings a client has already checked against every patient file, and where the
/// data folder stood when they were: an open screen's (every file checked after the first
/// paint, then kept current from the journal by `ClinicWatch`), or a command's (the checked
/// `loadSummariesMarked` it began with). A save that passes them has its chair check under
/// the lock read only what changed since `mark` (`ClinicStore.changes(since:underLock:)`:
/// the journal's new lines, each compared with its file, the file read where it differs),
/// so the check costs the same at any clinic size; when the journal does not describe
/// what changed (the index or journal rewritten, the clinic file edited, a patient file
/// added, removed or renamed into place by hand) the save checks the whole clinic instead.
public struct CheckedBookings: Sendable {
    /// Chairs taken by day, every patient counted (the one saving too).
    public var byDay: [CalendarDay: Int]
    /// The days `byDay` counts for one patient (`PatientSummary.chairDays`; none when it
    /// counts none).
    public var chairDays: @Sendable (PatientID) -> [CalendarDay]
    /// Where the folder stood: what `byDay` reflects.
    public var mark: ClinicStore.ChangeMark

    public init(byDay: [CalendarDay: Int], chairDays: @escaping @Sendable (PatientID) -> [CalendarDay], mark: ClinicStore.ChangeMark) {
        self.byDay = byDay
        self.chairDays = chairDays
        self.mark = mark
    }

    /// The bookings of a checked load (`loadSummariesMarked`); nil when something did not
    /// load (a patient file this user may not read, say: the full check under the lock
    /// counts such a file by its index line, the best count there is).
    public init?(_ snapshot: SummarySnapshot, mark: ClinicStore.ChangeMark) {
        guard snapshot.problems.isEmpty else { return nil }
        // Positions, not each patient's days: a command that saves nothing pays only this.
        var position: [PatientID: Int] = [:]
        position.reserveCapacity(snapshot.summaries.count)
        for (i, s) in snapshot.summaries.enumerated() { position[s.id] = i }
        let counts = ChairBookings(summaries: snapshot.summaries, excluding: nil).countByDay
        let summaries = snapshot.summaries, at = position
        self.init(byDay: counts, chairDays: { id in at[id].map { summaries[$0].chairDays } ?? [] }, mark: mark)
    }

    /// The chairs others take now: these bookings, less `excluding`'s, with each patient
    /// `changed` (summaries checked against their files since `mark`) counted as it is now.
    func others(excluding: PatientID?, changed: [PatientSummary]) -> ChairBookings {
        var counts = byDay
        func take(_ days: [CalendarDay]) { for d in days { counts[d, default: 0] -= 1 } }
        if let excluding { take(chairDays(excluding)) }
        var seen: Set<PatientID> = []
        for s in changed.reversed() where s.id != excluding && seen.insert(s.id).inserted {
            take(chairDays(s.id))
            for d in s.chairDays { counts[d, default: 0] += 1 }
        }
        return ChairBookings(countByDay: counts.filter { $0.value > 0 })
    }
}
