import ExerciseModel

/// `json-dataset`: every record in one JSON array, sorted by id (default `exercises.json`).
/// Records are encoded one at a time and streamed, so the file is never held twice in memory.
public struct JSONDatasetExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "json-dataset"
    public static let summary = "all records in one JSON array sorted by id (path default: exercises.json)"
    public var path: String

    public static let defaultPath = "exercises.json"

    public init(path: String = defaultPath) { self.path = path }

    public func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext, diagnostics: inout DiagnosticSink) throws -> [String] {
        let file = try AtomicFile(output, path)
        if records.isEmpty {
            try file.append("[]\n")
        } else {
            try file.append("[\n")
            for (i, record) in records.enumerated() {
                // Indent each pretty-printed record by two spaces so the array reads as one document.
                let json = String(decoding: try CanonicalJSON.data(record).dropLast(), as: UTF8.self)
                let indented = json.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                try file.append(indented + (i == records.count - 1 ? "\n" : ",\n"))
            }
            try file.append("]\n")
        }
        try file.commit()
        return [path]
    }
}
