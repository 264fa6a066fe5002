import CTerminalSupport
import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanUI

/// Runs the full-screen program: load, then loop of key -> reducer -> effects -> render.
public enum TerminalApp {
    /// Why the screen could not start.
    public struct NotATerminal: Error, CustomStringConvertible {
        public var description: String {
            "ketaplan's screen needs a terminal (standard input and output are not one); use a subcommand instead, e.g. `ketaplan patients` (see `ketaplan --help`)"
        }
    }

    /// Opens the UI on `store` until the clinician quits or a signal stops it.
    /// - Parameter followsClock: whether "today" moves at midnight (false when `--today`
    ///   fixed it); by default, when `today` is the store clock's day.
    /// - Returns: the exit code.
    public static func run(store: ClinicStore, today: CalendarDay, followsClock: Bool? = nil) throws -> Int32 {
        guard isatty(0) != 0, isatty(1) != 0 else { throw NotATerminal() }
        kt_install_signal_handlers()
        let environment = ProcessInfo.processInfo.environment
        let recovery = RecoveryFile(folder: store.folder, user: store.user)
        let terminal = Terminal(environment: environment)
        let size = terminal.size
        // The first screen comes from the start of the index alone (its cost does not grow
        // with the clinic); the rest loads and is checked in the background, patching it.
        var state = AppState(today: today, clinic: ClinicFile(), summaries: [], problems: [],
                             width: size.width, height: size.height, glyphs: terminal.unicode ? .unicode : .plain, user: store.user,
                             now: WallClock.instant(store.now()))
        state.exportFolder = store.folder.path + "/exports"
        _ = Reducer.reduce(&state, .firstPageLoaded(store.loadFirstPage(rows: state.metrics.overviewRows)))
        terminal.draw(Renderer.render(state), force: true)
        let loader = BackgroundLoad(store: store, today: today, followsClock: followsClock ?? (store.fixedDay == nil && today == store.calendarDay))
        switch recovery.read() {
        case .nothing: break
        case .draft(let draft, let savedAt): _ = Reducer.reduce(&state, .recoveryFound(draft, savedAt: savedAt))
        case .unreadable(let problem): _ = Reducer.reduce(&state, .recoveryUnreadable(problem))
        }
        let effects = EffectRunner(store: store, recovery: recovery)
        let worker = ClinicSaveWorker()

        while !state.quit {
            let signal = kt_pending_signal()
            if signal != 0 {
                // Dropped SSH, kill or Ctrl-C: keep what was typed, give the terminal back.
                if let form = state.openForm, form.dirty { recovery.write(Reducer.keptDraft(state, form)) }
                terminal.end()
                return 128 + signal
            }
            // Until every summary is read, keys stay in the terminal's queue (they act on the
            // whole clinic); after that, background results are taken between keys.
            let waiting: Bool
            if case .firstPage = state.load { waiting = true } else { waiting = false }
            var arrived = waiting ? loader.take(waiting: 0.05) : loader.take()
            arrived += worker.take()
            if !arrived.isEmpty {
                // A rebuilt index (midnight, many colleagues' saves) replaces every summary:
                // the old ones, a million arrays at 100,000 patients, and what the action
                // brought besides (the check's changed summaries: a fifth of the clinic at
                // midnight) are freed on a thread of their own, not between two keys (the
                // benchmark's slowest key at midnight came as the new day was handed over).
                let replaced = arrived.contains { if case .indexRebuilt = $0 { true } else { false } } ? (state.summaries, state.index, arrived) : nil
                runAll(&arrived, &state, effects, loader, worker)
                if let replaced { Thread.detachNewThread { withExtendedLifetime(replaced) {} } }
                terminal.draw(Renderer.render(state), force: false)
            }
            if waiting { continue }
            guard let event = terminal.next() else { continue }
            state.now = WallClock.instant(store.now())
            var force = false
            switch event {
            case .resize(let w, let h):
                var queue = [Action.resize(width: w, height: h)]
                runAll(&queue, &state, effects, loader, worker)
                force = true
            case .key(.ctrl("l")):
                force = true
                // And every file compared again: one that could not be read may read now.
                loader.recheck()
            case .key(let key):
                var queue = [Action.key(key)]
                runAll(&queue, &state, effects, loader, worker)
            }
            terminal.draw(Renderer.render(state), force: force)
        }
        if worker.isRunning {
            // Quitting mid-way would leave plans on days the change closed: the clinic
            // change finishes first, as `clinic set` would.
            state.message = Message(.info, "Finishing the clinic's settings save before quitting…")
            terminal.draw(Renderer.render(state), force: false)
            _ = worker.waitUntilDone()
        }
        terminal.end()
        return 0
    }

    /// Reduces actions and performs the effects they ask for until none are left.
    /// A save (or undo's replace) first waits for the background check, so that it never
    /// relies on a summary not yet checked against its file, then hands the store the
    /// screen's checked bookings for its chair check (tests that start from a whole
    /// snapshot pass no loader: their saves check the whole clinic). A clinic change's
    /// save runs on `worker` when there is one, its result arriving later as an action;
    /// without one it runs here.
    static func runAll(_ queue: inout [Action], _ state: inout AppState, _ runner: EffectRunner, _ loader: BackgroundLoad? = nil,
                       _ worker: ClinicSaveWorker? = nil) {
        while !queue.isEmpty {
            let action = queue.removeFirst()
            for effect in Reducer.reduce(&state, action) {
                var bookings: CheckedBookings?
                switch effect {
                case .save, .replace:
                    if let loader, !loader.isDone { for checked in loader.waitUntilChecked() { _ = Reducer.reduce(&state, checked) } }
                    bookings = loader?.checkedBookings(state)
                case .saveClinic(let change, let basedOn, let today):
                    if let worker {
                        let store = runner.store
                        worker.start { progress in EffectRunner.saveClinic(store: store, change, basedOn: basedOn, today: today, progress: progress) }
                        continue
                    }
                default:
                    break
                }
                if let result = runner.perform(effect, checked: bookings) { queue.append(result) }
            }
        }
    }
}
