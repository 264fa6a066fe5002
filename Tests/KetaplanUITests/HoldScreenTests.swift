import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// Holds on the screen: the overview's letter, the patient banner with what lifts the
/// hold, the agenda's marks, and the record form's live blood pressure checks.
@Suite struct HoldScreenTests {
    func opened(_ id: String, width: Int = 100, height: Int = 30) -> AppState {
        var state = makeState(width: width, height: height)
        guard case .overview(let o) = state.current, let row = o.visible.firstIndex(where: { state.summaries[$0].id.rawValue == id }) else { return state }
        press(&state, [.home] + Array(repeating: Key.down, count: row) + [.enter])
        return state
    }

    /// P-0004 in the demo clinic starts today with its screening incomplete: its first
    /// dose is on hold.
    @Test func aHeldPatientShowsTheHoldAndHowToLiftIt() {
        var state = makeState()
        let overview = Renderer.render(state).lines
        let row = overview.first { $0.contains("P-0004") } ?? ""
        #expect(row.hasPrefix("  H "), "the overview flags the held patient with a letter: \(row)")
        #expect(overview.contains { $0.contains("H on hold") })
        press(&state, [.char("a")])
        #expect(Renderer.render(state).lines.contains { $0.contains("P-0004") && $0.contains("ON HOLD") })
        press(&state, [.escape])
        state = opened("P-0004")
        let lines = Renderer.render(state).lines
        #expect(lines[3].contains("ON HOLD (screening incomplete) since"))
        #expect(lines.contains { $0.hasPrefix(" To lift: answer every item: `ketaplan screening set P-0004 psychosis") })
        #expect(lines.contains { $0.contains("2026-11-26") && $0.contains("ON HOLD") })
        // Recording the held session as given is refused, naming the hold.
        press(&state, [.char("r"), .tab, .tab])
        type(&state, "128/82")
        #expect(Renderer.render(state).lines.contains { $0.contains("! The engine will refuse this: session 1 cannot be recorded as given") })
        guard case .form(let f) = state.current else { Issue.record("no form"); return }
        let refusal = Reducer.formPreview(state, f).lines.map(\.text).joined()
        #expect(refusal.contains("on hold (screening incomplete)"))
        #expect(refusal.contains("To lift: answer every item"))
        #expect(press(&state, [.enter]).allSatisfy { if case .save = $0 { false } else { true } })
    }

    /// Clinical text is wrapped, never cut, and nothing is drawn over it (the position
    /// counter "1/N" once overwrote the banner's first line at 120 columns).
    @Test func theBannerWrapsTheHoldInFullAt120Columns() throws {
        var state = opened("P-0004", width: 120, height: 30)
        let chart = storedChart("P-0004").chart
        let hold = try #require(HoldChecker(context: state.context(for: pid("P-0004"))).holds(for: chart).first)
        let lines = Renderer.render(state).lines
        let bannerEnd = try #require(lines.firstIndex { $0.contains("Sessions") && $0.contains("Calendar") })
        let words: (String) -> String = { $0.split(separator: " ").joined(separator: " ") }
        let banner = words(lines[3..<bannerEnd].joined(separator: " "))
        #expect(banner.contains(words(hold.message)), "the whole message: \(banner)")
        #expect(banner.contains(words(hold.howToLift)), "the whole way to lift it: \(banner)")
        #expect(!lines[3].contains("1/"))
        // A long hold (positive screen on a plan with many sessions) wraps too.
        press(&state, [.escape])
        state = opened("P-0006", width: 120, height: 30)
        #expect(Renderer.render(state).lines.allSatisfy { $0.count <= 120 })
    }

    @Test func aHeldBannerAt160Columns() {
        let state = opened("P-0004", width: 160, height: 48)
        assertSnapshot(state, "patient-held")
    }

