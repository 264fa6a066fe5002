import Foundation
import Testing
import KetaplanDemo
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

let testToday = try! CalendarDay(iso: "2026-11-26")

/// The fictional demo clinic every UI test runs on (seed 1, 12 patients).
let demoClinic = DemoClinic.make(patients: 12, seed: 1, today: testToday)

func demoClinicFile() -> ClinicFile {
    ClinicFile(name: demoClinic.name, calendar: demoClinic.calendar, settings: demoClinic.settings, sessionTime: try! TimeOfDay(hour: 9, minute: 0))
}

/// A patient id from a test's literal (a literal that is not an id is a bug in the test).
func pid(_ text: String) -> PatientID {
    do { return try PatientID(text) } catch { preconditionFailure("\(error)") }
}

func storedChart(_ id: String) -> StoredChart { storedChart(pid(id)) }

func storedChart(_ id: PatientID) -> StoredChart {
    let chart = demoClinic.charts.first { $0.patient.id == id }!
    return StoredChart(chart: chart, revision: 1, savedBy: "test", savedAt: "2026-11-26T08:00:00Z")
}

/// A fresh app state on the demo clinic at `width`×`height`.
func makeState(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) -> AppState {
    let summaries = demoClinic.charts.map { PatientSummary(chart: $0, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar) }
    var state = AppState(today: testToday, clinic: demoClinicFile(), summaries: summaries, problems: [], width: width, height: height, glyphs: glyphs, user: "test")
    _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: demoClinicFile(), summaries: summaries, problems: [])))
    return state
}

/// Presses keys; effects that load a chart are answered from the demo clinic, so key
/// sequences behave as with a real store. Returns every effect asked for.
@discardableResult
func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
    var all: [Effect] = []
    for key in keys {
        var queue: [Action] = [.key(key)]
        while !queue.isEmpty {
            let effects = Reducer.reduce(&state, queue.removeFirst())
            all += effects
            for e in effects {
                if case .loadChart(let id) = e { queue.append(.chartLoaded(storedChart(id))) }
            }
        }
    }
    return all
}

/// A fresh state with patient `id`'s screen open, its chart loaded.
func openedPatient(_ id: String, width: Int = 100, height: Int = 30) -> AppState {
    var state = makeState(width: width, height: height)
    guard case .overview(let o) = state.current, let row = o.visible.firstIndex(where: { state.summaries[$0].id.rawValue == id }) else { return state }
    press(&state, [.home] + Array(repeating: Key.down, count: row) + [.enter])
    return state
}

func type(_ state: inout AppState, _ text: String) {
    press(&state, text.map { Key.char($0) })
}

/// Compares a rendered screen, text and styles, with its snapshot in
/// Snapshots/NAME-WxH.txt (see `ScreenSnapshot`). A mismatch prints every differing row
/// (text and style codes, expected and got) and writes what was drawn to
/// $TMPDIR/ketaplan-snapshots/ for a side-by-side look. With KETAPLAN_RECORD_SNAPSHOTS=1
/// the snapshot is written and the test FAILS all the same, so a recording run is never
/// mistaken for a pass: review the diff, then run again without it.
func assertSnapshot(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let screen = ScreenSnapshot.text(of: Renderer.render(state))
    let file = "\(name)-\(state.width)x\(state.height).txt"
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(file)")
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if ProcessInfo.processInfo.environment["KETAPLAN_RECORD_SNAPSHOTS"] == "1" {
        try! screen.write(to: url, atomically: true, encoding: .utf8)
        let what = screen == expected ? "unchanged" : "recorded"
        Issue.record("\(what) \(file): review it (git diff), then run without KETAPLAN_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected else {
        Issue.record("no snapshot \(file); run with KETAPLAN_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
        return
    }
    guard let diff = ScreenSnapshot.diff(expected: expected, got: screen) else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ketaplan-snapshots")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let got = folder.appendingPathComponent(file)
    try? screen.write(to: got, atomically: true, encoding: .utf8)
    Issue.record("screen differs from \(file) (what was drawn: \(got.path)):\n\(diff)", sourceLocation: sourceLocation)
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
