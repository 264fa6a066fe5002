import Foundation
import Testing
import KetaplanEngine
import KetaplanStore
import KetaplanText
import KetaplanPrint
@testable import KetaplanUI

@Suite struct ReducerTests {
    func opened(_ id: String, width: Int = 100, height: Int = 30) -> AppState {
        var state = makeState(width: width, height: height)
        guard case .overview(let o) = state.current, let row = o.visible.firstIndex(where: { state.summaries[$0].id.rawValue == id }) else { return state }
        press(&state, [.home] + Array(repeating: Key.down, count: row) + [.enter])
        return state
    }

    /// The first planned session on or after today, selected when a patient opens.
    func nextPlanned(_ state: AppState) -> (Int, Session) {
        guard case .patient(let p) = state.current, let plan = p.stored?.chart.plan else { fatalError("no patient open") }
        return (p.selected, plan.sessions[p.selected])
    }

    @Test func enterOpensThePatientAtTheNextSession() {
        let state = opened("P-0006")
        guard case .patient(let p) = state.current else { Issue.record("not on the patient screen"); return }
        #expect(p.id == pid("P-0006"))
        let (_, session) = nextPlanned(state)
        #expect(session.status == .planned && session.date >= testToday)
        #expect(Renderer.render(state).lines[1].contains("Max Mustermann (P-0006)"))
    }

    @Test func recordingASessionSavesThroughTheEngineAndCanBeUndone() throws {
        var state = opened("P-0005")
        let (index, session) = nextPlanned(state)
        press(&state, [.char("r"), .tab, .tab])
        type(&state, "128/82")
        let effects = press(&state, [.enter])
        guard case .save(let chart, let over, let intent) = effects.first, case .edit(_, _, let summary) = intent else {
            Issue.record("expected a save, got \(effects)")
            return
        }
        #expect(over == storedChart("P-0005"))
        let saved = try #require(chart.plan?.session(session.id))
        #expect(saved.status == .given)
        #expect(saved.record?.bpBefore?.description == "128/82")
        #expect(saved.record?.doseGivenMg == session.plannedDoseMg)
        #expect(summary.hasPrefix("session \(index + 1) \(session.date) given"))
        #expect(effects.contains(.keepDraft(nil)))
        #expect(state.saving)

        // The store answers; the table shows the session given and undo is offered.
        let stored = StoredChart(chart: chart, revision: 2, savedBy: "test", savedAt: "now")
        _ = Reducer.reduce(&state, .saved(stored, intent))
        #expect(!state.saving)
        #expect(state.message?.kind == .success)
        #expect(Renderer.render(state).lines.contains { $0.contains(session.date.iso) && $0.contains("given") && $0.contains("128/82") })
        let undo = press(&state, [.char("u")])
        guard case .replace(let id, let expected, let with, .undo(let entry)) = undo.first else {
            Issue.record("expected an undo, got \(undo)")
            return
        }
        #expect(id == pid("P-0005") && expected == chart && with == storedChart(pid("P-0005")).chart)
        #expect(entry.summary.hasPrefix("session") == true)
    }

    /// `d` on a planned session opens the titration form; saving asks the engine and
    /// stores the step; an off-label dose is refused with the engine's message.
    @Test func titrationFromTheScreen() throws {
        var state = opened("P-0006")
        let (index, session) = nextPlanned(state)
        press(&state, [.char("d")])
        guard case .form(let f) = state.current, case .titrate(pid("P-0006"), session.id) = f.kind else { Issue.record("no titration form"); return }
        #expect(f[.mg].value == "56")
        press(&state, Array(repeating: Key.backspace, count: 2))
        type(&state, "70")
        let refused = press(&state, [.enter])
        #expect(!refused.contains { if case .save = $0 { return true } else { return false } })
        #expect(Renderer.render(state).lines.joined().contains("dose 70 mg is not allowed"))
        press(&state, [.backspace, .backspace])
        type(&state, "84")
        let effects = press(&state, [.enter])
        guard case .save(let chart, _, .edit(_, _, let summary)) = effects.first else { Issue.record("expected a save, got \(effects)"); return }
        #expect(chart.plan?.doseSteps.last?.amount == .mg(84))
        #expect(chart.plan?.sessions.filter { $0.status == .planned }.allSatisfy { $0.plannedDoseMg == 84 } == true)
        #expect(summary.hasPrefix("dose 84 mg from session \(index + 1)"))
    }

