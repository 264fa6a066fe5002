// ketaplan's benchmark: builds a synthetic clinic and prints how long the things a
// clinician waits for take. Timings live here, never in the tests.
//
//   swift run -c release ketaplan-bench [--patients N] [--keep DIR]
//
// Loads are measured in fresh child processes so that peak memory is the load's own.
import Foundation
import KetaplanDemo
import KetaplanEngine
import KetaplanSimulation
import KetaplanStore
import KetaplanUI

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Peak resident memory of this process (VmHWM). Not getrusage's ru_maxrss: on Linux
/// that keeps the parent's peak across exec, so a child started by the benchmark would
/// report the benchmark's own memory.
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return .nan }
    return kb / 1024
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }

let today = try! CalendarDay(iso: "2026-11-26")

// Child mode: one measurement in a clean process.
if arguments.first == "child-load-all" || arguments.first == "child-load-summaries" {
    let store = ClinicStore(folder: DataFolder(path: arguments[1]))
    var count = 0
    var problems = 0
    let t = seconds {
        if arguments.first == "child-load-all" {
            let snapshot = store.loadAll()
            count = snapshot.charts.count
            problems = snapshot.problems.count
        } else {
            let summaries = store.loadSummaries()
            count = summaries.summaries.count
            problems = summaries.problems.count
        }
    }
    print("\(t) \(peakMemoryMB()) \(count) \(problems)")
    exit(0)
}

// `--simulate-only`: just the maintenance simulation (ketaplan simulate's default run).
if arguments.contains("--simulate-only") {
    benchmarkSimulation()
    exit(0)
}

/// The default `ketaplan simulate` run: 1,000 patients x 365 days x 8 policies.
func benchmarkSimulation() {
    let simulation = Simulation()
    let threads = ProcessInfo.processInfo.activeProcessorCount
    var result: Simulation.Result?
    let t = seconds { result = try? simulation.run(threads: threads) }
    let runs = simulation.patients * simulation.policies.count
    print("simulate (default run):  \(String(format: "%.1f s", t)) for \(simulation.patients) patients x \(simulation.simulator.days) days x \(simulation.policies.count) policies on \(threads) threads (\(String(format: "%.2f ms", t * 1000 / Double(runs))) a patient-policy)   target < 30 s\(result == nil ? " FAILED" : "")")
}

let patients = Int(option("--patients") ?? "10000") ?? 10000
let folderPath = option("--keep") ?? (NSTemporaryDirectory() + "ketaplan-bench-\(getpid())")
let folder = DataFolder(path: folderPath)
print("ketaplan benchmark: \(patients) patients, \(ProcessInfo.processInfo.activeProcessorCount) cores, data in \(folderPath)")

// 1. Build and write the clinic (not a target; reported for scale).
if ClinicStore(folder: folder).patientFileIDs().count != patients {
    try? FileManager.default.removeItem(atPath: folderPath)
    var demo: DemoClinic!
    let build = seconds { demo = DemoClinic.make(patients: patients, seed: 42, today: today) }
    let sessions = demo.charts.reduce(0) { $0 + ($1.plan?.sessions.count ?? 0) }
    var store = ClinicStore(folder: folder, user: "bench")
    store.durability = .unsynced
    let write = try seconds {
        try store.saveClinic(ClinicFile(name: demo.name, calendar: demo.calendar, settings: demo.settings))
        for chart in demo.charts { try store.create(chart) }
    }
    sync()
    print("build clinic:            \(String(format: "%.1f s", build)) (\(sessions) sessions), write \(String(format: "%.1f s", write))")
}
let bytes = (try? FileManager.default.contentsOfDirectory(atPath: folder.patientsFolder))?.reduce(0) { total, name in
    total + (((try? FileManager.default.attributesOfItem(atPath: folder.patientsFolder + "/" + name))?[.size] as? Int) ?? 0)
} ?? 0
print("patient files:           \(String(format: "%.1f MB", Double(bytes) / 1e6))")

