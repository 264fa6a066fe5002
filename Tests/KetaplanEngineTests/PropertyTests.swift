import Testing
import PropertyBased
@testable import KetaplanEngine

/// Invariants over many generated clinics, start dates, protocols and missed sessions.
@Suite struct PropertyTests {
    struct Scenario: CustomStringConvertible {
        var protocolIndex: Int
        var startOffset: Int
        var closedOffsets: [Int]
        var fullOffsets: [Int]
        var openWeekdays: Set<Weekday>
        var preferred: [Weekday]
        var gap: Int
        var outcomes: [Int]

        var description: String {
            "protocol \(BuiltInProtocols.all[protocolIndex].id) start +\(startOffset) closed \(closedOffsets) full \(fullOffsets) open \(openWeekdays.sorted().map(\.shortName)) preferred \(preferred.map(\.shortName)) gap \(gap) outcomes \(outcomes)"
        }
    }

    static let base = CalendarDay(daysSinceEpoch: 20_454) // 2026-01-01

    static let scenarios = zip(
        Gen.int(in: 0...(BuiltInProtocols.all.count - 1)),
        Gen.int(in: 0...700),
        Gen.int(in: 0...120).array(of: 0...12),
        Gen.int(in: 0...120).array(of: 0...8),
        Gen.int(in: 0...6).array(of: 3...7),
        Gen.int(in: 0...6).array(of: 0...3),
        Gen.int(in: 2...3),
        Gen.int(in: 0...4).array(of: 0...30)
    ).map { p, s, c, f, open, pref, g, o in
        let openDays = Set(open.map { Weekday.allCases[$0] })
        // Preferred days the clinic is closed on would leave nothing to plan.
        let preferred = Array(Set(pref.map { Weekday.allCases[$0] }).intersection(openDays)).sorted()
        return Scenario(protocolIndex: p, startOffset: s, closedOffsets: c, fullOffsets: f, openWeekdays: openDays,
                        preferred: preferred, gap: g, outcomes: o)
    }

    func context(_ s: Scenario, today: CalendarDay) -> SchedulingContext {
        let start = Self.base.adding(days: s.startOffset)
        var settings = ClinicSettings()
        settings.twiceWeeklyMinimumGapDays = s.gap
        var bookings: [CalendarDay: Int] = [:]
        for f in s.fullOffsets { bookings[start.adding(days: f)] = 3 }
        return SchedulingContext(
            today: today,
            calendar: ClinicCalendar(openWeekdays: s.openWeekdays, closedDates: Set(s.closedOffsets.map { start.adding(days: $0) }), chairsPerDay: 3),
            settings: settings, bookings: ChairBookings(countByDay: bookings), horizon: start.adding(days: 200))
    }

    /// Plans the scenario, then walks through its sessions recording the generated
    /// outcomes (0-1 given, 2 missed, 3 deferred, 4 cancelled) day by day.
    func run(_ s: Scenario, check: (PatientChart, SchedulingContext, PatientChart?) -> Void) {
        let proto = BuiltInProtocols.all[s.protocolIndex]
        let start = Self.base.adding(days: s.startOffset)
        var ctx = context(s, today: start)
        var chart = PatientChart(patient: .mock())
        let plan: Plan
        do {
            plan = try Scheduler(context: ctx).makePlan(for: chart, protocol: proto, start: start, preferredWeekdays: s.preferred)
        } catch {
            // Days that cannot hold the protocol's sessions per week are refused (tested
            // in InductionWindowTests); anything else is a failure.
            if case .preferredDaysTooFew = error { return }
            Issue.record("could not plan \(s): \(error)")
            return
        }
        chart.plan = plan
        check(chart, ctx, nil)
        for outcome in s.outcomes {
            guard let next = chart.plan?.sessions.first(where: { $0.status == .planned && $0.date >= ctx.today }) else { break }
            ctx = context(s, today: next.date)
            let status: SessionStatus = [.given, .given, .missed, .deferred, .cancelled][outcome]
            var record = calmRecord(on: next.date)
            record.deferredUntil = status == .deferred ? next.date.adding(days: 3) : nil
            if HoldChecker(context: ctx).holds(on: next, in: chart).contains(where: { $0.code == .inductionReview }) {
                // Esketamine week 5: the clinician records the end-of-induction review first.
                chart = Scheduler(context: ctx).add(ClinicianReview(kind: .endOfInduction, on: next.date, by: "dr.k"), to: chart).chart
            }
            let before = chart
            guard let update = try? Scheduler(context: ctx).record(SessionOutcome(status: status, record: record), for: next.id, in: chart) else {
                Issue.record("could not record \(status) on \(next.date) in \(s)")
                return
            }
            chart = update.chart
            check(chart, ctx, before)
        }
    }

