import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Synchronization
import Testing

/// The export schedule over the cores: every writer gets every chunk in order, a writer whose
/// finish is slow reads ahead and finishes inside the schedule, and what the run reports is in
/// chunk order, then the exporters' order, whatever the timing.
@Suite struct ExportScheduleTests {
    /// A writer that says which chunk it wrote (as a diagnostic) and remembers the order.
    final class Recorder: ExportWriter, @unchecked Sendable {
        let name: String
        let finishesSlowly: Bool
        let seen = Mutex<[String]>([])
        let finished = Mutex(false)
        init(_ name: String, finishesSlowly: Bool = false) { self.name = name; self.finishesSlowly = finishesSlowly }
        func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
            // A little work, so that the writers overlap.
            if !finishesSlowly { usleep(UInt32(chunk.records.count * 20)) }
            let first = chunk.records.first?.id ?? "-"
            seen.withLock { $0.append(first) }
            diagnostics.append(Diagnostic(file: first, severity: .info, code: "wrote", message: name))
        }
        func finish(diagnostics: inout DiagnosticSink) throws {
            usleep(20_000)
            finished.withLock { $0 = true }
            diagnostics.append(Diagnostic(file: "-", severity: .info, code: "finished", message: name))
        }
    }

    /// (Only names the slot; the writers are set by hand.)
    struct Named: Exporter {
        static let format = "named"
        static let summary = "test"
        static func options(_ context: ExportContext) -> [ConfigOption] { [] }
        init() {}
        init(options: inout ConfigObject, context: ExportContext) throws {}
        var outputs: [OutputClaim] { [] }
        func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter { Recorder("named") }
    }

    static func chunk(_ k: Int) -> RecordChunk {
        RecordChunk((0..<4).map { Exercise(id: String(format: "c%03d-%d", k, $0), source: SourceInfo(path: "p", format: "markdown", sha256: "")) })
    }

    @Test func aSlowFinisherReadsAheadAndTheReportStaysInOrder() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writers = [Recorder("a"), Recorder("slow", finishesSlowly: true), Recorder("b")]
        let slots = writers.map { writer in
            let slot = WriterSlot(exporter: Named(), output: OutputDirectory(dir), clock: nil)
            slot.writer = writer
            return slot
        }
        // More chunks than the slow writer may read ahead, so that its limit is reached too.
        let count = 150
        let reads = Mutex<[Int]>([])
        let loads = Mutex(0)
        var flushed: [Diagnostic] = []
        let schedule = ExportSchedule(chunks: count, slots: slots, read: { k in
            reads.withLock { $0.append(k) }
            return (Self.chunk(k), [Diagnostic(file: "c\(k)", severity: .warning, code: "unreadable", message: "")])
        }, load: { k in
            loads.withLock { $0 += 1 }
            return Self.chunk(k)
        }, flush: { flushed += $0 })
        try schedule.run()

        let expectedIds = (0..<count).map { String(format: "c%03d-0", $0) }
        for writer in writers { #expect(writer.seen.withLock { $0 } == expectedIds, "\(writer.name)") }
        #expect(reads.withLock { $0 } == Array(0..<count))
        // The slow writer finished inside the schedule; the others are finished by the runner.
        #expect(writers.map { $0.finished.withLock { $0 } } == [false, true, false])
        #expect(loads.withLock { $0 } <= count)
        // Per chunk: its unreadable records, then each writer's, in the exporters' order.
        let expected = (0..<count).flatMap { k in
            ["c\(k) unreadable", String(format: "c%03d-0 a", k), String(format: "c%03d-0 slow", k), String(format: "c%03d-0 b", k)]
        }
        #expect(flushed.map { $0.code == "unreadable" ? "\($0.file) unreadable" : "\($0.file) \($0.message)" } == expected)
        // What the early finish reported waits in its slot, for the runner to take after the others'.
        #expect(slots[1].takeDiagnostics().map(\.code) == ["finished"])
    }

    /// No records at all: the slow writer is finished by the runner like the others.
    @Test func noChunks() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = Recorder("slow", finishesSlowly: true)
        let slot = WriterSlot(exporter: Named(), output: OutputDirectory(dir), clock: nil)
        slot.writer = writer
        var flushed: [Diagnostic] = []
        try ExportSchedule(chunks: 0, slots: [slot], read: { _ in fatalError("no chunk to read") }, load: { _ in fatalError("no chunk to load") }, flush: { flushed += $0 }).run()
        #expect(flushed.isEmpty)
        #expect(writer.seen.withLock { $0 }.isEmpty)
        #expect(!writer.finished.withLock { $0 })
    }
}
