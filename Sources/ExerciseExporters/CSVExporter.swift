import ExerciseModel
import Foundation

/// `csv`: one row per exercise (RFC 4180: CRLF line ends, fields quoted when they hold `,` `"` CR
/// or LF), plus a Frictionless `datapackage.json` describing every column.
///
/// Cells that hold several values: taxonomy ids are joined with `; ` (ids never contain it); steps,
/// tips and mistakes with a line feed (the text is whitespace-collapsed, so it never contains one,
/// and a spreadsheet shows one item per line); faq, related, attributes and unknownTerms are JSON.
/// Every cell reads back to exactly the record's value.
public struct CSVExporter: Exporter {
    public static let format = "csv"
    public static let summary = "one row per exercise, RFC 4180, with a Frictionless datapackage.json (path default: exercises.csv; datapackage default: datapackage.json)"

    public var path: String
    public var datapackagePath: String

    public init(options: inout ConfigObject) throws {
        path = try options.string("path") ?? "exercises.csv"
        datapackagePath = try options.string("datapackage") ?? "datapackage.json"
    }

    /// A column: its name, Frictionless type, list delimiter if any, and how to fill it.
    struct Column: Sendable {
        var name: String
        var type: String
        var delimiter: String?
        var description: String
        var cell: @Sendable (Exercise) -> String
    }

    static let idListDelimiter = "; "
    static let textListDelimiter = "\n"

    static let columns: [Column] = {
        func text(_ f: Exercise.Field, _ get: @escaping @Sendable (Exercise) -> String?) -> Column {
            Column(name: f.rawValue, type: "string", delimiter: nil, description: f.meaning) { get($0) ?? "" }
        }
        func ids(_ f: Exercise.Field, _ get: @escaping @Sendable (Exercise) -> [String]) -> Column {
            Column(name: f.rawValue, type: "list", delimiter: idListDelimiter, description: f.meaning) { get($0).joined(separator: idListDelimiter) }
        }
        func texts(_ f: Exercise.Field, _ get: @escaping @Sendable (Exercise) -> [String]) -> Column {
            Column(name: f.rawValue, type: "list", delimiter: textListDelimiter, description: f.meaning) { get($0).joined(separator: textListDelimiter) }
        }
        return [
            text(.id) { $0.id },
            text(.name) { $0.name },
            text(.summary) { $0.summary },
            ids(.bodyParts) { $0.bodyParts },
            ids(.equipment) { $0.equipment },
            ids(.primaryMuscles) { $0.primaryMuscles },
            ids(.secondaryMuscles) { $0.secondaryMuscles },
            text(.difficulty) { $0.difficulty },
            text(.category) { $0.category },
            texts(.steps) { $0.steps },
            texts(.tips) { $0.tips },
            texts(.mistakes) { $0.mistakes },
            Column(name: "faq", type: "array", delimiter: nil, description: Exercise.Field.faq.meaning + " JSON array.") { compactJSON($0.faq) },
            Column(name: "related", type: "array", delimiter: nil, description: Exercise.Field.related.meaning + " JSON array.") { compactJSON($0.related) },
            Column(name: "attributes", type: "object", delimiter: nil, description: "Facts the page states that have no field of their own, as a JSON object (empty when none).") { compactJSON($0.attributes) },
            Column(name: "unknownTerms", type: "object", delimiter: nil, description: "Labels the taxonomy did not know, by field, as a JSON object (empty when none).") { compactJSON($0.unknownTerms) },
            Column(name: "sourcePath", type: "string", delimiter: nil, description: "The input file, relative to the pipeline.json folder.") { $0.source.path },
            Column(name: "sourceFormat", type: "string", delimiter: nil, description: "The reader that read it (markdown, html).") { $0.source.format },
            Column(name: "sourceSha256", type: "string", delimiter: nil, description: "SHA-256 of the input file's bytes.") { $0.source.sha256 },
        ]
    }()

    /// Compact JSON for structured cells (sorted keys, so the bytes are stable).
    @Sendable static func compactJSON<T: Encodable>(_ v: T) -> String {
        String(decoding: (try? CanonicalJSON.encoder().encode(v)) ?? Data("null".utf8), as: UTF8.self)
    }

    /// RFC 4180 quoting: a field holding a comma, quote, CR or LF is quoted, quotes doubled.
    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ cells: [String]) -> String {
        cells.map(quote).joined(separator: ",") + "\r\n"
    }

    /// The header row, CRLF-terminated.
    public static var headerLine: String { row(columns.map(\.name)) }

    /// One record's row, CRLF-terminated.
    public static func line(for record: Exercise) -> String { row(columns.map { $0.cell(record) }) }

    public func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext) throws -> [String] {
        let file = try AtomicFile(output, path)
        try file.append(Self.headerLine)
        for record in records {
            try file.append(Self.line(for: record))
        }
        try file.commit()
        try output.write(try CanonicalJSON.data(datapackage()), to: datapackagePath)
        return [path, datapackagePath]
    }

    /// Frictionless Data Package (v2) describing the CSV.
    func datapackage() -> JSONValue {
        let fields: [JSONValue] = Self.columns.map { c in
            var o: [String: JSONValue] = ["name": .string(c.name), "type": .string(c.type), "description": .string(c.description)]
            if let d = c.delimiter { o["delimiter"] = .string(d); o["itemType"] = .string("string") }
            return .object(o)
        }
        return .object([
            "$schema": .string("https://datapackage.org/profiles/2.0/datapackage.json"),
            "name": .string("exercises"),
            "resources": .array([.object([
                "name": .string("exercises"),
                "path": .string(Self.relativePath(from: datapackagePath, to: path)),
                "type": .string("table"),
                "format": .string("csv"),
                "mediatype": .string("text/csv"),
                "encoding": .string("utf-8"),
                "dialect": .object([
                    "$schema": .string("https://datapackage.org/profiles/2.0/tabledialect.json"),
                    "delimiter": .string(","),
                    "lineTerminator": .string("\r\n"),
                    "quoteChar": .string("\""),
                    "doubleQuote": .bool(true),
                    "header": .bool(true),
                ]),
                "schema": .object([
                    "$schema": .string("https://datapackage.org/profiles/2.0/tableschema.json"),
                    "fields": .array(fields),
                    "primaryKey": .array([.string("id")]),
                ]),
            ])]),
        ])
    }

    /// The CSV's path as seen from the folder of the datapackage.json (both relative to output).
    static func relativePath(from descriptor: String, to target: String) -> String {
        var base = descriptor.split(separator: "/").dropLast().map(String.init)
        var parts = target.split(separator: "/").map(String.init)
        while let b = base.first, let p = parts.first, b == p, parts.count > 1 {
            base.removeFirst()
            parts.removeFirst()
        }
        return (Array(repeating: "..", count: base.count) + parts).joined(separator: "/")
    }
}