    /// The record form shows the post-dose checks as the readings are typed, in the words
    /// the saved chart's warnings use.
    @Test func theRecordFormChecksBloodPressureAsYouType() throws {
        var state = opened("P-0006")
        // On the day of the patient's next session (esketamine every 7 or 14 days: not today).
        state.today = try #require(storedChart("P-0006").chart.plan?.nextPlanned(onOrAfter: testToday)).date
        press(&state, [.char("r"), .tab, .tab])
        type(&state, "130/80")
        press(&state, [.tab])
        type(&state, "185/110")
        var lines = Renderer.render(state).lines.joined(separator: "\n")
        #expect(lines.contains("!! 40-minute BP 185/110 is at or above 180/110 (hypertensive urgency)"))
        #expect(lines.contains("! systolic rose 55 mmHg from the pre-dose 130/80 to 185/110"))
        press(&state, [.tab])
        type(&state, "165/105")
        lines = Renderer.render(state).lines.joined(separator: "\n")
        #expect(lines.contains("!! discharge BP 165/105 is still above 140/90: not ready for discharge: keep monitoring"))
        let before = state
        guard case .save(let chart, _, _) = press(&state, [.enter]).first else { Issue.record("no save"); return }
        let session = try #require(chart.plan?.sessions.first { $0.record?.bpAtDischarge?.description == "165/105" })
        let saved = SafetyChecker(context: state.context(for: pid("P-0006"))).warnings(for: chart).filter { $0.sessionID == session.id }.map(\.message)
        let record = try #require(session.record)
        guard case .form(let f) = before.current else { Issue.record("no form"); return }
        let live = Reducer.formPreview(before, f).lines.map(\.text)
        for w in SafetyChecker(context: state.context(for: pid("P-0006"))).bloodPressureAfterDosing(record, route: .intranasalEsketamine) {
            #expect(live.contains((w.severity == .critical ? "!! " : "! ") + w.message))
            #expect(saved.contains { $0.hasSuffix(w.message) })
        }
    }

    /// Overrides and reviews are shown on the patient's screen (the Warnings pane).
    @Test func theScreenShowsOverridesAndReviews() {
        var state = opened("P-0002", width: 120, height: 40)
        press(&state, [.tab, .tab, .tab])
        let lines = Renderer.render(state).lines
        #expect(lines.contains { $0.contains("Overrides and reviews") })
        #expect(lines.contains { $0.contains("override (pre-dose blood pressure, session 4) by dr.okafor: weighed") })
    }

    /// A screening answer changed in the patient form keeps who and when, and the audit
    /// line names the change (never free text).
    @Test func screeningChangedInThePatientFormIsKeptAndAudited() throws {
        let chart = storedChart("P-0006").chart
        var form = FormBuilder.patient(chart.patient, today: testToday)
        let i = try #require(form.fields.firstIndex { $0.key == .screening(.psychosis) })
        form.fields[i].value = "yes"
        // A new finding needs no reason.
        guard case .success(.edit(_, let found)) = FormSubmission.outcome(form, chart: chart, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }),
              case .editPatient(let withFinding) = found else { Issue.record("a new finding was refused"); return }
        #expect(found.summary(in: chart) == "patient details edited; screening psychosis: no -> yes")
        // Withdrawing it again needs its reason.
        var again = FormBuilder.patient(withFinding, today: testToday)
        let j = try #require(again.fields.firstIndex { $0.key == .screening(.psychosis) })
        again.fields[j].value = "no"
        var chartWithFinding = chart
        chartWithFinding.patient = withFinding
        form = again
        let base = chartWithFinding
        guard case .failure(let refused) = FormSubmission.outcome(form, chart: base, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }) else {
            Issue.record("withdrawing a finding without a reason was accepted"); return
        }
        #expect(refused.message.contains("say why 'Psychosis (current or history)' is no longer 'yes'"))
        let n = try #require(form.fields.firstIndex { $0.key == .screeningNote })
        form.fields[n].value = "history belonged to another patient"
        guard case .success(.edit(_, let edit)) = FormSubmission.outcome(form, chart: base, clinic: demoClinicFile(), today: testToday, user: "dr.k", newID: { pid("P-0000") }),
              case .editPatient(let patient) = edit else { Issue.record("no edit"); return }
        #expect(patient.screening.lastAnswer(.psychosis) == ScreeningAnswer(item: .psychosis, answer: false, by: "dr.k", on: testToday, note: "history belonged to another patient"))
        #expect(edit.summary(in: base) == "patient details edited; screening psychosis: yes -> no")
    }
}
