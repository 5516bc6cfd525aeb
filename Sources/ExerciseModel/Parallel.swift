import Dispatch
import Foundation
import Synchronization

/// The per-page and per-record work, spread over the cores: `DispatchQueue.concurrentPerform`,
/// or at most `maximumJobs` at a time when `run --jobs N` asked for fewer (a shared machine, a
/// container with a CPU quota, `--jobs 1` to debug in order). Output never depends on the width:
/// every job writes its own slot and results are put in order afterwards.
public enum Parallel {
    /// Process-wide, as the command line sets it once: nil uses every core.
    public static let maximumJobs = Locked<Int?>(nil)

    /// The width the work runs at: `maximumJobs`, or the number of cores.
    public static var width: Int {
        maximumJobs.withLock { $0 } ?? cores
    }

    /// The cores this process may use, asked once: on Linux, Foundation reads the cgroup's CPU
    /// files on every `activeProcessorCount` (eight system calls, asked twice for each parallel
    /// step: 1,600 of a 5,000-page run's reads).
    public static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Calls `body` once for each index in `0..<iterations`, `width` at a time at most.
    public static func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
        let jobs = min(width, iterations)
        if jobs <= 1 {
            for i in 0..<iterations { body(i) }
        } else if jobs >= cores {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        } else {
            // `jobs` workers taking the next index until none is left.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= iterations { break }
                    body(i)
                }
            }
        }
    }
}
