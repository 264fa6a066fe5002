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
    /// A change of neither the calendar nor the settings (the name, the printer, the
    /// paper...) plans nothing differently: no chart is read and none re-plans.
    /// - Throws: the change's refusal (`EditError`), or what `loadClinic`/`saveClinic`
    ///   threw; nothing is saved then.
    public func save(today: CalendarDay,
                     loadClinic: () throws -> ClinicFile,
                     saveClinic: (ClinicFile) throws -> Void,
                     loadCharts: () -> [StoredChart],
                     saveChart: (PatientChart, StoredChart) throws -> StoredChart) throws -> SavedClinicChange {
        let old = try loadClinic()
        let (clinic, said) = try applied(to: old)
        try saveClinic(clinic)
        var saved = SavedClinicChange(clinic: clinic, said: said)
        // The scheduler reads only these two (SchedulingContext).
        guard clinic.calendar != old.calendar || clinic.settings != old.settings else { return saved }
        // Calendar changes can take away days that sessions were planned on.
        let charts = loadCharts()
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
}
