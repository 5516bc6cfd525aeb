import ExerciseModel
import Foundation

/// One exporter's files during one run. The runner opens a writer per exporter, hands every
/// writer the same chunks of records in id order, then finishes them; a writer keeps only what its
/// format needs between chunks (open files), never the records, so memory stays flat however
/// large the batch. A writer that throws is dropped (its temporary files go with it); the others
/// go on.
public protocol ExportWriter: AnyObject {
    func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws
    /// Completes the exporter's files (dataset files appear only now, whole).
    func finish(diagnostics: inout DiagnosticSink) throws
    /// Its `finish` is long work of its own (SQLite's index merge and VACUUM: a second on a big
    /// site): the runner lets it read the records itself, ahead of the other writers, and finish
    /// while they are still writing, instead of with one core idle at the end.
    var finishesSlowly: Bool { get }
}

extension ExportWriter {
    public var finishesSlowly: Bool { false }
}

/// A run of records in id order, as the runner streams them to the writers.
public struct RecordChunk: Sendable {
    public var records: [Exercise]
    /// Per record: it is exactly the record the previous run wrote, under the same id, so a
    /// per-record file the previous run wrote for it (and that is still there) need not be rendered
    /// again.
    public var unchanged: [Bool]
    /// What several exporters write of the same record, made once for the chunk.
    public let shared = SharedRenderings()

    public init(_ records: [Exercise], unchanged: [Bool]? = nil) {
        self.records = records
        self.unchanged = unchanged ?? Array(repeating: false, count: records.count)
    }
}

/// Renderings of a chunk's records that more than one exporter writes: the JSON-LD document is
/// `jsonld`'s file and the content of `html`'s snippet and preview page. The exporters write a
/// chunk side by side; whichever asks first makes the rendering, and the other takes it. One that
/// asks while the other is making it waits for it: the two writers take a chunk at the same time
/// on the two cores, and each made every document again (a second of a 20,000-page run). It
/// lives as long as the chunk.
public final class SharedRenderings: @unchecked Sendable {
    // (Guarded by `condition`.)
    private let condition = NSCondition()
    private var made: [String: [UInt8]] = [:]
    private var making: Set<String> = []

    public init() {}

    /// The rendering named `key` (which says what it is and for which record), made by `make`
    /// the first time it is asked for. (When `make` throws, the next asker makes it.)
    public func rendering(_ key: String, _ make: () throws -> [UInt8]) rethrows -> [UInt8] {
        condition.lock()
        while making.contains(key) { condition.wait() }
        if let known = made[key] {
            condition.unlock()
            return known
        }
        making.insert(key)
        condition.unlock()
        defer {
            condition.lock()
            making.remove(key)
            condition.broadcast()
            condition.unlock()
        }
        let bytes = try make()
        condition.lock()
        made[key] = bytes
        condition.unlock()
        return bytes
    }
}

extension Exporter {
    /// Every record at once, in id order (tests, and callers with a small batch in hand).
    public func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext, diagnostics: inout DiagnosticSink) throws {
        let writer = try open(output, context: context)
        try writer.write(RecordChunk(records), diagnostics: &diagnostics)
        try writer.finish(diagnostics: &diagnostics)
    }
}

/// Per-record exporters: one `<id><suffix>` per record and suffix in `folder`, the files of a
/// record rendered together (formats whose files share work render it once) and records in
/// parallel (each file's bytes depend only on its record). A record that cannot be rendered or
/// written is an error diagnostic naming the record and the exporter; every other record is still
/// written.
public final class PerRecordWriter: ExportWriter, Sendable {
    /// A record's files, one per suffix, in the suffixes' order (with the chunk's shared renderings).
    public typealias Render = @Sendable (Exercise, SharedRenderings) throws -> [Data]
    let output: OutputDirectory
    let folder: String
    let exporter: String
    let suffixes: [String]
    let render: Render

    public init(_ output: OutputDirectory, folder: String, exporter: String, suffixes: [String], render: @escaping Render) {
        self.output = output
        self.folder = folder
        self.exporter = exporter
        self.suffixes = suffixes
        self.render = render
    }

