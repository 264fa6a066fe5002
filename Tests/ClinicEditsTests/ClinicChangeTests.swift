import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// `ClinicChange` checks every setting itself (the command line and the settings form
/// both rely on it), and `save` is the one sequence both front ends run: the clinic, then
/// the plans it re-plans.
@Suite struct ClinicChangeTests {
    let today = try! CalendarDay(iso: "2026-01-05")

    /// A range refusal names the field and what is accepted; the value at the edge of the
    /// range right after it is applied.
    @Test(arguments: [
        (ClinicChange.chairs, 0, 200, EditField.chairs, "'0' is not accepted; use 1-20000 chairs"),
        (ClinicChange.minimumGap, 8, 7, .minGap, "'8' is not accepted; use 1-7 days"),
        (ClinicChange.systolicRise, 4, 5, .bpRise, "'4' is not accepted; use 5-100 mmHg"),
        (ClinicChange.scoringInterval, 91, 90, .scoringInterval, "'91' is not accepted; use 1-90 days"),
        (ClinicChange.ymrsRise, 0, 1, .ymrsRise, "'0' is not accepted; use 1-60 points"),
    ])
    func aWholeSettingOutOfRangeIsRefusedAndTheEdgeIsApplied(setting: WholeSetting, bad: Int, good: Int, field: EditField, message: String) throws {
        func change(_ value: Int) -> ClinicChange {
            var c = ClinicChange()
            switch field {
            case .chairs: c.chairsPerDay = value
            case .minGap: c.twiceWeeklyMinimumGapDays = value
            case .bpRise: c.systolicRiseCaution = value
            case .scoringInterval: c.onDemandScoringIntervalDays = value
            default: c.ymrsRiseCaution = value
            }
            return c
        }
        #expect(throws: EditError(message: message, field: field)) { try change(bad).applied(to: ClinicFile()) }
        #expect(setting.problem(String(bad)) == message)
        #expect(setting.problem("many") == "'many' is not accepted; use \(setting.accepted) \(setting.unit)")
        let (clinic, said) = try change(good).applied(to: ClinicFile())
        #expect(said.count == 1)
        let stored = [clinic.calendar.chairsPerDay, clinic.settings.twiceWeeklyMinimumGapDays, clinic.settings.systolicRiseCaution,
                      clinic.settings.onDemandScoringIntervalDays, clinic.settings.ymrsRiseCaution]
        #expect(stored.contains(good))
        #expect(try setting.parse(String(good)) == good)
    }

