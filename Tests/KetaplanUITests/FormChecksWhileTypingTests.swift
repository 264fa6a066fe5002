import Testing
import KetaplanEngine
@testable import KetaplanUI

/// The forms check while typing what saving checks, in the same words: minutes monitored
/// and CADSS (the engine's record checks), a maintenance policy's syntax, a date of birth
/// after today. Each is refused with its message, and the corrected value then passes.
@Suite struct FormChecksWhileTypingTests {
    static let sizes = [(60, 18), (80, 24), (160, 48)]

    func focus(_ state: inout AppState, _ key: FormKey) {
        guard let i = state.form?.fields.firstIndex(where: { $0.key == key }) else { Issue.record("no \(key) field"); return }
        while let f = state.form, f.focus != i { press(&state, [.tab]) }
    }

    func problem(_ state: AppState, _ key: FormKey) -> String? {
        guard let f = state.form, let i = f.fields.firstIndex(where: { $0.key == key }) else { return nil }
        return f.preview?.problems[safe: i] ?? nil
    }

    /// A reading typed with a space after it passes the check and is the reading saved
    /// (it was checked trimmed and then read untrimmed, so it was dropped).
    @Test func aBloodPressureWithASpaceAfterItIsSaved() throws {
        var state = openedPatient("P-0006")
        press(&state, [.char("r")])
        focus(&state, .bpBefore)
        type(&state, "128/82 ")
        #expect(problem(state, .bpBefore) == nil)
        let effects = press(&state, [.enter])
        let saved = effects.compactMap { effect -> SessionRecord? in
            guard case .save(_, _, .edit(.record(_, let outcome), _, _)) = effect else { return nil }
            return outcome.record
        }
        #expect(saved.map(\.bpBefore) == [try BloodPressure(text: "128/82")])
    }

    @Test func minutesMonitoredAndCADSSSayTheEnginesWordsWhileTyping() {
        var state = openedPatient("P-0006")
        press(&state, [.char("r")])
        focus(&state, .monitored)
        press(&state, [.ctrl("u")])
        type(&state, "2000")
        let engine = SessionRecord.minutesMonitoredProblem(2000)
        #expect(engine == "minutes monitored 2000 is not plausible: enter 0-1440")
        #expect(problem(state, .monitored) == engine)
        #expect(Renderer.render(state).lines.joined().contains("minutes monitored 2000 is not plausible"))
        // Saving says the same words, and saves nothing.
        #expect(press(&state, [.enter]).isEmpty)
        // Named once: the engine's words already name the field.
        #expect(state.form?.error == "Minutes monitored 2000 is not plausible: enter 0-1440")
        // Corrected, the check passes.
        press(&state, [.backspace, .backspace, .backspace])
        type(&state, "20")
        #expect(state.form?[.monitored].value == "220")
        #expect(problem(state, .monitored) == nil)
        focus(&state, .cadss)
        type(&state, "93")
        #expect(problem(state, .cadss) == SessionRecord.cadssProblem(93))
        press(&state, [.backspace])
        #expect(problem(state, .cadss) == nil)
    }

    @Test func aBirthDateAfterTodayIsSaidWhileTyping() throws {
        var state = makeState()
        press(&state, [.char("n")])
        focus(&state, .birth)
        type(&state, "tomorrow")
        let expected: String
        do { try Patient.checkBirth(testToday.adding(days: 1), today: testToday); expected = "" } catch { expected = error.description }
        #expect(problem(state, .birth) == expected)
        #expect(expected.contains("is after today"))
        // The name is still empty: the birth date is checked all the same.
        #expect(state.form?[.name].value == "")
        press(&state, [.ctrl("u")])
        type(&state, "1980-04-12")
        #expect(problem(state, .birth) == nil)
    }

    @Test func aMaintenancePolicysSyntaxIsCheckedWhileTyping() {
        // A patient whose plan has nothing recorded yet (a new plan can replace it).
        guard let chart = demoClinic.charts.first(where: { $0.plan?.sessions.allSatisfy { $0.status == .planned } ?? true }) else {
            Issue.record("no demo patient without recorded sessions"); return
        }
        var state = openedPatient(chart.patient.id.rawValue)
        press(&state, [.char("n")])
        guard state.form != nil else { Issue.record("no new plan form: \(state.message?.text ?? "")"); return }
        focus(&state, .maintenance)
        type(&state, "every banana")
        var expected = ""
        do { _ = try MaintenancePolicy(text: "every banana") } catch { expected = error.description }
        #expect(!expected.isEmpty)
        #expect(problem(state, .maintenance) == expected)
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.form?.error == "Maintenance: " + expected)
        press(&state, [.ctrl("u")])
        #expect(problem(state, .maintenance) == nil)
    }

    @Test(arguments: sizes) func theRecordFormShowsTheCheckBesideTheField(size: (Int, Int)) {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        press(&state, [.char("r")])
        focus(&state, .monitored)
        press(&state, [.ctrl("u")])
        type(&state, "2000")
        assertSnapshot(state, "form-check-monitored")
    }
    /// A score dated tomorrow is refused while typing, in the words `score add --date` uses
    /// (Assessment.checkDate); today then passes and saves.
    @Test func aScoreDatedAfterTodaySaysSoWhileTyping() {
        var state = openedPatient("P-0006")
        press(&state, [.char("s")])
        focus(&state, .date)
        press(&state, [.ctrl("u")])
        type(&state, "tomorrow")
        let tomorrow = testToday.adding(days: 1)
        #expect(problem(state, .date) == "\(tomorrow) is after today; scores are recorded on or after the day they are taken")
        #expect(press(&state, [.enter]).isEmpty)
        press(&state, [.ctrl("u")])
        type(&state, "today")
        #expect(problem(state, .date) == nil)
        focus(&state, .score)
        type(&state, "12")
        #expect(press(&state, [.enter]).contains { if case .save = $0 { true } else { false } })
    }
}