    /// One file per record.
    public convenience init(_ output: OutputDirectory, folder: String, exporter: String, suffix: String, render: @escaping @Sendable (Exercise, SharedRenderings) throws -> Data) {
        self.init(output, folder: folder, exporter: exporter, suffixes: [suffix]) { [try render($0, $1)] }
    }

    public func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
        let records = chunk.records
        let outcomes = Locked<[Int: Result<[WriteLedger.Entry], any Error>]>([:])
        Parallel.perform(iterations: records.count) { i in
            let names = suffixes.map { "\(folder)/\(records[i].id)\($0)" }
            let result = Result<[WriteLedger.Entry], any Error> {
                if chunk.unchanged[i] {
                    let kept = names.compactMap { output.keepUnchanged($0) }
                    if kept.count == names.count { return kept }
                }
                return try zip(try render(records[i], chunk.shared), names).map { try output.store($0, at: $1) }
            }
            outcomes.withLock { $0[i] = result }
        }
        // The ledger suffix by suffix, in record order, whatever order the files were finished in.
        let done = outcomes.withLock { $0 }
        for i in records.indices {
            if case .failure(let error) = done[i]! {
                diagnostics.report(.writeFailed, "record '\(records[i].id)' was not written by the \(exporter) exporter: \(error)", file: records[i].source.path)
            }
        }
        for s in suffixes.indices {
            for i in records.indices {
                if case .success(let entries) = done[i]! { output.ledger.record(entries[s]) }
            }
        }
    }

    public func finish(diagnostics: inout DiagnosticSink) throws {}
}

/// Another writer, with a look at each record first for what the format leaves out (JSON-LD's
/// relative media): notes the writer itself, rendering records in parallel, has no place for.
public final class NotingWriter: ExportWriter {
    public typealias Note = (Exercise, inout DiagnosticSink) -> Void
    let inner: any ExportWriter
    let note: Note

    public init(_ inner: any ExportWriter, note: @escaping Note) {
        self.inner = inner
        self.note = note
    }

    public func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
        for record in chunk.records { note(record, &diagnostics) }
        try inner.write(chunk, diagnostics: &diagnostics)
    }

    public func finish(diagnostics: inout DiagnosticSink) throws { try inner.finish(diagnostics: &diagnostics) }
}

/// A dataset file holding one JSON array, streamed an element at a time (`JSONArrayStream`).
public final class JSONArrayFile {
    let file: AtomicFile
    private var stream = JSONArrayStream()

    public init(_ output: OutputDirectory, _ path: String) throws {
        file = try AtomicFile(output, path)
    }

    public func append<T: Encodable>(_ element: T) throws {
        try file.append(try stream.text(for: element))
    }

    public func append<T: CanonicalJSONWritable>(_ element: T) throws {
        try file.append(stream.bytes(for: element))
    }

    public func commit() throws {
        try file.append(stream.closing + "\n")
        try file.commit()
    }
}

/// A writer that streams each record into its file (`each`) and completes it at the end (`done`):
/// the dataset exporters.
public final class StreamingFileWriter: ExportWriter {
    public typealias Each = (Exercise, inout DiagnosticSink) throws -> Void
    let each: Each
    let done: () throws -> Void

    public init(each: @escaping Each, done: @escaping () throws -> Void) {
        self.each = each
        self.done = done
    }

    /// A JSON array with an element made from each record (nil leaves the record out).
    public convenience init(_ output: OutputDirectory, jsonArrayAt path: String, element: @escaping (Exercise, inout DiagnosticSink) throws -> JSONValue?) throws {
        let file = try JSONArrayFile(output, path)
        self.init(each: { r, diagnostics in if let value = try element(r, &diagnostics) { try file.append(value) } }, done: file.commit)
    }

    public func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
        for record in chunk.records { try each(record, &diagnostics) }
    }

    public func finish(diagnostics: inout DiagnosticSink) throws { try done() }
}

/// A writer for a file that does not depend on the records (the schema, the taxonomy): written
/// at `finish`.
public final class FinishWriter: ExportWriter {
    let body: (inout DiagnosticSink) throws -> Void

    public init(_ body: @escaping (inout DiagnosticSink) throws -> Void) { self.body = body }

    public func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {}
    public func finish(diagnostics: inout DiagnosticSink) throws { try body(&diagnostics) }
}
