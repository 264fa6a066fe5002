import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// Colleagues' saves reach an open screen (issue 13): `ClinicWatch` finds them in the
/// index journal (each checked against its file), the reducer patches them in with the
/// selection kept and the chair counts moved, an open chart is read again, and an open
/// form whose patient changed says so before anything is saved. Midnight moves "today"
/// (an injected clock).
@Suite struct LiveUpdateTests {
    /// A clock the test moves.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var date: Date
        init(_ date: Date) { self.date = date }
        var now: Date { lock.withLock { date } }
        func set(_ d: Date) { lock.withLock { date = d } }
    }

    /// Noon on `day` in this machine's time zone (WallClock's).
    static func noon(_ day: CalendarDay) -> Date {
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour) = (day.components.year, day.components.month, day.components.day, 12)
        return Calendar(identifier: .gregorian).date(from: c)!
    }

    func makeFolder() -> String {
        var bytes = Array((NSTemporaryDirectory() + "ketaplan-live-XXXXXX").utf8CString)
        return String(cString: bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }!)
    }

    func store(_ path: String, _ user: String, clock: Clock = Clock(noon(testToday))) -> ClinicStore {
        ClinicStore(folder: DataFolder(path: path), user: user, durability: .unsynced, now: { clock.now })
    }

    func screen(_ state: AppState) -> String { Renderer.render(state).lines.joined(separator: "\n") }

    func selectedID(_ state: AppState) -> PatientID? {
        guard case .overview(let o) = state.screens[0], let row = o.visible[safe: o.selected] else { return nil }
        return state.summaries[row].id
    }

    func patients(_ event: ClinicWatch.Event?) -> [PatientSummary]? {
        if case .patients(let s) = event { return s }
        return nil
    }

    /// The demo clinic on disk (`ClinicFixture`, removed when released), a screen on it,
    /// and a watch started after the full load.
    func openClinic() throws -> (ClinicFixture, AppState, ClinicWatch) {
        let clinic = try ClinicFixture()
        var watch = ClinicWatch(store: clinic.alice, followsClock: false)
        var state = clinic.emptyScreen()
        _ = Reducer.reduce(&state, .summariesLoaded(watch.reload()))
        return (clinic, state, watch)
    }

    @Test func aSaveByAnotherProcessAppearsWithTheSelectionKept() throws {
        var (clinic, state, watch) = try openClinic()
        #expect(watch.poll() == nil, "nothing changed, nothing reported")
        _ = press(&state, [.down, .down])
        let selected = try #require(selectedID(state))
        let other = try #require(state.summaries.first { $0.id != selected }).id

        // Bob, in another process, renames a patient.
        let bob = clinic.store("bob")
        var loaded = try bob.loadPatient(other)
        loaded.chart.patient.name = "Renamed By Bob"
        try bob.save(loaded.chart, over: loaded)
        #expect(!screen(state).contains("Renamed By Bob"))
        let saved = try #require(patients(watch.poll()))
        #expect(saved.map(\.id) == [other] && saved[0].name == "Renamed By Bob")
        _ = Reducer.reduce(&state, .patientsChanged(saved))
        #expect(screen(state).contains("Renamed By Bob"))
        #expect(selectedID(state) == selected, "the selection stays on its patient")
        #expect(watch.poll() == nil, "a save is reported once")

        // A new patient's sessions take chairs: the counts the agenda and the scheduler
        // read move at once.
        var newcomer = demoClinic.charts[0]
        newcomer.patient.id = try PatientID("P-0099")
        newcomer.patient.name = "Newcomer Live"
        let before = state.index.bookings
        try bob.create(newcomer)
        let added = try #require(patients(watch.poll()))
        _ = Reducer.reduce(&state, .patientsChanged(added))
        let summary = try #require(added.first)
        #expect(!summary.chairDays.isEmpty)
        for day in summary.chairDays { #expect(state.index.bookings[day, default: 0] == before[day, default: 0] + 1) }
        #expect(state.index.bookings == ClinicIndex(summaries: bob.loadSummaries().summaries, today: testToday).bookings)
        #expect(screen(state).contains("Newcomer Live"))
        #expect(selectedID(state) == selected)
    }

    @Test func aJournalLineOverTakenByTheFileIsNotTrusted() throws {
        var (clinic, _, watch) = try openClinic()
        let alice = clinic.alice
        let id = demoClinic.charts[3].patient.id
        var loaded = try alice.loadPatient(id)
        loaded.chart.patient.name = "Saved Name"
        try alice.save(loaded.chart, over: loaded)
        // The file is then changed behind the journal (by hand): its line no longer matches.
        let file = alice.folder.patientFile(id)
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "Saved Name", with: "Hand Edited Name")
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let saved = try #require(patients(watch.poll()))
        #expect(saved.map(\.name) == ["Hand Edited Name"])
    }

    @Test func aFileRemovedByHandReloadsEverything() throws {
        var (clinic, state, watch) = try openClinic()
        let alice = clinic.alice
        let gone = demoClinic.charts[5].patient
        try FileManager.default.removeItem(atPath: alice.folder.patientFile(gone.id))
        // One poll may be a save half done (file renamed, journal line not yet appended).
        var event = watch.poll()
        if event == nil { event = watch.poll() }
        guard case .reloaded(let snapshot) = event else { Issue.record("expected a reload, got \(String(describing: event))"); return }
        #expect(snapshot.summaries.count == 11)
        // The screen's background thread posts only what differs from what it showed.
        let differences = SummaryCheck(from: state.summaries, to: snapshot)
        #expect(differences.removed == [gone.id] && differences.changed.isEmpty)
        #expect(differences.applied(to: state.summaries).sorted { $0.id < $1.id } == snapshot.summaries.sorted { $0.id < $1.id })
        var patched = state
        _ = Reducer.reduce(&patched, .filesChecked(differences))
        _ = Reducer.reduce(&state, .summariesChecked(snapshot))
        #expect(screen(patched) == screen(state))
        #expect(!screen(state).contains(gone.name))
        #expect(watch.poll() == nil, "the reload's own index rewrite is not reported again")
    }

    /// The screen's thread (`BackgroundLoad`) checks once, then polls with what it showed:
    /// a change the journal does not describe is every file compared with that, and only
    /// the differences come back; a rewritten index alone changes nothing shown.
    @Test func aCheckedWatchReportsOnlyWhatDiffersFromWhatItShowed() throws {
        let path = makeFolder(), otherPath = makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: otherPath) }
        let clock = Clock(Self.noon(testToday))
        let alice = store(path, "alice", clock: clock)
        try alice.saveClinic(demoClinicFile())
        try alice.createAll(demoClinic.charts)
        var watch = ClinicWatch(store: alice, followsClock: true)
        let unchecked = alice.readSummariesUnchecked()
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        _ = Reducer.reduce(&state, .filesChecked(watch.check(unchecked)))
        #expect(watch.pollChecked() == nil)

        // A colleague saves, and another screen folds the journal before this watch read
        // the line (the index rewritten): every file is compared, and only that save
        // differs.
        var loaded = try alice.loadPatient(demoClinic.charts[2].patient.id)
        loaded.chart.patient.name = "Saved Elsewhere"
        try alice.save(loaded.chart, over: loaded)
        _ = alice.loadSummaries(foldJournal: true)
        guard case .checked(let quiet) = watch.pollChecked() else { Issue.record("the rewritten index was not noticed"); return }
        #expect(quiet.changed.map(\.name) == ["Saved Elsewhere"] && quiet.removed.isEmpty, "only the save the fold swallowed")
        _ = Reducer.reduce(&state, .filesChecked(quiet))
        #expect(screen(state).contains("Saved Elsewhere"))

        // A file removed and one copied in by hand.
        let gone = demoClinic.charts[5].patient
        try FileManager.default.removeItem(atPath: alice.folder.patientFile(gone.id))
        var newcomer = demoClinic.charts[0]
        newcomer.patient.id = try PatientID("P-0099")
        newcomer.patient.name = "Copied In"
        try store(otherPath, "bob").create(newcomer)
        try FileManager.default.copyItem(atPath: store(otherPath, "bob").folder.patientFile(newcomer.patient.id), toPath: alice.folder.patientFile(newcomer.patient.id))
        var event = watch.pollChecked()
        if event == nil { event = watch.pollChecked() }
        guard case .checked(let found) = event else { Issue.record("expected a check, got \(String(describing: event))"); return }
        #expect(found.removed == [gone.id])
        #expect(found.changed.map(\.id) == [newcomer.patient.id])
        _ = Reducer.reduce(&state, .filesChecked(found))
        #expect(Set(state.summaries.map(\.id)) == Set(alice.patientFileIDs()))
        #expect(watch.pollChecked() == nil, "what was checked is not reported again")

        // Midnight: every summary judged again.
        clock.set(Self.noon(testToday.adding(days: 1)))
        guard case .newDay(_, let day) = watch.pollChecked() else { Issue.record("midnight was not noticed"); return }
        #expect(day.changed.count == state.summaries.count && day.changed.allSatisfy { $0.asOf == testToday.adding(days: 1) })
    }

    /// A colleague's clinic.json change reaches an open screen through the watch (issue
    /// 11/13): the header's name and the agenda's chairs follow with the selection kept,
    /// and an open settings form says so before saving, never putting back what they
    /// changed.
    @Test func aColleaguesClinicChangeReachesTheScreenAndTheSettingsForm() throws {
        let path = makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let alice = store(path, "alice")
        try alice.saveClinic(demoClinicFile())
        try alice.createAll(demoClinic.charts)
        var watch = ClinicWatch(store: alice, followsClock: false)
        let unchecked = alice.readSummariesUnchecked()
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        _ = Reducer.reduce(&state, .filesChecked(watch.check(unchecked)))
        press(&state, [.down, .down])
        let selected = selectedID(state)
        let opened = state.clinic
        #expect(watch.pollChecked() == nil)

        // bob renames the clinic and changes its chairs: what alice's screen shows follows.
        let bob = store(path, "bob")
        var theirs = try bob.loadClinic()
        theirs.name = "Renamed By Bob"
        theirs.calendar.chairsPerDay = opened.calendar.chairsPerDay + 2
        try bob.saveClinic(theirs)
        guard case .checked(let check) = watch.pollChecked() else { Issue.record("clinic.json's change was not noticed"); return }
        _ = Reducer.reduce(&state, .filesChecked(check))
        #expect(state.clinic == theirs)
        #expect(screen(state).contains("Renamed By Bob"))
        #expect(selectedID(state) == selected, "the selection stays on its patient")

        // A settings form with nothing typed starts again from their version.
        press(&state, [.char("C")])
        #expect(state.form?.kind == .clinicSettings)
        theirs.calendar.chairsPerDay += 1
        try bob.saveClinic(theirs)
        guard case .checked(let second) = watch.pollChecked() else { Issue.record("the second change was not noticed"); return }
        _ = Reducer.reduce(&state, .filesChecked(second))
        #expect(state.form?[.chairs].value == String(theirs.calendar.chairsPerDay))
        #expect(state.message?.text.contains("changed by someone else") == true)

        // Typed changes are kept on top of their next version, and the form says so: the
        // change it saves is only alice's (the name), not their chairs put back.
        type(&state, " East")
        #expect(state.form?.dirty == true)
        theirs.calendar.chairsPerDay += 1
        try bob.saveClinic(theirs)
        guard case .checked(let third) = watch.pollChecked() else { Issue.record("the third change was not noticed"); return }
        _ = Reducer.reduce(&state, .filesChecked(third))
        guard let form = state.form else { Issue.record("the form closed"); return }
        #expect(form.dirty && form[.clinicName].value == "Renamed By Bob East")
        #expect(form[.chairs].value == String(theirs.calendar.chairsPerDay))
        #expect(form.error?.contains("changed by someone else") == true)
        guard case .success(let change) = FormSubmission.clinicChange(form, clinic: state.clinic, today: state.today) else {
            Issue.record("the kept change does not save"); return
        }
        #expect(change.name == "Renamed By Bob East" && change.chairsPerDay == nil)
    }

    /// A clinic.json that stops loading under an open screen is said prominently, its
    /// defaults are never shown as the clinic's name, chairs or patients' rows, and `C`
    /// refuses naming the problem; once the file is fixed the screen recovers by itself.
    @Test func anUnreadClinicIsSaidAndTheScreenRecoversWhenItIsFixed() throws {
        let path = makeFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let alice = store(path, "alice")
        try alice.saveClinic(demoClinicFile())
        try alice.createAll(demoClinic.charts)
        var watch = ClinicWatch(store: alice, followsClock: false)
        let unchecked = alice.readSummariesUnchecked()
        var state = AppState(today: testToday, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
        _ = Reducer.reduce(&state, .summariesRead(unchecked.snapshot))
        _ = Reducer.reduce(&state, .filesChecked(watch.check(unchecked)))
        let name = state.clinic.name
        let firstName = try #require(state.summaries.first?.name)
        #expect(name != ClinicFile().name && screen(state).contains(name) && state.clinicProblem == nil)

        let file = alice.folder.clinicFile
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = String(decoding: good, as: UTF8.self)
        let broken = text.replacingOccurrences(of: "\"chairsPerDay\":[0-9]+", with: "\"chairsPerDay\":-5", options: .regularExpression)
        #expect(broken != text)
        try Data(broken.utf8).write(to: URL(fileURLWithPath: file))
        guard case .checked(let check) = watch.pollChecked() else { Issue.record("the broken clinic.json was not noticed"); return }
        _ = Reducer.reduce(&state, .filesChecked(check))
        var shown = screen(state)
        #expect(shown.contains("The clinic could not be read:") && shown.contains("chairsPerDay"), "\(shown)")
        #expect(!shown.contains(ClinicFile().name) && !shown.contains(name) && !shown.contains(firstName), "\(shown)")
        #expect(press(&state, [.enter]).isEmpty && state.screens.count == 1)
        #expect(state.message?.text.contains("cannot be opened or added while the clinic cannot be read") == true)
        press(&state, [.char("a")])
        shown = screen(state)
        #expect(shown.contains("chairs unknown") && !shown.contains("chairs booked"), "\(shown)")
        press(&state, [.char("C")])
        #expect(state.form == nil)
        #expect(state.message?.text.contains("clinic settings cannot be changed") == true && state.message?.text.contains("chairsPerDay") == true)

        // Fixed by hand: the next poll brings the clinic back, and C opens its settings.
        try good.write(to: URL(fileURLWithPath: file))
        guard case .checked(let fixed) = watch.pollChecked() else { Issue.record("the fixed clinic.json was not noticed"); return }
        _ = Reducer.reduce(&state, .filesChecked(fixed))
        #expect(state.clinicProblem == nil && state.clinic.name == name)
        shown = screen(state)
        #expect(shown.contains(name) && shown.contains("chairs booked") && !shown.contains("could not be read"), "\(shown)")
        press(&state, [.char("C")])
        #expect(state.form?.kind == .clinicSettings && state.form?[.clinicName].value == name)
        press(&state, [.escape, .escape])
        #expect(state.screens.count == 1)
        #expect(!press(&state, [.enter]).isEmpty && state.screens.count == 2, "a patient opens once the clinic loads")
    }

    @Test func anOpenChartFollowsAndAFormSaysSoBeforeSaving() throws {
        let id = "P-0003"
        var state = openedPatient(id)
        #expect(Reducer.reduce(&state, .patientsChanged([state.summaries.first { $0.id.rawValue == id }!])) == [.checkChart(pid(id))])
        var newer = storedChart(id)
        newer.revision = 2
        newer.savedBy = "bob"
        newer.chart.patient.name = "Bob's Spelling"
        // No form: the chart on screen is replaced, with a word on the status line.
        _ = Reducer.reduce(&state, .chartChanged(newer))
        #expect(state.stored(pid(id))?.revision == 2)
        #expect(screen(state).contains("Bob's Spelling") && screen(state).contains("saved by bob"))

        // A form with nothing typed is rebuilt from the newer version.
        press(&state, [.char("e")])
        #expect(state.form?.kind.patientID == pid(id))
        newer.revision = 3
        newer.chart.patient.name = "Third Name"
        _ = Reducer.reduce(&state, .chartChanged(newer))
        #expect(state.overlay == nil && state.form?[.name].value == "Third Name" && state.stored(pid(id))?.revision == 3)

        // Typed input: it asks before anything is saved; n keeps the form and says what
        // saving will do, and the chart kept is the one the form was opened on.
        type(&state, "x")
        #expect(state.form?.dirty == true)
        newer.revision = 4
        newer.chart.patient.name = "Fourth Name"
        _ = Reducer.reduce(&state, .chartChanged(newer))
        #expect(state.overlay == .confirm(.reloadChanged(newer)))
        #expect(screen(state).contains("was saved by bob"))
        press(&state, [.char("n")])
        #expect(state.overlay == nil && state.form?[.name].value == "Third Namex" && state.stored(pid(id))?.revision == 3)
        #expect(state.form?.error?.contains("saved by bob") == true)

        // y reloads: the form starts again from the newer version.
        newer.revision = 5
        newer.chart.patient.name = "Fifth Name"
        _ = Reducer.reduce(&state, .chartChanged(newer))
        press(&state, [.char("y")])
        #expect(state.overlay == nil && state.form?[.name].value == "Fifth Name" && state.stored(pid(id))?.revision == 5)
        #expect(state.form?.dirty == false)

        // The same revision again (our own save read back) changes nothing.
        let settled = state
        _ = Reducer.reduce(&state, .chartChanged(newer))
        #expect(state == settled)
    }

    @Test func midnightMovesTodayTheFlagsAndTheAgenda() throws {
        let clinic = try ClinicFixture()
        let alice = clinic.alice
        var watch = ClinicWatch(store: alice, followsClock: true)
        var state = clinic.emptyScreen()
        _ = Reducer.reduce(&state, .summariesLoaded(watch.reload()))
        // Someone has a session today, not yet given: overdue from tomorrow.
        let dueToday = state.summaries.filter { $0.isActive && $0.planned.contains(testToday) && !$0.given.contains(testToday) }
        try #require(!dueToday.isEmpty)
        let overdueBefore = state.index.overdue
        press(&state, [.char("a")])
        guard case .agenda(let agenda) = state.current else { Issue.record("no agenda"); return }
        #expect(agenda.day == testToday)
        #expect(watch.poll() == nil)

        let tomorrow = testToday.adding(days: 1)
        clinic.move(to: tomorrow)
        guard case .newDay(let day, let snapshot) = watch.poll() else { Issue.record("midnight was not noticed"); return }
        #expect(day == tomorrow)
        #expect(snapshot.summaries.allSatisfy { $0.asOf == tomorrow }, "every summary judged again for the new day")
        _ = Reducer.reduce(&state, .dayChanged(day))
        // Every summary judged again: the differences the background thread posts name
        // every patient, and applying them gives the clinic the full reload gives.
        let differences = SummaryCheck(from: state.summaries, to: snapshot)
        #expect(differences.changed.count == snapshot.summaries.count && differences.removed.isEmpty)
        var patched = state
        _ = Reducer.reduce(&patched, .filesChecked(differences))
        _ = Reducer.reduce(&state, .summariesChecked(snapshot))
        #expect(patched.index.bookings == state.index.bookings && patched.index.byDay.count == state.index.byDay.count)
        #expect(patched.index.overdue == state.index.overdue && patched.index.dueWithinWeek == state.index.dueWithinWeek)
        #expect(screen(patched) == screen(state))
        #expect(state.today == tomorrow)
        guard case .agenda(let moved) = state.current else { Issue.record("no agenda"); return }
        #expect(moved.day == tomorrow, "the agenda that showed today shows the new today")
        #expect(state.index.overdue == ClinicIndex(summaries: snapshot.summaries, today: tomorrow).overdue)
        #expect(state.index.overdue > overdueBefore, "a session left ungiven yesterday is overdue")
        #expect(screen(state).contains(tomorrow.iso) || screen(state).contains("It is now"))
        #expect(watch.poll() == nil, "the day is noticed once")

        // A screen whose day is fixed (--today) never moves.
        var fixed = ClinicWatch(store: alice, followsClock: false)
        _ = fixed.reload()
        clinic.move(to: tomorrow.adding(days: 1))
        #expect(fixed.poll() == nil)
    }
}

extension ClinicWatch.Event: Equatable {
    public static func == (a: ClinicWatch.Event, b: ClinicWatch.Event) -> Bool {
        switch (a, b) {
        case (.patients(let x), .patients(let y)): return x == y
        case (.reloaded(let x), .reloaded(let y)): return x == y
        case (.newDay(let d, let x), .newDay(let e, let y)): return d == e && x == y
        default: return false
        }
    }
}

extension ClinicWatch.KnownEvent: Equatable {
    public static func == (a: ClinicWatch.KnownEvent, b: ClinicWatch.KnownEvent) -> Bool {
        switch (a, b) {
        case (.patients(let x), .patients(let y)): return x == y
        case (.checked(let x), .checked(let y)): return x == y
        case (.newDay(let d, let x), .newDay(let e, let y)): return d == e && x == y
        default: return false
        }
    }
}
