import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanUI

/// Loads the clinic on a thread of its own after the first page is drawn: every summary
/// from the index (`.summariesRead`), then every patient file checked against it
/// (`.summariesChecked`); then, for as long as the screen is open, it polls the folder
/// (`ClinicWatch`, every `pollInterval`) and posts what other processes saved
/// (`.patientsChanged`, or a checked reload) and midnight passing (`.dayChanged`). The
/// screen's loop takes the actions as they arrive, so none of this holds up a key; a save
/// waits for the first check (`waitUntilChecked`).
final class BackgroundLoad: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Action] = []
    private var checked = false

    /// Half a second: a colleague's save shows within a second, for five `stat`s a poll.
    static let pollInterval = 0.5

    init(store: ClinicStore, followsClock: Bool) {
        Thread.detachNewThread { [self] in
            post(.summariesRead(store.loadSummariesUnchecked()))
            var watch = ClinicWatch(store: store, followsClock: followsClock)
            post(.summariesChecked(watch.reload()), checked: true)
            while true {
                Thread.sleep(forTimeInterval: Self.pollInterval)
                switch watch.poll() {
                case nil: break
                case .patients(let summaries): post(.patientsChanged(summaries))
                case .reloaded(let snapshot): post(.summariesChecked(snapshot))
                case .newDay(let day, let snapshot):
                    post(.dayChanged(day))
                    post(.summariesChecked(snapshot))
                }
            }
        }
    }

    private func post(_ action: Action, checked: Bool = false) {
        condition.lock()
        ready.append(action)
        if checked { self.checked = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Whether every file has been checked and every action so far taken.
    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return checked && ready.isEmpty
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
        if ready.isEmpty && !checked { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        let out = ready
        ready = []
        return out
    }

    /// Every action still to come until the first check, and any that arrived since.
    func waitUntilChecked() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        while !checked { condition.wait() }
        let out = ready
        ready = []
        return out
    }
}
