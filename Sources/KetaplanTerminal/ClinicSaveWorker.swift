import Foundation
import KetaplanUI

/// Runs a clinic change's save on a thread of its own: at 100,000 patients it reads every
/// chart and re-plans those the change affects, which took the screen's thread away for
/// as long. Keys keep working meanwhile (another save waits: `AppState.saving`); the job
/// says how far it has come (`.clinicSaveProgress`, on the status line) and its result
/// (`.clinicSaved` or `.clinicSaveFailed`) is taken between keys like the background
/// load's.
final class ClinicSaveWorker: @unchecked Sendable {
    /// The save itself, given a way to report progress; returns the result's action.
    typealias Job = @Sendable (_ progress: @escaping @Sendable (String) -> Void) -> Action

    private let condition = NSCondition()
    private var ready: [Action] = []
    private var running = false

    /// Starts `job` on a new thread (one at a time: the reducer refuses a second save while
    /// `saving`).
    func start(_ job: @escaping Job) {
        condition.lock()
        running = true
        condition.unlock()
        Thread.detachNewThread { [self] in
            let result = job { [self] text in post(.clinicSaveProgress(text), done: false) }
            post(result, done: true)
        }
    }

    private func post(_ action: Action, done: Bool) {
        condition.lock()
        // Only the latest progress matters: a slow screen does not replay every step.
        if case .clinicSaveProgress = action, case .clinicSaveProgress? = ready.last { ready.removeLast() }
        ready.append(action)
        if done { running = false }
        condition.broadcast()
        condition.unlock()
    }

    /// Whether a job is running.
    var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// The actions that arrived since the last call (none: empty).
    func take() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let out = ready
        ready = []
        return out
    }

    /// Waits until the running job is done (tests; a screen never waits), then takes what
    /// arrived.
    func waitUntilDone() -> [Action] {
        condition.lock()
        while running { condition.wait() }
        condition.unlock()
        return take()
    }
}
