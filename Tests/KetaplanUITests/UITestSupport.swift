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

func storedChart(_ id: String) -> StoredChart {
    let chart = demoClinic.charts.first { $0.patient.id.rawValue == id }!
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

func type(_ state: inout AppState, _ text: String) {
    press(&state, text.map { Key.char($0) })
}

/// Compares a rendered screen with its snapshot in Snapshots/NAME.txt. With
/// KETAPLAN_RECORD_SNAPSHOTS=1 the snapshot is (re)written instead: review the diff.
func assertSnapshot(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let screen = Renderer.render(state).lines.joined(separator: "\n") + "\n"
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)-\(state.width)x\(state.height).txt")
    if ProcessInfo.processInfo.environment["KETAPLAN_RECORD_SNAPSHOTS"] == "1" {
        try! screen.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(url.lastPathComponent); run with KETAPLAN_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
        return
    }
    if screen != expected {
        let a = screen.split(separator: "\n", omittingEmptySubsequences: false), b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("""
            screen differs from \(url.lastPathComponent) at row \(firstDiff):
              got:      \(a[safe: firstDiff].map(String.init) ?? "<none>")
              expected: \(b[safe: firstDiff].map(String.init) ?? "<none>")
            """, sourceLocation: sourceLocation)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
