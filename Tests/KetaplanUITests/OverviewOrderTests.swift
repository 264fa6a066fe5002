import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// The overview's default order puts the patients who need attention (a hold or a critical
/// warning) first, booked or not, then the rest by next session; counts agree with the number.
@Suite struct OverviewOrderTests {
    private func state(_ summaries: [PatientSummary]) -> AppState {
        var state = AppState(today: testToday, clinic: demoClinicFile(), summaries: summaries, problems: [], width: 120, height: 40, glyphs: .unicode, user: "test")
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: demoClinicFile(), summaries: summaries, problems: [])))
        return state
    }

    private func demoSummaries() -> [PatientSummary] {
        demoClinic.charts.map { PatientSummary(chart: $0, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar) }
    }

    private func shown(_ state: AppState) -> [PatientSummary] {
        guard case .overview(let o) = state.current else { return [] }
        return o.visible.map { state.summaries[$0] }
    }

    @Test func aCriticalPatientWithNoNextSessionComesFirst() throws {
        var summaries = demoSummaries()
        // A patient with nothing booked and nothing wrong sinks to the bottom...
        let quiet = try #require(summaries.firstIndex { $0.nextSession(onOrAfter: testToday) == nil && !$0.isHeld && $0.criticalWarnings == 0 })
        let before = shown(state(summaries))
        let at = try #require(before.firstIndex { $0.id == summaries[quiet].id })
        #expect(before[at...].allSatisfy { $0.nextSession(onOrAfter: testToday) == nil })
        // ...but once a critical warning stands on them they are among the first rows.
        summaries[quiet].criticalWarnings = 1
        let rows = shown(state(summaries))
        let attention = rows.prefix { $0.isHeld || $0.criticalWarnings > 0 }
        #expect(attention.contains { $0.id == summaries[quiet].id })
        #expect(rows.dropFirst(attention.count).allSatisfy { !$0.isHeld && $0.criticalWarnings == 0 })
        #expect(attention.count == summaries.filter { $0.isHeld || $0.criticalWarnings > 0 }.count)
    }

    @Test func heldAndCriticalFirstThenOverdueThenByNextSession() {
        let rows = shown(state(demoSummaries()))
        let attention = rows.prefix { $0.isHeld || $0.criticalWarnings > 0 }
        #expect(!attention.isEmpty)
        #expect(attention.contains { $0.isHeld })
        #expect(attention.contains { $0.criticalWarnings > 0 })
        // The rest: overdue first, then by next session, none last.
        let rest = rows.dropFirst(attention.count)
        let keys = rest.map { s -> (Int, Int) in
            if let first = s.planned.first, first < testToday { return (0, first.daysSinceEpoch) }
            return s.nextSession(onOrAfter: testToday).map { (1, $0.daysSinceEpoch) } ?? (2, 0)
        }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        // Sorting by name is unchanged: plain alphabetical.
        var byName = state(demoSummaries())
        press(&byName, [.char("o")])
        let names = shown(byName).map(\.name)
        #expect(names == names.sorted())
    }

    @Test func onePatientReadsOnePatient() throws {
        let one = try #require(demoSummaries().first)
        let head = Renderer.render(state([one])).lines.joined(separator: "\n")
        #expect(head.contains("1 patient •"))
        #expect(!head.contains("1 patients"))
        let many = Renderer.render(state(demoSummaries())).lines.joined(separator: "\n")
        #expect(many.contains("\(demoClinic.charts.count) patients •"))
    }
}

/// A colleague's save places only the rows that changed (`Reducer.reordered`): the order
/// must be exactly the one a full sort gives, for every sort and both lists, whatever
/// changed (a next session, a name, a warning, a plan archived or brought back, a patient
/// added).
@Suite struct OverviewReorderTests {
    @Test func placingChangedRowsAgainGivesTheFullSort() throws {
        var summaries = demoClinic.charts.map { PatientSummary(chart: $0, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar) }
        // Seeded, so a failing round can be run again.
        var rng = SplitMix(state: 13)
        for round in 0..<60 {
            let before = summaries
            var moved = Set<Int>()
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<summaries.count, using: &rng)
                moved.insert(i)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: summaries[i].planned = [testToday.adding(days: Int.random(in: -5...40, using: &rng))]
                case 1: summaries[i].name = ["Aa", "Zz", summaries[Int.random(in: 0..<summaries.count, using: &rng)].name][Int.random(in: 0..<3, using: &rng)]
                case 2: summaries[i].criticalWarnings = summaries[i].criticalWarnings == 0 ? 1 : 0
                case 3: summaries[i].planStatus = summaries[i].isArchived ? .active : .completed
                default: summaries[i].planned = []
                }
            }
            if round % 10 == 0 {
                var added = summaries[Int.random(in: 0..<summaries.count, using: &rng)]
                added.id = try PatientID("P-9\(round)")
                summaries.append(added)
                moved.insert(summaries.count - 1)
            }
            for sort in [OverviewState.Sort.nextSession, .name] {
                for archived in [false, true] {
                    let old = Reducer.sortedOrder(before, today: testToday, sort, archived: archived)
                    let placed = Reducer.reordered(old, moving: Array(moved), summaries, today: testToday, sort, archived: archived)
                    #expect(placed == Reducer.sortedOrder(summaries, today: testToday, sort, archived: archived), "round \(round) \(sort) archived \(archived)")
                }
            }
        }
    }
}

/// A small seeded generator (SplitMix64) for the test's reproducible rounds.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