    /// The patient form takes the mood stabiliser as a choice: text naming none is
    /// refused with the accepted list; a listed name (any case) or other:NAME is saved.
    @Test func thePatientFormTakesTheMoodStabiliserAsAChoice() throws {
        let chart = storedChart("P-0006").chart
        var form = FormBuilder.patient(chart.patient, today: testToday)
        let i = try #require(form.fields.firstIndex { $0.key == .moodStabiliser })
        form.fields[i].value = "declined"
        guard case .failure(let error) = FormSubmission.outcome(form, chart: chart, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }) else {
            Issue.record("'declined' was accepted"); return
        }
        #expect(error.message.contains("Mood stabiliser: 'declined' is not accepted; use lithium, valproate"))
        form.fields[i].value = "Lithium"
        guard case .success(.edit(_, .editPatient(let patient))) = FormSubmission.outcome(form, chart: chart, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }) else {
            Issue.record("no edit"); return
        }
        #expect(patient.moodStabiliser == "lithium" && patient.hasMoodStabiliser)
    }

    /// The patient form sets the primary scale (empty: the condition's default), and the
    /// engine then tracks response on it first.
    @Test func thePatientFormSetsThePrimaryScale() throws {
        let chart = storedChart("P-0006").chart
        var form = FormBuilder.patient(chart.patient, today: testToday)
        let i = try #require(form.fields.firstIndex { $0.key == .primaryScale })
        #expect(form.fields[i].value == "")
        form.fields[i].value = "madrs"
        guard case .success(.edit(_, let edit)) = FormSubmission.outcome(form, chart: chart, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }),
              case .editPatient(let patient) = edit else { Issue.record("no edit"); return }
        #expect(patient.primaryScale == .madrs && patient.primaryInstrument == .madrs)
        #expect(FormBuilder.addScore(PatientChart(patient: patient))[.instrument].value == "madrs")
        form.fields[i].value = ""
        guard case .success(.edit(_, .editPatient(let back))) = FormSubmission.outcome(form, chart: chart, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }) else {
            Issue.record("no edit"); return
        }
        #expect(back.primaryScale == nil && back.primaryInstrument == .phq9)
    }

    @Test func aMissedSessionShowsWhichDatesWillMoveBeforeSaving() {
        var state = opened("P-0004")
        press(&state, [.char("r")])
        press(&state, [.char("m")])   // "m" picks "missed" in the outcome field
        guard case .form(let f) = state.current else { Issue.record("no form"); return }
        #expect(f[.status].value == "missed")
        let lines = Renderer.render(state).lines
        #expect(lines.contains { $0.contains("On saving, these dates change:") })
        #expect(lines.contains { $0.contains(" -> ") })
    }

    @Test func invalidInputCannotBeSavedAndSaysWhy() {
        var state = opened("P-0006")
        press(&state, [.char("s"), .tab, .tab])
        type(&state, "40")
        let lines = Renderer.render(state).lines
        #expect(lines.contains { $0.contains("! 40 is outside 0-27") })
        let effects = press(&state, [.enter])
        #expect(effects.isEmpty)
        guard case .form(let f) = state.current else { Issue.record("the form closed"); return }
        #expect(f.error == "Score: 40 is outside 0-27")
        // The date field takes relative dates.
        press(&state, [.backTab])
        press(&state, Array(repeating: Key.backspace, count: 5))
        type(&state, "+2w")
        #expect(Renderer.render(state).lines.contains { $0.contains("+2w") })
        press(&state, [.tab])
        press(&state, [.backspace, .backspace])
        type(&state, "9")
        #expect(press(&state, [.enter]).isEmpty)
        guard case .form(let f2) = state.current else { Issue.record("the form closed"); return }
        #expect(f2.error?.contains("after today") == true)
    }

    @Test func aConflictOffersReloadAndReappliesTheChange() throws {
        var state = opened("P-0006")
        press(&state, [.char("s"), .tab, .tab])
        type(&state, "9")
        let effects = press(&state, [.enter])
        guard case .save(_, _, let intent) = effects.first else { Issue.record("no save"); return }
        let conflict = StoreError.conflict(patient: try PatientID("P-0006"), savedBy: "bob", savedAt: "2026-11-26T09:00:00Z")
        _ = Reducer.reduce(&state, .saveFailed(conflict, intent))
        guard case .confirm(.reloadAfterConflict) = state.overlay else { Issue.record("no conflict question"); return }
        #expect(Renderer.render(state).lines.joined().contains("changed by bob"))
        // Bob's version has a note; the reload brings it, and the score is applied on top.
        var bobs = storedChart("P-0006")
        bobs.chart.patient.notes = "bob was here"
        bobs.revision = 2
        let reload = Reducer.reduce(&state, .key(.char("y")))
        #expect(reload == [.loadChart(pid("P-0006"))])
        let again = Reducer.reduce(&state, .chartLoaded(bobs))
        guard case .save(let chart, let over, _) = again.first else { Issue.record("not saved again: \(again)"); return }
        #expect(over?.revision == 2)
        #expect(chart.patient.notes == "bob was here")
        #expect(chart.assessments.contains { $0.score == 9 && $0.date == testToday })
    }

    @Test func filterNarrowsAsYouType() {
        var state = makeState()
        press(&state, [.char("/")])
        type(&state, "p-001")
        guard case .overview(let o) = state.current else { return }
        #expect(o.visible.map { state.summaries[$0].id.rawValue }.sorted() == ["P-0010", "P-0011", "P-0012"])
        press(&state, [.escape])
        guard case .overview(let cleared) = state.current else { return }
        #expect(cleared.visible.count == 12)
        #expect(!cleared.filtering)
    }

    @Test func backspaceWidensTheFilterAgain() {
        var state = makeState()
        press(&state, [.char("/")])
        type(&state, "m")
        guard case .overview(let m) = state.current else { return }
        type(&state, "u")
        guard case .overview(let mu) = state.current else { return }
        #expect(mu.visible.count < m.visible.count)
        #expect(mu.visible.allSatisfy { state.summaries[$0].name.lowercased().contains("mu") || state.summaries[$0].id.rawValue.lowercased().contains("mu") })
        press(&state, [.backspace])
        guard case .overview(let back) = state.current else { return }
        #expect(back.visible == m.visible)
        #expect(back.filter == "m")
        press(&state, [.backspace])
        guard case .overview(let all) = state.current else { return }
        #expect(all.visible.count == 12)
        // Typing after a widening narrows from the right rows again.
        type(&state, "zo")
        guard case .overview(let zo) = state.current else { return }
        #expect(zo.visible.map { state.summaries[$0].name } == ["Zoë Exemplar"])
    }

    @Test func quittingWithUnsavedInputAsksFirst() {
        var state = makeState()
        press(&state, [.char("n")])
        type(&state, "Zo")
        #expect(press(&state, [.escape]).isEmpty)
        #expect(state.overlay == .confirm(.discardForm))
        press(&state, [.char("n")])
        #expect(state.overlay == nil)
        #expect(state.form != nil)
        press(&state, [.escape, .char("y")])
        #expect(state.form == nil)
        #expect(press(&state, [.char("q")]) == [.quit])
        #expect(state.quit)
    }

    @Test func resizeReflowsAndSmallTerminalsSayHowBig() {
        var state = makeState()
        _ = Reducer.reduce(&state, .resize(width: 40, height: 12))
        let small = Renderer.render(state).lines.joined(separator: "\n")
        #expect(small.contains("enlarge the terminal to at least 60×18"))
        #expect(press(&state, [.enter]).isEmpty)
        _ = Reducer.reduce(&state, .resize(width: 120, height: 40))
        #expect(Renderer.render(state).lines[0].count > 100)
    }

    @Test func wideNamesLineUp() {
        let state = makeState(width: 100, height: 30)
        let lines = Renderer.render(state).lines.filter { $0.contains("P-00") }
        #expect(lines.contains { $0.contains("张三") || $0.contains("山田") })
        // The protocol column starts at the same cell on every row, CJK names or not.
        let starts = lines.compactMap { line -> Int? in
            guard let r = line.range(of: "esketamine-") ?? line.range(of: "iv-ketamine") ?? line.range(of: "im-ketamine") else { return nil }
            return String(line[..<r.lowerBound]).displayWidth
        }
        #expect(starts.count == lines.count)
        #expect(Set(starts).count == 1, "\(starts)")
    }

    @Test func recoveredDraftsReopenTheirForm() {
        var state = makeState()
        let draft = FormDraft(kind: .addScore(pid("P-0006")), values: [(.instrument, "phq9"), (.date, "today"), (.score, "11"), (.note, "by phone")])
        _ = Reducer.reduce(&state, .recoveryFound(draft, savedAt: "2026-11-26T08:00:00Z"))
        let effects = press(&state, [.char("y")])
        #expect(effects.contains(.keepDraft(nil)))
        guard case .form(let f) = state.current else { Issue.record("no form"); return }
        #expect(f.kind == .addScore(pid("P-0006")))
        #expect(f[.score].value == "11")
        #expect(f[.note].value == "by phone")
        #expect(f.fields.count == 6)
    }

    @Test func printPreviewPrintsAndSavesWhatItShows() {
        var state = opened("P-0006")
        state.exportFolder = "/data/exports"
        #expect(press(&state, [.char("p")]) == [.findPrinter(clinic: nil)])
        guard case .preview(let p) = state.current else { Issue.record("no preview"); return }
        let text = Reducer.previewText(state, p)!
        #expect(text.contains("PLAN SUMMARY") || text.contains("plan summary"))
        // h and l move (elsewhere); in the preview they print nothing.
        #expect(press(&state, [.char("l"), .char("h")]).isEmpty)
        #expect(state.overlay == nil)
        // No printer known yet: nothing to confirm.
        #expect(press(&state, [.char("p")]).isEmpty)
        #expect(state.overlay == nil)
        // CUPS has none: p says why and asks again.
        _ = Reducer.reduce(&state, .printerFound(.unavailable("no printer chosen and CUPS has no default printer.")))
        #expect(press(&state, [.char("p")]) == [.findPrinter(clinic: nil)])
        #expect(state.message?.text.contains("no printer chosen") == true)
        // A printer: p asks first, naming printer and paper; n prints nothing, y prints.
        let choice = PrinterChoice(name: try! PrinterName("front-desk"), source: .cupsDefault)
        _ = Reducer.reduce(&state, .printerFound(.ready(choice)))
        #expect(Renderer.render(state).lines[1].contains("printer: front-desk · paper: default"))
        #expect(press(&state, [.char("p")]).isEmpty)
        guard case .confirm(.print(let request)) = state.overlay else { Issue.record("no question"); return }
        #expect(request == PrintRequest(text: text, setup: .summary(paper: nil), printer: choice, title: "P-0006 plan summary"))
        #expect(Renderer.render(state).lines.contains { $0.contains("on front-desk (CUPS's default printer)") })
        #expect(press(&state, [.char("n")]).isEmpty)
        #expect(state.overlay == nil)
        #expect(press(&state, [.char("p"), .char("y")]) == [.printText(request)])
        _ = Reducer.reduce(&state, .outputDone(Message(.success, "Printed on front-desk: job front-desk-7.")))
        #expect(Renderer.render(state).lines.contains { $0.contains("job front-desk-7") })
        press(&state, [.char("w")])
        guard case .form(let f) = state.current else { Issue.record("no save form"); return }
        #expect(f[.path].value == "/data/exports/P-0006-summary-2026-11-26.txt")
        let effects = press(&state, [.enter])
        #expect(effects == [.writeFile(path: "/data/exports/P-0006-summary-2026-11-26.txt", contents: text)])
        _ = Reducer.reduce(&state, .outputDone(Message(.success, "Saved /data/exports/P-0006-summary-2026-11-26.txt")))
        #expect(Renderer.render(state).lines.contains { $0.contains("OK Saved /data/exports/P-0006-summary") })
        // The handout.
        press(&state, [.char("t")])
        guard case .preview(let h) = state.current else { Issue.record("no preview"); return }
        #expect(Reducer.previewText(state, h)!.contains("Your treatment dates"))
    }

    @Test func exportProposesAFileForTheChosenFormat() {
        var state = opened("P-0006")
        state.exportFolder = "/data/exports"
        press(&state, [.char("x")])
        guard case .form(let f) = state.current else { Issue.record("no export form"); return }
        #expect(f[.path].value == "/data/exports/P-0006.ics")
        press(&state, [.right, .right])
        guard case .form(let g) = state.current else { return }
        #expect(g[.format].value == "fhir")
        #expect(g[.path].value == "/data/exports/P-0006.json")
        let effects = press(&state, [.enter])
        guard case .writeFile(let path, let contents) = effects.first else { Issue.record("nothing written: \(effects)"); return }
        #expect(path == "/data/exports/P-0006.json")
        #expect(contents.contains("\"resourceType\" : \"Bundle\""))
    }

    @Test func aClinicianReviewLetsSchedulingResume() throws {
        var state = opened("P-0006")
        // A positive C-SSRS screen today stops automatic scheduling.
        press(&state, [.char("s")])
        press(&state, [.left, .left])   // phq9 -> ymrs -> cssrs
        guard case .form(let f) = state.current, f[.instrument].value == "cssrs" else { Issue.record("instrument not cssrs"); return }
        press(&state, [.tab, .tab])
        type(&state, "4")
        guard case .save(let chart, _, let intent) = press(&state, [.enter]).first else { Issue.record("no save"); return }
        _ = Reducer.reduce(&state, .saved(StoredChart(chart: chart, revision: 2, savedBy: "t", savedAt: "now"), intent))
        press(&state, [.tab, .tab, .tab])
        #expect(Renderer.render(state).lines.joined().contains("positive C-SSRS screen"))
        press(&state, [.backTab, .backTab, .backTab, .char("a")])
        guard case .form(let review) = state.current else { Issue.record("no review form"); return }
        #expect(review[.what].value == "suicide-screen")
        type(&state, "")
        press(&state, [.tab])
        type(&state, "seen today; safety plan agreed")
        guard case .save(let reviewed, _, .edit(_, _, let summary)) = press(&state, [.enter]).first else { Issue.record("no save"); return }
        #expect(reviewed.reviews.last?.kind == .positiveSuicideScreen)
        #expect(reviewed.reviews.last?.note == "seen today; safety plan agreed")
        #expect(summary == "review recorded: suicide-screen")
    }

    @Test func nothingToReviewSaysSo() {
        var state = opened("P-0001")
        let warnings = SafetyChecker(context: state.context(for: pid("P-0001"))).warnings(for: state.stored(pid("P-0001"))!.chart)
        if warnings.contains(where: { ReviewKind(answering: $0.code) != nil }) { return }
        press(&state, [.char("a")])
        #expect(state.form == nil)
        #expect(state.message?.text == "Nothing waits for a clinician's review.")
    }

    @Test func aRecoveredFormWhosePatientCannotLoadIsClosedWithTheReason() {
        var state = makeState()
        let draft = FormDraft(kind: .addScore(pid("P-0099")), values: [(.score, "11")])
        _ = Reducer.reduce(&state, .recoveryFound(draft, savedAt: "2026-11-26T08:00:00Z"))
        let effects = Reducer.reduce(&state, .key(.char("y")))
        #expect(effects.contains(.loadChart(pid("P-0099"))))
        _ = Reducer.reduce(&state, .chartFailed(id: pid("P-0099"), message: "no patient 'P-0099' in this data folder"))
        #expect(state.current.kind == .overview)
        #expect(state.message?.text.contains("no patient 'P-0099'") == true)
        #expect(Reducer.reduce(&state, .key(.down)).isEmpty)
    }

    @Test func datesTypedInWords() {
        #expect(DateInput.parse("today", today: testToday) == .success(testToday))
        #expect(DateInput.parse("tomorrow", today: testToday) == .success(testToday.adding(days: 1)))
        #expect(DateInput.parse("+3d", today: testToday) == .success(testToday.adding(days: 3)))
        #expect(DateInput.parse("+2w", today: testToday) == .success(testToday.adding(days: 14)))
        #expect(DateInput.parse("2026-12-01", today: testToday) == .success(try! CalendarDay(iso: "2026-12-01")))
        guard case .failure(let e) = DateInput.parse("next week", today: testToday) else { Issue.record("accepted"); return }
        #expect(e.description == "'next week' is not a date: use YYYY-MM-DD, today, tomorrow, +3d or +2w")
        guard case .failure(let e2) = DateInput.parse("2026-02-30", today: testToday) else { Issue.record("accepted"); return }
        #expect(e2.description.contains("not a real calendar day"))
    }
}


