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
        let file = try JSONArrayFile(output, path)
        return StreamingFileWriter(each: { r, _ in try file.append(r) }, done: file.commit)
    }
}
