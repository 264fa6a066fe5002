import KetaplanEngine

/// What checking every patient file against summaries read unchecked from the index found
/// (`ClinicStore.check`): only the differences, so that a screen that already shows the
/// summaries patches a few rows instead of receiving the whole clinic a second time.
public struct SummaryCheck: Equatable, Sendable {
    public var clinic: ClinicFile
    /// Summaries rebuilt from their files: changed behind the index, judged for another
    /// day, or with no line in it.
    public var changed: [PatientSummary]
    /// Patients the summaries listed whose file is gone or no longer loads (its problem is
    /// in `problems`).
    public var removed: [PatientID]
    public var problems: [LoadProblem]
    /// Why clinic.json did not load (nil: it did): `clinic` is then the defaults, which
    /// nothing may be shown or judged as the clinic's (the problem is also in `problems`).
    public var clinicProblem: LoadProblem?

    public init(clinic: ClinicFile, changed: [PatientSummary], removed: [PatientID], problems: [LoadProblem]) {
        self.clinic = clinic
        self.changed = changed
        self.removed = removed
        self.problems = problems
    }

    /// What differs between `before` (the summaries a screen shows) and `after` (every
    /// summary, checked): worked out off the screen's thread, so that a full reload
    /// patches only the rows that changed.
    public init(from before: [PatientSummary], to after: SummarySnapshot) {
        var position: [PatientID: Int] = [:]
        position.reserveCapacity(before.count)
        for (i, s) in before.enumerated() { position[s.id] = i }
        var changed: [PatientSummary] = []
        var present = Set<PatientID>()
        present.reserveCapacity(after.summaries.count)
        for s in after.summaries {
            present.insert(s.id)
            if let i = position[s.id], before[i] == s { continue }
            changed.append(s)
        }
        self.init(clinic: after.clinic, changed: changed, removed: before.map(\.id).filter { !present.contains($0) }, problems: after.problems)
        clinicProblem = after.clinicProblem
    }

    /// `summaries` with these differences applied: removed patients dropped, changed
    /// ones replaced (at the end, with the new ones).
    public func applied(to summaries: [PatientSummary]) -> [PatientSummary] {
        let gone = Set(removed).union(changed.map(\.id))
        return summaries.filter { !gone.contains($0.id) } + changed
    }
}
