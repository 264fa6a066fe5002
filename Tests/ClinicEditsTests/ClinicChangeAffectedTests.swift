import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
import KetaplanStore
import KetaplanTestSupport

/// A clinic change reads only the charts the checked summaries say it may move
/// (`ClinicChange.Affected`, `ReplanSaves.candidates`), and re-plans exactly what reading
/// and re-planning every chart does: on two copies of one demo clinic, each change is saved
/// once the old way (every chart read) and once from the summaries, and the patient files,
/// the audit log and what the command says must be the same bytes.
@Suite(.serialized) struct ClinicChangeAffectedTests {
    static let today = "2026-11-26"
    /// Saves carry this instant, so that both copies' files and audit lines can be compared.
    static let instant = Date(timeIntervalSince1970: 1_795_700_000)

    /// A demo clinic of `patients` in a folder of its own (the tests' `ketaplan demo`).
    static func demo(patients: Int) throws -> CLI {
        let cli = CLI()
        let result = cli.run(["demo", "--patients", String(patients), "--seed", "11"], today: today)
        guard result.status == 0 else { throw Failed(description: "ketaplan demo: \(result.err)") }
        return cli
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func store(_ path: String) throws -> ClinicStore {
        var store = ClinicStore(folder: DataFolder(path: path), user: "test", durability: .unsynced, now: { instant })
        store.fixedDay = try CalendarDay(iso: today)
        return store
    }

    /// What saving `change` on a copy of `folder` did, every chart read (`whole`) or only
    /// the candidates, and how many charts the summaries' way loaded.
    /// `reporting`: the command line's way, each re-plan handed over as it is saved and not
    /// kept (its lines come back in `lines` either way).
    static func save(_ change: ClinicChange, copying folder: String, to copy: String, whole: Bool,
                     reporting: Bool = false) throws -> (saved: SavedClinicChange, lines: [String], loaded: Int) {
        try FileManager.default.copyItem(atPath: folder, toPath: copy)
        let store = try store(copy)
        let day = try CalendarDay(iso: today)
        let saves = ReplanSaves(store: store)
        var loaded = 0
        var reported: [String] = []
        let saved: SavedClinicChange
        if whole {
            saved = try change.save(today: day, loadClinic: { try store.loadClinic() }, saveClinic: { try store.saveClinic($0, ifStill: $1) },
                                    loadCharts: { saves.loadCharts() }, unread: { saves.unread }, saveChart: { try saves.save($0, over: $1) })
        } else {
            saved = try change.save(today: day, loadClinic: { try store.loadClinic() }, saveClinic: { try store.saveClinic($0, ifStill: $1) },
                                    candidates: { saves.candidates($0.mayReplan) }, unread: { saves.unread }, bookings: { saves.bookings },
                                    loadChart: { loaded += 1; return try saves.load($0) }, saveChart: { try saves.save($0, over: $1) },
                                    report: reporting ? { reported.append($0.line) } : nil)
        }
        return (saved, reporting ? reported : saved.replanned.map(\.line), loaded)
    }

    /// Every file of a data folder but the index, which caches what the files say.
    static func files(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let all = FileManager.default.enumerator(atPath: folder)?.allObjects.compactMap { $0 as? String } ?? []
        for path in all where !path.hasPrefix("index") && !path.hasPrefix(".") && !path.contains("/.") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            out[path] = FileManager.default.contents(atPath: folder + "/" + path)
        }
        return out
    }

