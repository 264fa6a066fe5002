import Foundation

/// Maps over an array on every core; used to decode many patient files at once.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard items.count > 32, cores > 1 else { return items.map(transform) }
        let chunks = min(cores * 4, items.count)
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lower = items.count * chunk / chunks
            let upper = items.count * (chunk + 1) / chunks
            var local: [R] = []
            local.reserveCapacity(upper - lower)
            for i in lower..<upper { local.append(transform(items[i])) }
            box.store(local, at: lower)
        }
        return box.values()
    }

    /// Collects chunk results under a lock; each chunk writes its own range.
    private final class ResultBox<R>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ values: [R], at offset: Int) {
            lock.lock()
            for (i, v) in values.enumerated() { slots[offset + i] = v }
            lock.unlock()
        }
        func values() -> [R] { slots.map { $0! } }
    }
}
