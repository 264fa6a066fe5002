import KetaplanEngine
import KetaplanRecords

extension ClinicChange {
    /// Saves the change the one way both front ends do: applied to the clinic as the data
    /// folder holds it now, `clinic.json` saved (atomically, with its audit line), then
    /// every active plan the changed clinic re-plans saved over the revision it was
    /// planned from. The store's I/O is passed in (ClinicEdits touches no file): the
    /// command line passes its `ClinicStore`'s methods, the screen's effect runner its own.
    /// A plan whose save fails is reported in `notSaved` and the others still re-plan
    /// (the clinic is saved by then, so stopping would leave more plans on closed days).
    /// A patient file that could not be read (permissions, damage, a newer version) cannot
    /// be re-planned: each is reported in `unread` (the clinic is saved by then, and the
    /// readable plans still re-plan), so a front end never says "re-planned" in silence
    /// while a patient may keep a session on a day the clinic just closed (`validate`
    /// lists such sessions once the file reads).
    /// A change of neither the calendar nor the settings (the name, the printer, the
    /// paper...) plans nothing differently: no chart is read and none re-plans.
    ///
    /// A colleague's change is never overwritten unseen: the change carries only the
    /// settings its clinician set, and is applied over the file as it is at the save, so
    /// what someone else changed meanwhile stays; where they changed a setting this
    /// change also sets, it is refused (`ClinicConflict`, naming theirs). "Meanwhile" is
    /// since `basedOn` (the version a form was filled in from) or, without one, since the
    /// file was read here; a write between this read and the save is caught by
    /// `saveClinic`, which writes only over the version read (false otherwise), and the
    /// change is then tried again over the newer file.
    /// - Parameters:
    ///   - basedOn: clinic.json as the change was worked out against (nil: as read now).
    ///   - saveClinic: writes the first clinic if the file still holds the second (under
    ///     the store's lock); false when someone else wrote it since.
    ///   - unread: the files the last `loadCharts` could not read.
    /// - Throws: the change's refusal (`EditError`), a `ClinicConflict`, or what
    ///   `loadClinic`/`saveClinic` threw; nothing is saved then.
    public func save(today: CalendarDay,
                     basedOn: ClinicFile? = nil,
                     loadClinic: () throws -> ClinicFile,
                     saveClinic: (_ clinic: ClinicFile, _ over: ClinicFile) throws -> Bool,
                     loadCharts: () -> [StoredChart],
                     unread: () -> [LoadProblem],
                     saveChart: (PatientChart, StoredChart) throws -> StoredChart) throws -> SavedClinicChange {
        var base = basedOn
        var written: (old: ClinicFile, clinic: ClinicFile, said: [String])?
        for _ in 0..<Self.saveAttempts {
            let current = try loadClinic()
            let from = base ?? current
            base = from
            if let conflict = conflict(base: from, current: current) { throw conflict }
            let (clinic, said) = try applied(to: current)
            if try saveClinic(clinic, current) {
                written = (current, clinic, said)
                break
            }
        }
        guard let (old, clinic, said) = written else {
            throw EditError(message: "clinic.json changed \(Self.saveAttempts) times while this change was being saved; nothing was saved: try again")
        }
        var saved = SavedClinicChange(clinic: clinic, said: said)
        // The scheduler reads only these two (SchedulingContext).
        guard clinic.calendar != old.calendar || clinic.settings != old.settings else { return saved }
        // Calendar changes can take away days that sessions were planned on.
        let charts = loadCharts()
        saved.unread = unread().map(\.description)
        let stored = Dictionary(charts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for replan in Self.replans(of: charts.map(\.chart), clinic: clinic, today: today) {
            guard let was = stored[replan.chart.patient.id] else { continue }
            do {
                saved.replanned.append(.init(stored: try saveChart(replan.chart, was), changeLines: replan.changeLines))
            } catch {
                saved.notSaved.append(.init(patient: was.id, message: "\(error)"))
            }
        }
        return saved
    }

    /// How many times a save is tried over a file that keeps changing under it.
    static let saveAttempts = 3
}