/// Issue #10 item 8: the screen asks before an export replaces a file.
@Suite struct ReplaceFileTests {
    @Test func anExistingFileIsReplacedOnlyAfterYes() {
        var state = makeState()
        _ = Reducer.reduce(&state, .fileExists(path: "/tmp/x.ics", contents: "BEGIN"))
        #expect(state.overlay == .confirm(.replaceFile(path: "/tmp/x.ics", contents: "BEGIN")))
        #expect(press(&state, [.char("n")]).isEmpty)
        #expect(state.message?.text.contains("Nothing was written") == true)
        _ = Reducer.reduce(&state, .fileExists(path: "/tmp/x.ics", contents: "BEGIN"))
        #expect(press(&state, [.char("y")]) == [.replaceFile(path: "/tmp/x.ics", contents: "BEGIN")])
    }
}

/// Issue #10 item 5: nothing a name holds reaches the terminal as a control character.
@Suite struct ScreenControlCharacterTests {
    @Test func controlCharactersAreDrawnVisibly() {
        var buffer = ScreenBuffer(width: 40, height: 1)
        buffer.put("A\u{1B}]0;pwned\u{07}\u{1B}[2J\rX\u{9B}", x: 0, y: 0)
        let row = (0..<40).map { buffer[$0, 0].text }.joined()
        #expect(row.hasPrefix("A^[]0;pwned^G^[[2J^MX<9B>"), "\(row.debugDescription)")
        #expect(!row.unicodeScalars.contains { ControlCharacters.isControl($0) })
    }

    @Test func theNameFieldRefusesControlCharacters() {
        let state = makeState()
        var form = FormBuilder.patient(nil, today: state.today)
        form.fields[0].value = "Evil\u{1B}[2J"
        #expect(form.fields[0].problem(today: state.today)?.contains("control character ^[") == true)
        form.fields[0].value = "Zoë Exemplar"
        #expect(form.fields[0].problem(today: state.today) == nil)
    }
}
