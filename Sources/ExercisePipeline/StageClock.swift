import ExerciseModel
import Foundation

/// `run --profile`: time per stage (discovery, reading, each reader's parse, extraction, each
/// transformer, each exporter, the state files), summed over every page and thread, so a user with
/// a big site sees where a run goes. Stages that run on several threads at once can sum to more
/// than the run's wall time.
public final class StageClock: Sendable {
    private let totals = Locked<[String: (nanoseconds: UInt64, calls: Int, order: Int)]>([:])

    public init() {}

    /// Runs `body`, adding its time to `stage`.
    public func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let spent = DispatchTime.now().uptimeNanoseconds - start
            totals.withLock { t in
                let old = t[stage] ?? (0, 0, t.count)
                t[stage] = (old.nanoseconds + spent, old.calls + 1, old.order)
            }
        }
        return try body()
    }

    public struct Line: Sendable {
        public var stage: String
        public var seconds: Double
        public var calls: Int
    }

    /// Every stage measured, in the order first seen.
    public var lines: [Line] {
        totals.withLock { t in
            t.sorted { $0.value.order < $1.value.order }.map { Line(stage: $0.key, seconds: Double($0.value.nanoseconds) / 1e9, calls: $0.value.calls) }
        }
    }

    /// The table `run --profile` prints.
    public var table: String {
        let lines = self.lines
        let total = lines.reduce(0) { $0 + $1.seconds }
        let width = max(5, lines.map(\.stage.count).max() ?? 0)
        var out = "stage".padding(toLength: width, withPad: " ", startingAt: 0) + "   seconds   share     calls\n"
        for l in lines {
            out += l.stage.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: " %9.3f  %5.1f%%  %8d\n", l.seconds, total > 0 ? 100 * l.seconds / total : 0, l.calls)
        }
        return out + "(seconds summed over pages and threads: stages that run in parallel can add up to more than the run's wall time)\n"
    }
}

/// Measuring without a clock is running.
extension Optional where Wrapped == StageClock {
    func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        if let clock = self { return try clock.measure(stage, body) }
        return try body()
    }
}