    @Test func rulesHoldAfterEveryStep() async {
        await propertyCheck(count: 150, input: Self.scenarios) { s in
            run(s) { chart, ctx, before in
                let plan = chart.plan!
                let doses = plan.sessions.filter { $0.status.isDose }
                for (i, session) in plan.sessions.enumerated() where session.status == .planned && session.date >= ctx.today {
                    #expect(ctx.calendar.isOpen(session.date), "session on closed \(session.date): \(s)")
                    #expect(ctx.bookings[session.date] < ctx.calendar.chairsPerDay, "session on full \(session.date): \(s)")
                    if !s.preferred.isEmpty { #expect(s.preferred.contains(session.date.weekday), "\(s)") }
                    #expect(!session.reason.isEmpty)
                    #expect(plan.sessions.indices.filter { plan.sessions[$0].date == session.date }.count == 1, "two sessions on \(session.date) (#\(i)): \(s)")
                }
                // Gaps and weekly counts between any two doses, where either is planned by the engine.
                for (a, b) in zip(doses, doses.dropFirst()) where !(a.status == .given && b.status == .given) && !a.pinned && !b.pinned {
                    let phase = plan.protocolCopy.phase(b.phase)!
                    #expect(a.date.days(to: b.date) >= phase.minimumGap(settings: ctx.settings), "gap \(a.date) -> \(b.date): \(s)")
                }
                for phase in plan.protocolCopy.phases {
                    let ofPhase = doses.filter { $0.phase == phase.kind }
                    let byCalendarWeek = Dictionary(grouping: ofPhase, by: { $0.date.startOfWeek })
                    #expect(byCalendarWeek.values.allSatisfy { $0.count <= phase.sessionsPerWeek }, "calendar week over \(phase.sessionsPerWeek): \(s)")
                }
                // Maintenance the engine planned keeps at least the policy's shortest interval.
                if let policy = plan.maintenancePolicy {
                    let shortest: Int? = switch policy {
                    case .fixedInterval(let d): d
                    case .taperLadder(let steps): steps.min()
                    case .adaptive(let a): a.minimumDays
                    case .learnedDurability, .onDemand: nil
                    }
                    if let shortest {
                        for (a, b) in zip(doses, doses.dropFirst()) where b.phase == .maintenance && b.status == .planned && !b.pinned && !a.pinned {
                            #expect(a.date.days(to: b.date) >= shortest, "maintenance \(a.date) -> \(b.date) under \(shortest) days: \(s)")
                        }
                    }
                }
                // Sessions of sessions-counted phases never exceed the count.
                for phase in plan.protocolCopy.phases {
                    if case .sessions(let n) = phase.length {
                        #expect(plan.sessions.filter { $0.phase == phase.kind && $0.status.consumesPhaseSlot }.count <= n, "\(s)")
                    }
                    if case .weeks(let w) = phase.length {
                        #expect(plan.sessions.filter { $0.phase == phase.kind && $0.status.consumesPhaseSlot }.count <= w * phase.sessionsPerWeek, "\(s)")
                    }
                }
                if let before {
                    // Recorded sessions never move or change.
                    for old in before.plan!.sessions where old.status != .planned || old.pinned {
                        #expect(plan.session(old.id) == old, "recorded session changed: \(s)")
                    }
                }
                // Re-planning again changes nothing, and the same input gives the same plan.
                let again = Scheduler(context: ctx).replanned(chart)
                #expect(again.changes.isEmpty, "re-plan not idempotent: \(again.changes) in \(s)")
                #expect(again.chart == chart)
                #expect(Scheduler(context: ctx).replanned(chart) == again)
            }
        }
    }

    @Test func jsonRoundTripKeepsEveryChart() async throws {
        await propertyCheck(count: 40, input: Self.scenarios) { s in
            run(s) { chart, _, _ in
                let data = try! ChartCodingForTests.encode(chart)
                #expect((try? ChartCodingForTests.decode(data)) == chart)
            }
        }
    }

    /// A scenario, a session to move (by position among the planned ones) and where to
    /// (days from its date, either way).
    static let moves = zip(scenarios, Gen.int(in: 0...12), Gen.int(in: -6...20))

    @Test func aMoveFreesItsOldDate() async {
        await propertyCheck(count: 60, input: Self.moves) { s, pick, shift in
            run(s) { chart, ctx, _ in
                let planned = chart.plan!.sessions.filter { $0.status == .planned && $0.date >= ctx.today }
                guard !planned.isEmpty else { return }
                let session = planned[pick % planned.count]
                let target = max(ctx.today, session.date.adding(days: shift))
                guard target != session.date, chart.plan!.session(on: target) == nil else { return }
                let scheduler = Scheduler(context: ctx)
                guard let moved = try? scheduler.move(session.id, to: target, in: chart, acceptingConcerns: true) else {
                    Issue.record("could not move \(session.date) -> \(target) in \(s)")
                    return
                }
                let plan = moved.chart.plan!
                #expect(plan.session(session.id)?.date == target)
                #expect(plan.session(on: session.date) == nil, "a session slid into the vacated \(session.date) in \(s)")
                // Later edits re-plan from scratch: the day stays free through them too.
                let again = scheduler.replanned(moved.chart)
                #expect(again.changes.isEmpty, "move not a fixed point: \(again.changes) in \(s)")
                #expect(again.chart.plan!.session(on: session.date) == nil)
                // Every session whose date changed is listed as a change.
                for old in chart.plan!.sessions {
                    guard let new = plan.session(old.id) else {
                        #expect(moved.changes.contains(.removed(old.id, was: old.date)), "\(old.id) dropped silently in \(s)")
                        continue
                    }
                    if new.date != old.date {
                        #expect(moved.changes.contains(.moved(old.id, from: old.date, to: new.date)), "\(old.id) moved silently in \(s)")
                    }
                }
            }
        }
    }
}
