import ExerciseModel
import Foundation

/// `json`: one `<id>.json` per exercise in a folder (default `json/`).
public struct JSONRecordExporter: PathOnlyExporter, PerRecordExporter {
    public static let format = "json"
    public static let summary = "one JSON record per exercise: <path>/<id>.json (path default: json)"
    public var path: String
    public var fileSuffix: String { ".json" }

    public static let defaultPath = "json"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        PerRecordWriter(output, folder: path, exporter: Self.format, suffix: fileSuffix) { r, _ in CanonicalJSON.data(r) }
    }
}
