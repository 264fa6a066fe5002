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
        // Every chart read is a candidate, its chairs counted from the charts and kept
        // here as each re-plan moves (the reference the summaries' narrower reading is
        // tested against).
        var stored: [PatientID: StoredChart] = [:]
        var byDay: [CalendarDay: Int] = [:]
        return try save(today: today, basedOn: basedOn, loadClinic: loadClinic, saveClinic: saveClinic,
                        candidates: { _ in
                            let charts = loadCharts()
                            stored = Dictionary(charts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                            byDay = ChairBookings(charts: charts.map(\.chart), excluding: nil).countByDay
                            return stored.keys.sorted().map { (id: $0, mayMove: true) }
                        },
                        unread: unread,
                        bookings: { ChairBookings(countByDay: byDay) },
                        loadChart: { id in
                            guard let chart = stored[id] else { throw EditError(message: "\(id) was not read") }
                            return chart
                        },
                        saveChart: { chart, was in
                            for d in ChairBookings.chairDays(of: was.chart.plan) { byDay[d] = max(0, (byDay[d] ?? 0) - 1) }
                            for d in ChairBookings.chairDays(of: chart.plan) { byDay[d, default: 0] += 1 }
                            return try saveChart(chart, was)
                        })
    }

    /// `save`, reading only the charts the change may re-plan, one at a time: the plans
    /// `candidates` finds from the checked summaries (`Affected`), each loaded, re-planned
    /// against the chairs as they are now and saved before the next is read, so memory
    /// does not grow with the clinic and the first re-plan is saved at once.
    ///
    /// Re-planning every chart in patient order also moves plans the change does not
    /// touch: a re-planned plan's later sessions move with its first, and a chair it gives
    /// back on a day that was full lets every plan after it in that order that passed the
    /// day over move back onto it. Which plans passed a day over is not in their summaries,
    /// so once a re-plan has freed a chair on a full day, every active plan after it is
    /// read and re-planned, as before; until then only the plans `Affected` picks are. The
    /// re-plans are the same either way (`ClinicChangeAffectedTests`).
    /// - Parameters:
    ///   - candidates: every active plan, in patient order, with whether `Affected` says
    ///     it may move, from summaries checked against the files; called once, after the
    ///     clinic is saved.
    ///   - unread: the files `candidates` could not read (their plans are not re-planned).
    ///   - bookings: the chairs every patient takes now (the one being re-planned too),
    ///     kept current by `saveChart`.
    ///   - loadChart: one patient's chart as saved now.
    ///   - report: when given, hears each re-plan as it is saved, which is then counted in
    ///     `reported` instead of kept in `replanned` (a command prints each line and keeps
    ///     no chart: thousands of re-plans at 100,000 patients would hold as many charts).
    public func save(today: CalendarDay,
                     basedOn: ClinicFile? = nil,
                     loadClinic: () throws -> ClinicFile,
                     saveClinic: (_ clinic: ClinicFile, _ over: ClinicFile) throws -> Bool,
                     candidates: (Affected) -> [(id: PatientID, mayMove: Bool)],
                     unread: () -> [LoadProblem],
                     bookings: () -> ChairBookings,
                     loadChart: (PatientID) throws -> StoredChart,
                     saveChart: (PatientChart, StoredChart) throws -> StoredChart,
                     report: ((SavedClinicChange.Replanned) -> Void)? = nil) throws -> SavedClinicChange {
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
        // The scheduler reads only the calendar and the settings (`Affected` says which).
        guard clinic.calendar != old.calendar || clinic.settings != old.settings,
              let affected = Affected(from: old, to: clinic, today: today) else { return saved }
        let plans = candidates(affected)
        saved.unread = unread().map(\.description)
        let chairs = clinic.calendar.chairsPerDay
        // Set once a re-plan gives back a chair on a day that was full (see above).
        var freedFullDay = false
        for (id, mayMove) in plans where mayMove || freedFullDay {
            let was: StoredChart
            do { was = try loadChart(id) } catch {
                // Read a moment ago: changed or removed since.
                saved.notSaved.append(.init(patient: id, message: "\(error)"))
                continue
            }
            guard was.chart.plan?.status == .active else { continue }
            var others = bookings()
            for d in ChairBookings.chairDays(of: was.chart.plan) { others.unbook(d) }
            let scheduler = Scheduler(context: SchedulingContext(today: today, calendar: clinic.calendar, settings: clinic.settings, bookings: others))
            let update = scheduler.replanned(was.chart)
            guard !update.changes.isEmpty, let plan = update.chart.plan else { continue }
            let lines = update.changes.map { $0.line(in: plan, was: was.chart.plan) }
            let before = bookings()
            do {
                let replanned = SavedClinicChange.Replanned(stored: try saveChart(update.chart, was), changeLines: lines)
                if let report {
                    report(replanned)
                    saved.reported += 1
                } else {
                    saved.replanned.append(replanned)
                }
            } catch {
                saved.notSaved.append(.init(patient: was.id, message: "\(error)"))
            }
            if !freedFullDay {
                let after = bookings()
                freedFullDay = Set(ChairBookings.chairDays(of: was.chart.plan)).contains { before[$0] >= chairs && after[$0] < chairs }
            }
        }
        return saved
    }

    /// How many times a save is tried over a file that keeps changing under it.
    static let saveAttempts = 3
}
