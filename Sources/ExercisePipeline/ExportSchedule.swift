import ExerciseExporters
import ExerciseModel
import Foundation

/// The export as one schedule over the cores: each writer takes the chunks in order, as soon as a
/// chunk is read and the writer is done with the one before, on whichever core is free. Before,
/// every chunk waited for its slowest writer (SQLite, then the HTML pages) while the other core
/// sat idle, and the next chunk was read only then: a third of the export phase was waiting.
///
/// What the run says does not depend on the timing: chunks are read one at a time in id order,
/// each writer sees them in that order, and a chunk's diagnostics (its unreadable records, then
/// each writer's, in the exporters' order) are handed on in chunk order once every writer is done
/// with it. At most `window` chunks are held at once, however far one writer falls behind.
final class ExportSchedule: @unchecked Sendable {
    typealias Read = (Int) -> (RecordChunk, [Diagnostic])
    typealias Flush = ([Diagnostic]) throws -> Void

    private let count: Int
    private let slots: [WriterSlot]
    private let window: Int
    private let read: Read
    private let flush: Flush
    private let condition = NSCondition()

    /// A chunk read and not yet handed on: its records (until every writer has written them),
    /// its unreadable records' diagnostics, each writer's (nil until written), and how many
    /// writers have still to write it.
    private struct InFlight {
        var chunk: RecordChunk?
        var unreadable: [Diagnostic]
        var bySlot: [[Diagnostic]?]
        var left: Int
    }

    // Everything below is guarded by `condition`.
    private var inFlight: [Int: InFlight] = [:]
    private var nextRead = 0
    private var reading = false
    /// The first chunk whose diagnostics are not handed on yet.
    private var oldest = 0
    private var slotNext: [Int]
    private var slotBusy: [Bool]
    private var failure: (any Error)?

    /// `read(k)` gives chunk k (called once per chunk, in order, never two at once); `flush` takes
    /// the diagnostics in the order the run reports them.
    init(chunks count: Int, slots: [WriterSlot], window: Int = 4, read: @escaping Read, flush: @escaping Flush) {
        self.count = count
        self.slots = slots
        self.window = window
        self.read = read
        self.flush = flush
        slotNext = Array(repeating: 0, count: slots.count)
        slotBusy = Array(repeating: false, count: slots.count)
    }

    /// Runs the schedule on `Parallel.width` workers; rethrows what `flush` threw.
    func run() throws {
        Parallel.perform(iterations: max(1, Parallel.width)) { _ in self.work() }
        if let failure { throw failure }
    }

    private func work() {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil && oldest < count {
            if !reading && nextRead < count && nextRead < oldest + window {
                let k = nextRead
                nextRead += 1
                reading = true
                condition.unlock()
                let (chunk, unreadable) = read(k)
                condition.lock()
                reading = false
                inFlight[k] = InFlight(chunk: chunk, unreadable: unreadable, bySlot: Array(repeating: nil, count: slots.count), left: slots.count)
                if slots.isEmpty { handOn() }
                condition.broadcast()
            } else if let s = nextSlot() {
                let k = slotNext[s]
                slotBusy[s] = true
                let chunk = inFlight[k]!.chunk!
                condition.unlock()
                slots[s].write(chunk)
                let diagnostics = slots[s].takeDiagnostics()
                condition.lock()
                slotBusy[s] = false
                slotNext[s] += 1
                inFlight[k]!.bySlot[s] = diagnostics
                inFlight[k]!.left -= 1
                if inFlight[k]!.left == 0 {
                    inFlight[k]!.chunk = nil
                    handOn()
                }
                condition.broadcast()
            } else {
                condition.wait()
            }
        }
        condition.broadcast()
    }

    /// The writer to run next: of those free with their next chunk read, the one furthest behind,
    /// then the slowest on its last chunk (so a slow writer is not begun last).
    private func nextSlot() -> Int? {
        var best: Int?
        for s in slots.indices where !slotBusy[s] && inFlight[slotNext[s]]?.chunk != nil {
            guard let b = best else { best = s; continue }
            if slotNext[s] < slotNext[b] || (slotNext[s] == slotNext[b] && slots[s].lastNanoseconds > slots[b].lastNanoseconds) { best = s }
        }
        return best
    }

    /// Hands on the diagnostics of every finished chunk from `oldest`, in order.
    private func handOn() {
        while oldest < count, let entry = inFlight[oldest], entry.left == 0 {
            do {
                try flush(entry.unreadable + entry.bySlot.flatMap { $0 ?? [] })
            } catch {
                failure = error
                return
            }
            inFlight[oldest] = nil
            oldest += 1
            // The footprint follows what the run holds (`Memory`).
            Memory.trim()
        }
    }
}
