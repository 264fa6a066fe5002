import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

@Suite struct SummaryIndexTests {
    func store(_ dir: TemporaryFolder) -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced,
                    now: { Date(timeIntervalSince1970: 1_767_607_200) }) // 2026-01-05 10:00 UTC
    }

    @Test func summariesMatchTheCharts() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient("P-0001"))
        try s.create(samplePatient("P-0002", name: "山田\t花子"))
        let snapshot = s.loadSummaries()
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.summaries.map(\.id.rawValue) == ["P-0001", "P-0002"])
        let first = snapshot.summaries[0]
        #expect(first == PatientSummary(chart: samplePatient("P-0001"), day: day("2026-01-05"), settings: ClinicSettings(), calendar: ClinicCalendar()))
        #expect(first.nextSession(onOrAfter: day("2026-01-06")) == day("2026-01-07"))
        #expect(first.overdue(before: day("2026-01-08")) == 2)
        #expect(snapshot.summaries[1].name == "山田\t花子")
        // The index now holds both, read back identically.
        let (entries, _) = SummaryIndex(folder: s.folder).read()
        #expect(entries.count == 2)
        #expect(s.loadSummaries().summaries == snapshot.summaries)
    }

    /// The index is written a megabyte at a time: an index of several megabytes reads
    /// back line for line, in the overview's order, with its counts.
    @Test func aLargeIndexWrittenInPiecesReadsBackWhole() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.folder.create()
        let base = PatientSummary(chart: samplePatient("P-0001"), day: day("2026-01-05"), settings: ClinicSettings(), calendar: ClinicCalendar())
        let entries = (1...6000).map { n -> SummaryIndex.Entry in
            var summary = base
            summary.id = pid(String(format: "P-%05d", n))
            summary.name = "Patient \(n)"
            // Every third without sessions, so the order is not the ids'.
            if n % 3 == 0 { summary.planned = []; summary.given = [] }
            return .init(size: Int64(n), mtime: Int64(n) * 1_000, summary: summary)
        }
        let index = SummaryIndex(folder: s.folder)
        index.compact(entries.reversed())
        let size = try #require(FileManager.default.attributesOfItem(atPath: index.mainFile)[.size] as? Int)
        #expect(size > 1 << 20, "more than one piece")
        let (read, journalLines) = index.read()
        #expect(journalLines == 0)
        #expect(read.count == entries.count)
        for e in entries { #expect(read[e.summary.id] == e) }
        let first = try #require(index.readFirst(entries.count))
        #expect(first.head == ClinicCounts(entries.map(\.summary)))
        let order = entries.sorted { $0.summary.nextSessionOrder(on: first.head.day) < $1.summary.nextSessionOrder(on: first.head.day) }
        #expect(first.entries == order)
    }

    /// A line is the format docs/file-format.md gives: 25 tab-separated fields, days in
    /// ISO 8601, lists comma-separated, codes by raw value; at the ends of the days kept;
    /// the next day's judgement last (`1`, `0`, or empty when unknown).
    @Test func aLineIsTheDocumentedFormat() throws {
        var summary = PatientSummary(chart: samplePatient("P-0001", name: "Ada\tLovelace"), day: day("2026-01-05"), settings: ClinicSettings(), calendar: ClinicCalendar())
        summary.dateOfBirth = CalendarDay.earliest
        summary.missed = [CalendarDay.latest, day("2026-02-28")]
        summary.held = [day("2026-03-01")]
        summary.warningCodes = [.relapse, .remsFormOverdue]
        let e = SummaryIndex.Entry(size: 1234, mtime: 5_678_000_000, summary: summary, settings: 0xab12, nextDay: .same)
        func days(_ values: [CalendarDay]) -> String { values.map(\.iso).joined(separator: ",") }
        let s = summary
        let expected = [s.id.rawValue, "1234", "5678000000", "Ada\\tLovelace", "1900-01-01", s.protocolID?.rawValue ?? "", s.planStatus?.rawValue ?? "",
                        s.phase?.rawValue ?? "", s.screeningComplete ? "1" : "0", String(s.criticalWarnings), "relapse,remsFormOverdue",
                        days(s.planned), days(s.formsDue), s.time?.description ?? "", days(s.given),
                        s.holdCodes.map(\.rawValue).joined(separator: ","), "2026-03-01", days(s.overCapacity), days(s.scoringVisits), "2026-01-05",
                        "2199-12-31,2026-02-28", days(s.deferred), days(s.cancelled), "ab12", "1"].joined(separator: "\t")
        #expect(!s.planned.isEmpty)
        #expect(SummaryIndex.line(e) == expected)
        #expect(SummaryIndex.parse(Data(SummaryIndex.line(e).utf8)) == e)
        for (nextDay, field) in [(PatientSummary.NextDay.differs, "0"), (.unknown, "")] {
            var other = e
            other.nextDay = nextDay
            #expect(SummaryIndex.line(other) == expected.dropLast() + field)
            #expect(SummaryIndex.parse(Data(SummaryIndex.line(other).utf8)) == other)
        }
        // Any other judgement is a damaged line (its patient rebuilt from the file).
        #expect(SummaryIndex.parse(Data((expected.dropLast() + "2").utf8)) == nil)
        // A version 8 line (no judgement field) no longer parses.
        #expect(SummaryIndex.parse(Data(expected.dropLast(2).utf8)) == nil)
    }

    /// The screen's check judges every summary again on a new day, many files at once on
    /// every core, and finds the same summaries as the full load; a file that stopped
    /// loading is reported and its patient removed.
    @Test func theChecksNewDayRebuildsEverySummaryAsTheFullLoadDoes() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        for n in 1...70 {
            // Only the first few planned (the clinic has four chairs a day).
            var chart = samplePatient(String(format: "P-%04d", n))
            if n > 4 { chart.plan = nil }
            try s.create(chart)
        }
        let unchecked = s.readSummariesUnchecked()
        #expect(unchecked.snapshot.summaries.count == 70)
        try Data("{".utf8).write(to: URL(fileURLWithPath: s.folder.patientFile(pid("P-0070"))))
        var tomorrow = s
        tomorrow.now = { Date(timeIntervalSince1970: 1_767_607_200 + 86_400) }
        let check = tomorrow.check(unchecked, foldJournal: false).check
        #expect(check.changed.count == 69)
        #expect(check.changed.allSatisfy { $0.asOf == day("2026-01-06") })
        #expect(check.removed == [pid("P-0070")])
        #expect(check.problems.map(\.path) == [s.folder.patientFile(pid("P-0070"))])
        let full = tomorrow.loadSummaries().summaries
        #expect(check.changed.sorted { $0.id < $1.id } == full.sorted { $0.id < $1.id })
    }

    @Test func aFileChangedBehindTheIndexIsReadAgain() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient("P-0001"))
        #expect(s.loadSummaries().summaries.first?.name == "Zoë Exemplar")
        // Someone restores an older file by hand (a different name, so a different size).
        let other = ClinicStore(folder: DataFolder(path: NSTemporaryDirectory() + "ketaplan-other-\(getpid())"), durability: .unsynced)
        defer { try? FileManager.default.removeItem(atPath: other.folder.path) }
        try other.create(samplePatient("P-0001", name: "Zoë Exemplar-Renamed"))
        try FileManager.default.removeItem(atPath: dir.path + "/patients/P-0001.json")
        try FileManager.default.copyItem(atPath: other.folder.patientFile(pid("P-0001")), toPath: dir.path + "/patients/P-0001.json")
        #expect(s.loadSummaries().summaries.first?.name == "Zoë Exemplar-Renamed")
    }

    @Test func aSummaryJudgedForAnotherDayIsJudgedAgain() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        try store(dir).create(samplePatient("P-0001"))
        let monday = store(dir).loadSummaries().summaries[0]
        #expect(monday.asOf == day("2026-01-05"))
        // Eight weeks on, nothing was saved, but the phase (and with it warnings and holds)
        // is judged for the new day, not read from the index as it was on the day of the save.
        let later = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced,
                                now: { Date(timeIntervalSince1970: 1_772_359_200) }) // 2026-03-01 10:00 UTC
        let march = later.loadSummaries().summaries[0]
        #expect(march == PatientSummary(chart: try later.loadPatient(pid("P-0001")).chart, day: day("2026-03-01"), settings: ClinicSettings(), calendar: ClinicCalendar()))
        #expect(march.phase != monday.phase)
        #expect(march.asOf == day("2026-03-01"))
        // The rebuilt line is kept: read back from the index, it is the same summary.
        let (entries, _) = SummaryIndex(folder: later.folder).read()
        #expect(entries[try PatientID("P-0001")]?.summary == march)
    }

    @Test func overCapacityAndScoringVisitsSurviveTheIndex() throws {
        var summary = PatientSummary(chart: samplePatient("P-0001"), day: day("2026-01-05"), settings: ClinicSettings(), calendar: ClinicCalendar())
        summary.overCapacity = [day("2026-01-07")]
        summary.scoringVisits = [day("2026-02-01"), day("2026-02-15")]
        let entry = SummaryIndex.Entry(size: 1, mtime: 2, summary: summary)
        let line = SummaryIndex.line(entry)
        #expect(SummaryIndex.parse(Data(line.utf8)[...]) == entry)
    }

    @Test func missedDeferredAndCancelledDaysSurviveTheIndex() throws {
        var summary = PatientSummary(chart: samplePatient("P-0001"), day: day("2026-01-05"), settings: ClinicSettings(), calendar: ClinicCalendar())
        summary.missed = [day("2026-01-07")]
        summary.deferred = [day("2026-01-09"), day("2026-01-12")]
        summary.cancelled = [day("2026-01-14")]
        let entry = SummaryIndex.Entry(size: 1, mtime: 2, summary: summary)
        #expect(SummaryIndex.parse(Data(SummaryIndex.line(entry).utf8)[...]) == entry)
        // A version 6 line (no such fields) is rebuilt from its file, never read as "none".
        let v6 = SummaryIndex.line(entry).split(separator: "\t", omittingEmptySubsequences: false).prefix(20).joined(separator: "\t")
        #expect(SummaryIndex.parse(Data(v6.utf8)[...]) == nil)
    }

    /// Past reading, a summary holds domain types: a line naming a code or a day this
    /// version cannot read is refused as a whole (its patient is rebuilt from the file),
    /// never kept as text nobody checks.
    @Test func aLineWithAnUnknownCodeOrDayIsRefused() throws {
        let summary = PatientSummary(chart: samplePatient("P-0001"), day: day("2026-01-05"), settings: ClinicSettings(), calendar: ClinicCalendar())
        let good = SummaryIndex.line(.init(size: 1, mtime: 2, summary: summary))
        #expect(SummaryIndex.parse(Data(good.utf8)[...])?.summary.planned.first == day("2026-01-05"))
        var fields = good.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        for (i, bad) in [(10, "noSuchWarning"), (11, "2026-02-30"), (6, "onHold"), (7, "phase9"), (15, "noSuchHold"), (0, "../etc"), (13, "25:00")] {
            let saved = fields[i]
            fields[i] = bad
            #expect(SummaryIndex.parse(Data(fields.joined(separator: "\t").utf8)[...]) == nil, "field \(i) = \(bad)")
            fields[i] = saved
        }
        #expect(SummaryIndex.parse(Data(fields.joined(separator: "\t").utf8)[...]) != nil)
    }

    @Test func aBrokenFileIsAProblemNotAStaleSummary() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient("P-0001"))
        try s.create(samplePatient("P-0002"))
        _ = s.loadSummaries()
        try Data("{".utf8).write(to: URL(fileURLWithPath: dir.path + "/patients/P-0002.json"))
        let snapshot = s.loadSummaries()
        #expect(snapshot.summaries.map(\.id.rawValue) == ["P-0001"])
        #expect(snapshot.problems.first?.path == dir.path + "/patients/P-0002.json")
    }

    @Test func aDamagedOrMissingIndexIsRebuilt() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        // Forty identical plans need forty chairs a day.
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 40)))
        for n in 1...40 { try s.create(samplePatient(String(format: "P-%04d", n))) }
        let expected = s.loadSummaries().summaries
        try Data("ketaplan-index\t5\ngarbage\tline\n".utf8).write(to: URL(fileURLWithPath: dir.path + "/index.tsv"))
        try? FileManager.default.removeItem(atPath: dir.path + "/index-journal.tsv")
        #expect(s.loadSummaries().summaries == expected)
        try FileManager.default.removeItem(atPath: dir.path + "/index.tsv")
        #expect(s.loadSummaries().summaries == expected)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/index.tsv"))
    }

    @Test func bookingsFromSummariesCountPlannedSessions() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient("P-0001"))
        try s.create(samplePatient("P-0002"))
        let summaries = s.loadSummaries().summaries
        let bookings = ChairBookings(summaries: summaries, excluding: try PatientID("P-0002"))
        #expect(bookings[day("2026-01-05")] == 1)
        #expect(ChairBookings(summaries: summaries, excluding: nil)[day("2026-01-07")] == 2)
    }

    /// A line judged under other clinic settings is rebuilt, as one judged for another
    /// day is: a settings change (here REMS certification) reaches every patient at the
    /// next load, on the screen and in `patients`, without re-planning anyone. Settings
    /// that judge nothing differently (the name) rebuild nothing.
    @Test func linesJudgedUnderOtherClinicSettingsAreRebuilt() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), durability: .unsynced)
        var clinic = ClinicFile()
        clinic.settings.remsCertified = true
        try store.saveClinic(clinic)
        var chart = samplePatient("P-0001")
        chart.plan = try Scheduler(context: SchedulingContext(today: day("2026-01-05"), calendar: ClinicCalendar()))
            .makePlan(for: chart, protocol: BuiltInProtocols.esketamineTRD, start: day("2026-01-05"))
        try store.create(chart)
        _ = store.loadSummaries(foldJournal: true)
        let certified = try #require(store.loadSummaries().summaries.first)
        let index = SummaryIndex(folder: store.folder).mainFile
        let before = fileBytes(index)

        // A name changes nothing a summary is judged on: the index is left as it is.
        clinic.name = "Renamed"
        try store.saveClinic(clinic)
        #expect(store.loadSummaries(foldJournal: true).summaries.first == certified)
        #expect(fileBytes(index) == before)

        // REMS certification does: the line is rebuilt under it, and stays rebuilt.
        clinic.settings.remsCertified = false
        try store.saveClinic(clinic)
        let expected = PatientSummary(chart: try store.loadPatient(chart.patient.id).chart, day: store.calendarDay, settings: clinic.settings, calendar: clinic.calendar)
        #expect(expected != certified, "the test needs a setting that changes the summary")
        #expect(store.loadSummaries(foldJournal: true).summaries.first == expected)
        #expect(fileBytes(index) != before)
        #expect(SummaryIndex(folder: store.folder).read().entries.values.first?.settings == SummaryIndex.settingsIdentity(clinic))
    }

    /// `--today` makes the store judge its index for that day, as the screen and the
    /// commands plan for it: a run with `--today` neither rebuilds an index judged for it
    /// nor writes lines judged for the real date beside plans made for another.
    @Test func theIndexIsJudgedForTheFixedDayWhenOneIsGiven() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        var store = store(dir) // its clock says 2026-01-05
        let fixed = day("2026-03-02")
        #expect(store.calendarDay == day("2026-01-05"))
        store.fixedDay = fixed
        #expect(store.calendarDay == fixed)
        try store.saveClinic(ClinicFile())
        var chart = samplePatient("P-0001")
        chart.plan = try Scheduler(context: SchedulingContext(today: fixed, calendar: ClinicCalendar()))
            .makePlan(for: chart, protocol: BuiltInProtocols.esketamineTRD, start: fixed)
        try store.create(chart)
        let loaded = store.loadSummaries(foldJournal: true)
        #expect(loaded.summaries.first == PatientSummary(chart: chart, day: fixed, settings: ClinicFile().settings, calendar: ClinicFile().calendar))
        #expect(SummaryIndex(folder: store.folder).readFirst(1)?.head.day == fixed)

        // The same folder opened without a fixed day is judged for the clock's day again.
        store.fixedDay = nil
        _ = store.loadSummaries(foldJournal: true)
        #expect(SummaryIndex(folder: store.folder).readFirst(1)?.head.day == day("2026-01-05"))
    }
}