// 2. Loads, each in a fresh process, three runs; the median is reported.
func child(_ mode: String) -> (Double, Double, Int) {
    var runs: [(Double, Double, Int)] = []
    for _ in 0..<3 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = [mode, folderPath]
        let out = Pipe()
        p.standardOutput = out
        try! p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let parts = text.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }
        runs.append((parts[0], parts[1], Int(parts[2])))
    }
    runs.sort { $0.0 < $1.0 }
    return runs[1]
}
let summaries = child("child-load-summaries")
print("load clinic (summaries): \(ms(summaries.0)), peak memory \(String(format: "%.0f MB", summaries.1)) (\(summaries.2) patients)   target < 300 ms, < 150 MB")
let full = child("child-load-all")
print("load every chart:        \(ms(full.0)), peak memory \(String(format: "%.0f MB", full.1)) (\(full.2) charts decoded in full)")

// 3. Save one patient, with and without fsync's wait.
let store = ClinicStore(folder: folder, user: "bench")
var unsynced = store
unsynced.durability = .unsynced
var loaded = try store.loadPatient(PatientID.numbered(42))
var saveTimes: [Double] = []
var syncedTimes: [Double] = []
for i in 0..<60 {
    var chart = loaded.chart
    chart.patient.notes = "bench \(i)"
    let useSync = i % 2 == 0
    let t = try seconds { loaded = try (useSync ? store : unsynced).save(chart, over: loaded) }
    if useSync { syncedTimes.append(t) } else { saveTimes.append(t) }
}
print("save one patient:        median \(ms(percentile(saveTimes, 0.5))), p99 \(ms(percentile(saveTimes, 0.99))) without fsync   target < 5 ms")
print("                         median \(ms(percentile(syncedTimes, 0.5))) with fsync (the disk's wait included)")

// 4. Re-plan one patient in the full clinic.
let snapshot = store.loadAll()
let charts = snapshot.charts.map(\.chart)
let busiest = snapshot.charts.max { ($0.chart.plan?.sessions.count ?? 0) < ($1.chart.plan?.sessions.count ?? 0) }!
let context = SchedulingContext(today: today, calendar: snapshot.clinic.calendar, settings: snapshot.clinic.settings,
                                bookings: ChairBookings(charts: charts, excluding: busiest.id))
var replanTimes: [Double] = []
for _ in 0..<50 {
    replanTimes.append(seconds { _ = Scheduler(context: context).replanned(busiest.chart) })
}
let bookingsTime = seconds { _ = ChairBookings(charts: charts, excluding: busiest.id) }
print("re-plan one patient:     median \(ms(percentile(replanTimes, 0.5))), p99 \(ms(percentile(replanTimes, 0.99))) (\(busiest.chart.plan?.sessions.count ?? 0) sessions); chair bookings for the clinic \(ms(bookingsTime))")

// 5. The screen: render every screen of the full clinic at 200x60, and key press ->
// screen updated (reduce + render + row diff).
let uiSnapshot = store.loadSummaries()
var state = AppState(today: today, clinic: uiSnapshot.clinic, summaries: uiSnapshot.summaries, problems: [], width: 200, height: 60)
_ = Reducer.reduce(&state, .summariesLoaded(uiSnapshot))

func renderTime(_ s: AppState, runs: Int = 30) -> Double {
    percentile((0..<runs).map { _ in seconds { _ = Renderer.render(s) } }, 0.5)
}

func step(_ s: inout AppState, _ action: Action) {
    for effect in Reducer.reduce(&s, action) {
        if case .loadChart(let id) = effect, let stored = try? store.loadPatient(id) {
            _ = Reducer.reduce(&s, .chartLoaded(stored))
        }
    }
}

var screens: [(String, Double)] = [("overview", renderTime(state))]
var agenda = state
step(&agenda, .key(.char("a")))
screens.append(("agenda (day)", renderTime(agenda)))
step(&agenda, .key(.char("w")))
screens.append(("agenda (week)", renderTime(agenda)))
var patient = state
step(&patient, .key(.enter))
for pane in ["sessions", "calendar", "scores", "warnings"] {
    screens.append(("patient: \(pane)", renderTime(patient)))
    step(&patient, .key(.tab))
}
var recordForm = patient
step(&recordForm, .key(.char("r")))
screens.append(("record-session form (with preview)", renderTime(recordForm)))
print("render at 200x60:        " + screens.map { "\($0.0) \(ms($0.1))" }.joined(separator: ", "))

