import Dispatch

/// Collects patient runs from worker threads; each chunk writes its own slots.
final class RunBox: @unchecked Sendable {
    private var slots: [[PatientRun]]
    private var done = 0
    private(set) var error: SimulationError?
    private let lock = DispatchSemaphore(value: 1)

    init(policies: Int, patients: Int) {
        slots = Array(repeating: Array(repeating: PatientRun(), count: patients), count: policies)
    }

    /// Stores a chunk's runs and returns how many runs are done in all.
    func store(_ runs: [PatientRun], policy: Int, at offset: Int) -> Int {
        lock.wait()
        defer { lock.signal() }
        for (i, run) in runs.enumerated() { slots[policy][offset + i] = run }
        done += runs.count
        return done
    }

    func fail(_ error: SimulationError) {
        lock.wait()
        if self.error == nil { self.error = error }
        lock.signal()
    }

    func runs(policy: Int) -> [PatientRun] { slots[policy] }
}

/// Hands out job numbers to worker threads.
final class JobCounter: @unchecked Sendable {
    private var value = 0
    private let lock = DispatchSemaphore(value: 1)

    func next(below limit: Int) -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
