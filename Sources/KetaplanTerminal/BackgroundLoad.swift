import Foundation
import KetaplanStore
import KetaplanUI

/// Loads the clinic on a thread of its own after the first page is drawn: every summary
/// from the index (`.summariesRead`), then every patient file checked against it
/// (`.summariesChecked`). The screen's loop takes the actions as they arrive, so the
/// check never holds up a key; a save waits for it (`waitUntilChecked`).
final class BackgroundLoad: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Action] = []
    private var finished = false

    init(store: ClinicStore) {
        Thread.detachNewThread { [self] in
            post(.summariesRead(store.loadSummariesUnchecked()), last: false)
            post(.summariesChecked(store.loadSummaries(foldJournal: true)), last: true)
        }
    }

    private func post(_ action: Action, last: Bool) {
        condition.lock()
        ready.append(action)
        if last { finished = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Whether every file has been checked and its action taken.
    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished && ready.isEmpty
    }

    /// The actions that arrived since the last call (none: empty).
    func take() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let out = ready
        ready = []
        return out
    }

    /// Waits up to `seconds` for an action, then takes what arrived.
    func take(waiting seconds: Double) -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        if ready.isEmpty && !finished { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        let out = ready
        ready = []
        return out
    }

    /// Every action still to come, once the check has finished.
    func waitUntilChecked() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        let out = ready
        ready = []
        return out
    }
}
