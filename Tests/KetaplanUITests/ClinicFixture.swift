import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanUI

/// The demo clinic saved by "alice", a patient at a time, in a temporary folder, under a clock the test moves
/// (noon on `testToday` to begin with): the setup every live-update and rollover test
/// starts from. The folder is removed when the fixture is released.
final class ClinicFixture {
    let path: String
    let clock: LiveUpdateTests.Clock
    /// Alice's store on the folder, on the fixture's clock.
    let alice: ClinicStore

    init() throws {
        let live = LiveUpdateTests()
        path = live.makeFolder()
        clock = LiveUpdateTests.Clock(LiveUpdateTests.noon(testToday))
        alice = live.store(path, "alice", clock: clock)
        try alice.saveClinic(demoClinicFile())
        // Saved one by one, as clinicians do: each save's index line judges the next day
        // too (`createAll`, the demo's batch, leaves it unknown).
        for chart in demoClinic.charts { try alice.create(chart) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Another clinician's store on the same folder and clock.
    func store(_ user: String) -> ClinicStore { LiveUpdateTests().store(path, user, clock: clock) }

    /// Moves the clock to noon on `day`.
    func move(to day: CalendarDay) { clock.set(LiveUpdateTests.noon(day)) }

    /// Alice's screen before anything is loaded, at 120x30.
    func emptyScreen(today: CalendarDay = testToday) -> AppState {
        AppState(today: today, clinic: ClinicFile(), summaries: [], problems: [], width: 120, height: 30, user: "alice")
    }

    /// Every patient file on disk judged for `day` afresh (what a full re-judge shows).
    func judgedAfresh(for day: CalendarDay) throws -> [PatientID: PatientSummary] {
        let clinic = try alice.loadClinic()
        var out: [PatientID: PatientSummary] = [:]
        for chart in demoClinic.charts {
            let stored = try alice.loadPatient(chart.patient.id)
            out[chart.patient.id] = PatientSummary(chart: stored.chart, day: day, settings: clinic.settings, calendar: clinic.calendar)
        }
        return out
    }
}
