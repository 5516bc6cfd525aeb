import ExerciseModel

/// `json`: one `<id>.json` per exercise in a folder (default `json/`).
public struct JSONRecordExporter: Exporter {
    public static let format = "json"
    public static let summary = "one JSON record per exercise: <path>/<id>.json (path default: json)"
    public var path: String

    public init(options: inout ConfigObject) throws {
        path = try options.string("path") ?? "json"
    }

    public func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext) throws -> [String] {
        try output.writeRecords(records, folder: path, suffix: ".json") { try CanonicalJSON.data($0) }
    }
}