nonisolated(unsafe) var slowest: [(Double, String)] = []
func keyLatencies(_ start: AppState, _ keys: [Key]) -> [Double] {
    var s = start
    var previous = Renderer.render(s)
    return keys.map { key in
        let t = seconds {
            step(&s, .key(key))
            let next = Renderer.render(s)
            _ = next.changedRows(since: previous)
            previous = next
        }
        slowest.append((t, key.label))
        return t
    }
}
var latencies = keyLatencies(state, Array(repeating: Key.down, count: 150) + Array(repeating: Key.pageDown, count: 20) + [.home])
latencies += keyLatencies(state, [.char("/")] + "mustermann".map { Key.char($0) } + Array(repeating: Key.backspace, count: 10) + [.escape])
latencies += keyLatencies(patient, Array(repeating: Key.down, count: 40) + [.tab, .tab, .tab, .tab])
if arguments.contains("--verbose") {
    print("slowest keys: " + slowest.sorted { $0.0 > $1.0 }.prefix(6).map { "\($0.1) \(ms($0.0))" }.joined(separator: ", "))
}
print("key -> screen updated:   p50 \(ms(percentile(latencies, 0.5))), p99 \(ms(percentile(latencies, 0.99))) over \(latencies.count) keys (overview moves, filter typing, patient)   target p99 < 5 ms")

// 6. First screen painted, from process start, in tmux (as a person would see it).
func firstPaint(_ data: String) -> Double? {
    let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ketaplan").path
    guard FileManager.default.isExecutableFile(atPath: bin), FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { return nil }
    let socket = "ketaplan-bench-\(getpid())"
    // posix_spawn and waitpid: Foundation's Process did not return from the tmux client
    // that starts a server here.
    func tmux(_ args: [String]) -> String {
        let out = NSTemporaryDirectory() + "\(socket).out"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv = (["tmux", "-L", socket] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, &argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
    var times: [Double] = []
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = tmux(["-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "200", "-y", "60",
                  "env LANG=C.UTF-8 \(bin) --data \(data) --today 2026-11-26; sleep 5"])
        var painted: Double?
        while painted == nil, Double(DispatchTime.now().uptimeNanoseconds - start) < 10e9 {
            if tmux(["capture-pane", "-p", "-t", "b"]).contains("Clinic overview") {
                painted = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        }
        _ = tmux(["kill-server"])
        if let painted { times.append(painted) }
    }
    return times.isEmpty ? nil : percentile(times, 0.5)
}
let smallFolder = folderPath + "-500"
if ClinicStore(folder: DataFolder(path: smallFolder)).patientFileIDs().count != 500 {
    try? FileManager.default.removeItem(atPath: smallFolder)
    var small = ClinicStore(folder: DataFolder(path: smallFolder), user: "bench")
    small.durability = .unsynced
    let demo = DemoClinic.make(patients: 500, seed: 42, today: today)
    try small.saveClinic(ClinicFile(name: demo.name, calendar: demo.calendar, settings: demo.settings))
    for chart in demo.charts { try small.create(chart) }
    _ = small.loadSummaries()
}
if let big = firstPaint(folderPath), let small = firstPaint(smallFolder) {
    print("first screen painted:    \(ms(big)) with \(patients) patients, \(ms(small)) with 500 (median of 5, tmux)   target < 350 ms and < 50 ms")
} else {
    print("first screen painted:    not measured (build ketaplan in release beside the benchmark, and install tmux)")
}
benchmarkSimulation()
if option("--keep") == nil {
    try? FileManager.default.removeItem(atPath: folderPath)
    try? FileManager.default.removeItem(atPath: smallFolder)
}
