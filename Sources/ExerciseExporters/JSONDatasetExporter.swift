import ExerciseModel

/// `json-dataset`: every record in one JSON array, sorted by id (default `exercises.json`).
/// Records are encoded one at a time and streamed, so the file is never held in memory.
public struct JSONDatasetExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "json-dataset"
    public static let summary = "all records in one JSON array sorted by id (path default: exercises.json)"
    public var path: String

    public static let defaultPath = "exercises.json"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        Writer(file: try JSONArrayFile(output, path))
    }

    final class Writer: ExportWriter {
        let file: JSONArrayFile
        init(file: JSONArrayFile) { self.file = file }
        func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
            for record in chunk.records { try file.append(record) }
        }
        func finish(diagnostics: inout DiagnosticSink) throws { try file.commit() }
    }
}
