import Foundation
import Testing
@testable import KetaplanStore

/// `ParallelMap`: the same results in the same order as a plain `map`, on threads that
/// keep the caller's nice value (the screen's background check and midnight must stay
/// below the screen's own thread).
@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 32, 33, 100, 10_007])
    func sameResultsInOrderAsMap(count: Int) {
        let items = Array(0..<count)
        let mapped = ParallelMap.map(items) { $0 &* 2_654_435_761 % 1_000_003 }
        #expect(mapped == items.map { $0 &* 2_654_435_761 % 1_000_003 })
    }

    @Test func workRunsOnMoreThanOneThreadWhenThereAreCores() {
        guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return }
        let seen = ThreadNames()
        // The first item waits (up to 10 s) for a second thread to take an item: a map
        // run on one thread alone never gets one.
        _ = ParallelMap.map(Array(0..<256)) { i -> Int in
            seen.add()
            if i == 0 {
                for _ in 0..<1_000 where seen.count < 2 { usleep(10_000) }
            }
            return i
        }
        #expect(seen.count > 1)
    }

    @Test func threadsKeepTheCallersNiceValue() {
        let result = NiceValues()
        Thread.detachNewThread {
            // Linux's nice value is per thread; 0 names the calling one.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 7)
            let values = ParallelMap.map(Array(0..<1_000)) { _ -> Int32 in
                usleep(10)
                return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            }
            result.set(values)
        }
        let values = result.waitForValues()
        #expect(values.count == 1_000)
        #expect(Set(values) == [7])
    }

    /// The distinct threads that ran an item.
    final class ThreadNames: @unchecked Sendable {
        private let lock = NSLock()
        private var ids = Set<UInt64>()
        func add() {
            lock.lock()
            ids.insert(UInt64(pthread_self()))
            lock.unlock()
        }
        var count: Int { lock.lock(); defer { lock.unlock() }; return ids.count }
    }

    /// The nice values each item saw, handed from the niced thread to the test's.
    final class NiceValues: @unchecked Sendable {
        private let condition = NSCondition()
        private var stored: [Int32]?
        func set(_ values: [Int32]) {
            condition.lock()
            stored = values
            condition.broadcast()
            condition.unlock()
        }
        func waitForValues() -> [Int32] {
            condition.lock()
            defer { condition.unlock() }
            while stored == nil { condition.wait() }
            return stored!
        }
    }
}
