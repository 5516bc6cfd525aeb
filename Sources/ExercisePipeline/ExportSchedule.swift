import ExerciseExporters
import ExerciseModel
import Foundation

/// The export as one schedule over the cores: each writer takes the chunks in order, as soon as a
/// chunk is read and the writer is done with the one before, on whichever core is free. Before,
/// every chunk waited for its slowest writer (SQLite, then the HTML pages) while the other core
/// sat idle, and the next chunk was read only then: a third of the export phase was waiting.
///
/// A writer whose finish is long (`ExportWriter.finishesSlowly`: SQLite's index merge and VACUUM)
/// reads its chunks itself (`load`), ahead of the others, and finishes as soon as it has written
/// the last one, beside the others' remaining chunks: finished after them, it kept one core idle
/// for a second at the end of a 20,000-page run. Reading its own chunks costs a second read of the
/// records, not memory: the shared chunks are held only until the other writers are done with them.
///
/// What the run says does not depend on the timing: chunks are read one at a time in id order,
/// each writer sees them in that order, and a chunk's diagnostics (its unreadable records, then
/// each writer's, in the exporters' order) are handed on in chunk order once every writer is done
/// with it. At most `window` chunks are held at once, however far one writer falls behind.
final class ExportSchedule: @unchecked Sendable {
    typealias Read = (Int) -> (RecordChunk, [Diagnostic])
    typealias Load = (Int) -> RecordChunk
    typealias Flush = ([Diagnostic]) throws -> Void

    private let count: Int
    private let slots: [WriterSlot]
    private let window: Int
    private let read: Read
    private let load: Load
    private let flush: Flush
    /// Per slot: it reads its own chunks and finishes early (`finishesSlowly`).
    private let ahead: [Bool]
    /// How many writers write the chunks `read` gives (those not reading ahead).
    private let sharing: Int
    /// How many chunks past the oldest not handed on a reading-ahead writer may go (its
    /// diagnostics wait in memory until then): far enough that its finish still overlaps the
    /// others' last chunks.
    private let aheadLimit = 64
    private let condition = NSCondition()

    /// A chunk read and not yet handed on: its records (until every writer but those reading
    /// ahead has written them), its unreadable records' diagnostics, each writer's (nil until
    /// written), and how many of those writers have still to write it.
    private struct InFlight {
        var chunk: RecordChunk?
        var unreadable: [Diagnostic]
        var bySlot: [[Diagnostic]?]
        var left: Int
    }

    // Everything below is guarded by `condition`.
    private var inFlight: [Int: InFlight] = [:]
    /// The diagnostics of the writers reading ahead, by chunk and slot, until handed on.
    private var aheadDiagnostics: [Int: [Int: [Diagnostic]]] = [:]
    private var nextRead = 0
    private var reading = false
    /// The first chunk whose diagnostics are not handed on yet.
    private var oldest = 0
    private var slotNext: [Int]
    private var slotBusy: [Bool]
    private var failure: (any Error)?

    /// `read(k)` gives chunk k (called once per chunk, in order, never two at once); `load(k)`
    /// gives its records again for a writer reading ahead (from any thread, with no other effect);
    /// `flush` takes the diagnostics in the order the run reports them.
    init(chunks count: Int, slots: [WriterSlot], window: Int = 4, read: @escaping Read, load: @escaping Load, flush: @escaping Flush) {
        self.count = count
        self.slots = slots
        self.window = window
        self.read = read
        self.load = load
        self.flush = flush
        ahead = slots.map { $0.finishesSlowly }
        sharing = ahead.count { !$0 }
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
            if let s = aheadSlot() {
                let k = slotNext[s]
                slotBusy[s] = true
                let held = inFlight[k]?.chunk
                condition.unlock()
                // (A writer that has stopped is not worth a read of the records.)
                if slots[s].isOpen { slots[s].write(held ?? load(k)) }
                let diagnostics = slots[s].takeDiagnostics()
                condition.lock()
                slotNext[s] += 1
                aheadDiagnostics[k, default: [:]][s] = diagnostics
                handOn()
                condition.broadcast()
                if slotNext[s] == count {
                    // Its last chunk: finished now, while the others write theirs (what the finish
                    // reports stays in the slot, taken with the other writers' after the schedule).
                    condition.unlock()
                    slots[s].finish()
                    condition.lock()
                }
                slotBusy[s] = false
            } else if !reading && nextRead < count && nextRead < oldest + window {
                let k = nextRead
                nextRead += 1
                reading = true
                condition.unlock()
                let (chunk, unreadable) = read(k)
                condition.lock()
                reading = false
                inFlight[k] = InFlight(chunk: sharing == 0 ? nil : chunk, unreadable: unreadable, bySlot: Array(repeating: nil, count: slots.count), left: sharing)
                handOn()
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

    /// A free writer reading ahead with chunks left, within `aheadLimit` of the oldest.
    private func aheadSlot() -> Int? {
        slots.indices.first { ahead[$0] && !slotBusy[$0] && slotNext[$0] < count && slotNext[$0] < oldest + aheadLimit }
    }

    /// The writer to run next: of those free with their next chunk read, the one furthest behind,
    /// then the slowest on its last chunk (so a slow writer is not begun last).
    private func nextSlot() -> Int? {
        var best: Int?
        for s in slots.indices where !ahead[s] && !slotBusy[s] && inFlight[slotNext[s]]?.chunk != nil {
            guard let b = best else { best = s; continue }
            if slotNext[s] < slotNext[b] || (slotNext[s] == slotNext[b] && slots[s].lastNanoseconds > slots[b].lastNanoseconds) { best = s }
        }
        return best
    }

    /// Hands on the diagnostics of every finished chunk from `oldest`, in order: finished when
    /// the writers reading ahead have passed it too.
    private func handOn() {
        while oldest < count, let entry = inFlight[oldest], entry.left == 0,
              slots.indices.allSatisfy({ !ahead[$0] || slotNext[$0] > oldest }) {
            let byAhead = aheadDiagnostics.removeValue(forKey: oldest) ?? [:]
            do {
                try flush(entry.unreadable + slots.indices.flatMap { ahead[$0] ? byAhead[$0] ?? [] : entry.bySlot[$0] ?? [] })
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
