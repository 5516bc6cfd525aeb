import ExerciseModel

/// `ndjson`: one compact JSON record per line, sorted by id (default `exercises.ndjson`), for
/// streaming consumers (`jq -c`, log shippers, line-by-line loaders).
public struct NDJSONExporter: Exporter {
    public static let format = "ndjson"
    public static let summary = "newline-delimited JSON, one record per line (path default: exercises.ndjson)"
    public var path: String

    public init(options: inout ConfigObject) throws {
        path = try options.string("path") ?? "exercises.ndjson"
    }

    public func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext) throws -> [String] {
        let file = try AtomicFile(output, path)
        for record in records {
            try file.append(try CanonicalJSON.data(record, pretty: false))
        }
        try file.commit()
        return [path]
    }
}