    @Test func theChartsReadFromTheSummariesReplanWhatReadingEveryChartDoes() throws {
        let cli = try Self.demo(patients: 240)
        defer { cli.cleanUp() }
        let store = try Self.store(cli.data)
        let clinic = try store.loadClinic()
        let day = try CalendarDay(iso: Self.today)
        let summaries = store.loadSummaries().summaries
        let active = summaries.filter(\.isActive).count
        // The busiest open day ahead, the chairs taken on each, and a date the demo closed.
        let taken = ChairBookings(summaries: summaries, excluding: nil)
        let ahead = taken.countByDay.filter { $0.key >= day && clinic.calendar.isOpen($0.key) }
        let busiest = try #require(ahead.max { ($0.value, $1.key) < ($1.value, $0.key) })
        let closed = try #require(clinic.calendar.closedDates.filter { $0 >= day }.min())

        var changes: [(String, ClinicChange)] = []
        var close = ClinicChange()
        close.close = [busiest.key]
        changes.append(("close the busiest day", close))
        let quiet = try #require(ahead.filter { $0.key > day.adding(days: 14) }.min { ($0.value, $0.key) < ($1.value, $1.key) })
        var closeQuiet = ClinicChange()
        closeQuiet.close = [quiet.key]
        changes.append(("close a quiet day", closeQuiet))
        var closeTwo = ClinicChange()
        closeTwo.close = [day, busiest.key.adding(days: 1)]
        changes.append(("close today and another day", closeTwo))
        var fewer = ClinicChange()
        fewer.chairsPerDay = max(1, busiest.value - 3)
        changes.append(("fewer chairs than the busiest day takes", fewer))
        var weekdays = ClinicChange()
        weekdays.openWeekdays = clinic.calendar.openWeekdays.subtracting([busiest.key.weekday])
        if weekdays.openWeekdays?.isEmpty == false { changes.append(("close the busiest day's weekday", weekdays)) }
        var reopen = ClinicChange()
        reopen.reopen = [closed]
        changes.append(("reopen a closed date", reopen))
        var more = ClinicChange()
        more.chairsPerDay = clinic.calendar.chairsPerDay + 2
        more.twiceWeeklyMinimumGapDays = 3
        changes.append(("more chairs and another minimum gap", more))
        var basis = ClinicChange()
        basis.weightBasis = clinic.settings.weightBasis == .actual ? .ideal : .actual
        changes.append(("the weight basis", basis))
        var rems = ClinicChange()
        rems.remsCertified = !clinic.settings.remsCertified
        rems.urgentBloodPressure = try BloodPressure(systolic: 170, diastolic: 105)
        changes.append(("settings the scheduler does not read", rems))

        for (n, (what, change)) in changes.enumerated() {
            let root = cli.data + "-\(n)"
            defer { try? FileManager.default.removeItem(atPath: root + "-whole"); try? FileManager.default.removeItem(atPath: root + "-summaries") }
            let whole = try Self.save(change, copying: cli.data, to: root + "-whole", whole: true)
            // The command line's way (each re-plan reported as saved) and the screen's.
            let found = try Self.save(change, copying: cli.data, to: root + "-summaries", whole: false, reporting: n % 2 == 0)
            #expect(n % 2 == 1 || found.saved.replanned.isEmpty, "\(what): a reported re-plan is not kept")
            // Said briefly: a difference in 240 patients' lines would fill a screen.
            let wholeLines = whole.lines, foundLines = found.lines
            let differing = Set(wholeLines).symmetricDifference(foundLines).map { String($0.prefix(60)) }.sorted()
            #expect(differing.isEmpty && wholeLines == foundLines, "\(what): \(differing.count) lines differ: \(differing.prefix(6))")
            #expect(found.saved.summary == whole.saved.summary, "\(what)")
            #expect(found.saved.isComplete && whole.saved.isComplete, "\(what)")
            let a = Self.files(root + "-whole"), b = Self.files(root + "-summaries")
            let paths = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            #expect(paths.isEmpty, "\(what): \(paths.count) files differ: \(paths.prefix(6))")
            if change.close.count > 0 || change.chairsPerDay.map({ $0 < clinic.calendar.chairsPerDay }) == true {
                #expect(!whole.saved.replanned.isEmpty, "\(what) re-plans some plan")
            }
            // A day with chairs to spare frees no chair anyone waits for: only the plans
            // booked on it are read.
            if change == closeQuiet { #expect(found.loaded < active / 2, "\(what): \(found.loaded) of \(active) active plans read") }
            if change == rems { #expect(found.loaded == 0 && whole.saved.replanned.isEmpty, "\(what)") }
        }
    }
}