    @Test func aTimeZoneIsOneThisMachineKnowsOrSystem() throws {
        var change = ClinicChange()
        change.timeZone = .some("Mars/Olympus")
        #expect(throws: EditError(message: "'Mars/Olympus' is not a time zone; use an IANA name such as Europe/London or America/New_York, or 'system'",
                                  field: .timeZone)) { try change.applied(to: ClinicFile()) }
        change.timeZone = .some("Europe/London")
        #expect(try change.applied(to: ClinicFile()).clinic.timeZone == "Europe/London")
        #expect(try ClinicChange.timeZone("system") == nil)
    }

    @Test func anEmptyNameIsRefusedAndANameIsKept() throws {
        var change = ClinicChange()
        change.name = "  "
        #expect(throws: EditError(message: "the clinic's name cannot be empty", field: .name)) { try change.applied(to: ClinicFile()) }
        change.name = "Riverside"
        #expect(try change.applied(to: ClinicFile()).clinic.name == "Riverside")
    }

    /// A chart planned on iv-ketamine-3x from Monday 2026-01-05 (sessions Mon, Wed, Fri).
    func planned() throws -> StoredChart {
        var chart = PatientChart(patient: try Patient(
            id: PatientID("P-0001"), name: "Ann Clinic", dateOfBirth: CalendarDay(iso: "1980-04-12"),
            weight: WeightMeasurement(kilograms: 70, measuredOn: today), conditions: [.treatmentResistantDepression],
            screening: .allClear(on: today)))
        let context = SchedulingContext(today: today, calendar: ClinicFile().calendar, settings: ClinicFile().settings, bookings: ChairBookings(countByDay: [:]))
        chart.plan = try Scheduler(context: context).makePlan(for: chart, protocol: BuiltInProtocols.ivKetamine3x, start: today, maintenance: nil, preferredWeekdays: [])
        return StoredChart(chart: chart, revision: 1, savedBy: "test", savedAt: "-")
    }

    /// Closing a booked day saves the clinic, then the plan moved off it, over the
    /// revision it was planned from; a refused change saves nothing.
    @Test func savingClosesTheDayThenReplansWhatWasBookedOnIt() throws {
        let chart = try planned()
        let wednesday = try CalendarDay(iso: "2026-01-07")
        #expect(chart.chart.plan?.sessions.contains { $0.date == wednesday } == true)
        var clinics: [ClinicFile] = []
        var charts: [(PatientChart, StoredChart)] = []
        func save(_ change: ClinicChange) throws -> SavedClinicChange {
            try change.save(today: today, loadClinic: { ClinicFile() }, saveClinic: { clinic, _ in clinics.append(clinic); return true }, loadCharts: { [chart] }, unread: { [] }, saveChart: { new, over in
                charts.append((new, over))
                return StoredChart(chart: new, revision: over.revision + 1, savedBy: "test", savedAt: "-")
            })
        }
        var refused = ClinicChange()
        refused.close = [wednesday]
        refused.chairsPerDay = 0
        #expect(throws: EditError.self) { try save(refused) }
        #expect(clinics.isEmpty && charts.isEmpty)

        var change = ClinicChange()
        change.close = [wednesday]
        let saved = try save(change)
        #expect(clinics.map(\.calendar.closedDates) == [[wednesday]])
        #expect(charts.count == 1 && charts.first?.1 == chart)
        #expect(saved.replanned.map(\.stored.revision) == [2])
        #expect(saved.replanned.first?.stored.chart.plan?.sessions.contains { $0.date == wednesday } == false)
        #expect(saved.replanned.first?.line.hasPrefix("P-0001 Ann Clinic: session 2 2026-01-07 -> 2026-01-08; ") == true)
        #expect(saved.summary == "Clinic updated: closed 2026-01-07; re-planned 1 plan")
        #expect(saved.notSaved.isEmpty)
    }

    struct Conflict: Error, CustomStringConvertible {
        var description: String { "P-0001 was saved by another clinician meanwhile" }
    }

    /// A plan whose save fails is reported, not dropped silently, and does not undo the
    /// clinic's save (it is on disk by then); a clinic that does not save saves no plan.
    @Test func aPlanThatDoesNotSaveIsReportedAndAClinicThatDoesNotSaveStopsEverything() throws {
        let chart = try planned()
        var change = ClinicChange()
        change.close = [try CalendarDay(iso: "2026-01-07")]
        var clinicSaved = false
        let saved = try change.save(today: today, loadClinic: { ClinicFile() }, saveClinic: { _, _ in clinicSaved = true; return true }, loadCharts: { [chart] },
                                    unread: { [] }, saveChart: { _, _ in throw Conflict() })
        #expect(clinicSaved)
        #expect(saved.replanned.isEmpty)
        #expect(saved.notSaved.map(\.line) == ["P-0001: not re-planned: P-0001 was saved by another clinician meanwhile"])
        #expect(saved.summary == "Clinic updated: closed 2026-01-07; 1 not re-planned")

        var chartsSaved = 0
        #expect(throws: Conflict.self) {
            try change.save(today: today, loadClinic: { ClinicFile() }, saveClinic: { _, _ in throw Conflict() }, loadCharts: { [chart] },
                            unread: { [] }, saveChart: { new, over in chartsSaved += 1; return over })
        }
        #expect(chartsSaved == 0)
    }

    /// Files the chart load could not read are reported with the save (tester's F7): the
    /// readable plans re-plan, the save is not complete, and the summary says how many.
    @Test func filesThatCouldNotBeReadAreReportedWithTheSave() throws {
        let chart = try planned()
        var change = ClinicChange()
        change.close = [try CalendarDay(iso: "2026-01-07")]
        let problem = LoadProblem(path: "/d/patients/P-0002.json", error: .newerSchema(path: "/d/patients/P-0002.json", version: 7, supported: 1))
        func save(unread: [LoadProblem]) throws -> SavedClinicChange {
            try change.save(today: today, loadClinic: { ClinicFile() }, saveClinic: { _, _ in true }, loadCharts: { [chart] }, unread: { unread },
                            saveChart: { new, over in StoredChart(chart: new, revision: over.revision + 1, savedBy: "test", savedAt: "-") })
        }
        let partial = try save(unread: [problem])
        #expect(partial.replanned.count == 1 && !partial.isComplete)
        #expect(partial.unread == [problem.description])
        #expect(partial.summary == "Clinic updated: closed 2026-01-07; re-planned 1 plan; 1 patient file could not be read and was not re-planned")
        let whole = try save(unread: [])
        #expect(whole.isComplete && whole.summary == "Clinic updated: closed 2026-01-07; re-planned 1 plan")
    }

    /// A change the scheduler does not read (the name, the printer) reads no chart and
    /// re-plans none: at 100,000 patients a printer change must not load every chart.
    @Test func aChangeThatPlansNothingDifferentlyReadsNoChart() throws {
        let chart = try planned()
        var reads = 0
        func save(_ change: ClinicChange) throws -> SavedClinicChange {
            try change.save(today: today, loadClinic: { ClinicFile() }, saveClinic: { _, _ in true }, loadCharts: { reads += 1; return [chart] },
                            unread: { [] }, saveChart: { new, over in StoredChart(chart: new, revision: over.revision + 1, savedBy: "test", savedAt: "-") })
        }
        var named = ClinicChange()
        named.name = "Riverside"
        named.printer = "ward-laser"
        #expect(try save(named).replanned.isEmpty)
        #expect(reads == 0)
        // The scheduler's inputs do read them.
        var fewer = ClinicChange()
        fewer.chairsPerDay = 3
        _ = try save(fewer)
        #expect(reads == 1)
    }
}
