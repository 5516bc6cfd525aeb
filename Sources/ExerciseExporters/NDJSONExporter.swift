import ExerciseModel

/// `ndjson`: one compact JSON record per line, sorted by id (default `exercises.ndjson`), for
/// streaming consumers (`jq -c`, log shippers, line-by-line loaders).
public struct NDJSONExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "ndjson"
    public static let summary = "newline-delimited JSON, one record per line (path default: exercises.ndjson)"
    public var path: String

    public static let defaultPath = "exercises.ndjson"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        let file = try AtomicFile(output, path)
        return StreamingFileWriter(each: { r, _ in try file.append(CanonicalJSON.data(r, pretty: false)) }, done: file.commit)
    }
}
