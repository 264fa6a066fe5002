import Foundation

/// Maps over an array on every core; used to decode many patient files at once.
///
/// The work runs on plain threads started for the call (one per core besides the caller,
/// which works too), not on libdispatch's pool, for two reasons measured at 100,000
/// patients. A new Linux thread inherits its creator's nice value, so a map started by the
/// screen's niced background thread (the check, midnight) stays below the screen's own
/// thread, where libdispatch's workers ran at its default priority or above (a QoS
/// override) and competed with the keys. And under libfaketime (the benchmark's midnight)
/// libdispatch's workers spun in `timerfd_settime` and never ran the work, leaving the
/// caller alone to read every file. Starting a thread costs tens of microseconds against
/// a map of milliseconds or more: a map is only spread over threads when it is large.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard items.count > 32, cores > 1 else { return items.map(transform) }
        // Chunks handed out one at a time, so a thread that got cheap items takes more.
        let chunks = min(cores * 8, items.count)
        let work = Work<R>(chunks: chunks, slots: items.count)
        return withoutActuallyEscaping(transform) { transform in
            let run = Runner(items: items, chunks: chunks, work: work, transform: transform)
            for _ in 1..<cores {
                work.started()
                // The thread lets go of `transform` before it says it is done (its block
                // itself is released only when the thread ends, after this call may have
                // returned): `withoutActuallyEscaping` checks that nothing kept it.
                let lent = Lent(run)
                Thread.detachNewThread {
                    lent.take()?.drain()
                    work.finished()
                }
            }
            run.drain()
            // Every thread is done with `transform` before it stops being valid.
            work.waitForThreads()
            return work.values()
        }
    }

    /// A runner handed to one thread, which takes it out (leaving nothing behind) to use it.
    private final class Lent<Runner: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var runner: Runner?
        init(_ runner: Runner) { self.runner = runner }
        func take() -> Runner? {
            lock.lock()
            defer { lock.unlock() }
            let out = runner
            runner = nil
            return out
        }
    }

    /// What each thread runs: claims chunks until none are left.
    private struct Runner<T: Sendable, R: Sendable>: Sendable {
        let items: [T]
        let chunks: Int
        let work: Work<R>
        let transform: @Sendable (T) -> R

        func drain() {
            while let chunk = work.claim() {
                let lower = items.count * chunk / chunks
                let upper = items.count * (chunk + 1) / chunks
                var local: [R] = []
                local.reserveCapacity(upper - lower)
                for i in lower..<upper { local.append(transform(items[i])) }
                work.store(local, at: lower)
            }
        }
    }

    /// The chunks not yet claimed, the results, and the threads still running, under one
    /// condition lock; each chunk writes its own range of results.
    private final class Work<R>: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private let chunks: Int
        private var running = 0
        private var slots: [R?]

        init(chunks: Int, slots: Int) {
            self.chunks = chunks
            self.slots = Array(repeating: nil, count: slots)
        }

        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < chunks else { return nil }
            next += 1
            return next - 1
        }

        func store(_ values: [R], at offset: Int) {
            condition.lock()
            for (i, v) in values.enumerated() { slots[offset + i] = v }
            condition.unlock()
        }

        func started() {
            condition.lock()
            running += 1
            condition.unlock()
        }

        func finished() {
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }

        func waitForThreads() {
            condition.lock()
            while running > 0 { condition.wait() }
            condition.unlock()
        }

        func values() -> [R] { slots.map { $0! } }
    }
}
