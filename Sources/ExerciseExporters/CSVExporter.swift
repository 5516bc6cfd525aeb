import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// `csv`: one row per exercise (RFC 4180: CRLF line ends, fields quoted when they hold `,` `"` CR
/// or LF), plus a Frictionless `datapackage.json` describing every column.
///
/// Cells that hold several values: taxonomy ids are joined with `; ` (ids never contain it); steps,
/// tips and mistakes with a line feed (the text is whitespace-collapsed, so it never contains one,
/// and a spreadsheet shows one item per line); faq, related, variations, media, attributes and unknownTerms are JSON.
///
/// Options: `bom` (true: a UTF-8 byte order mark, for spreadsheets that guess the encoding),
/// `formulaProtection` (default true: a cell whose text begins with `=`, `+`, `-`, `@`, tab or CR
/// — or with `'` followed by one of those — gets a leading `'`, so a spreadsheet shows it as text
/// instead of running it as a formula; false for pure data use), `longTables` (true: also
/// `exercise_muscles.csv` (exercise_id, muscle, role), `exercise_equipment.csv` (exercise_id,
/// equipment), `exercise_body_parts.csv` (exercise_id, body_part) and `exercise_steps.csv`
/// (exercise_id, position, text) beside the main file, for relational loading), `package` (the
/// datapackage's name, title, description, licenses and sources: `DataPackageInfo`).
/// With protection off, every cell reads back to exactly the record's value; with it on, after
/// removing that one leading `'`. Taxonomy columns hold only ids (`idsOnly`).
public struct CSVExporter: Exporter {
    public static let format = "csv"
    public static let summary = "one row per exercise, RFC 4180, with a Frictionless datapackage.json (options: path, datapackage, bom, formulaProtection, longTables, package)"

    public var path: String
    public var datapackagePath: String
    public var bom: Bool
    public var formulaProtection: Bool
    public var longTables: Bool
    public var package: DataPackageInfo

    public static func options(_ context: ExportContext) -> [ConfigOption] {
        [
            .path("The main table, relative to the output folder; the long tables go beside it.", default: "exercises.csv"),
            .string("datapackage", "The Frictionless data package describing the tables, relative to the output folder.", default: "datapackage.json"),
            .bool("bom", "Start each file with a UTF-8 byte order mark (for Excel).", default: false),
            .bool("formulaProtection", "Prefix cells that start with = + - @ with ' so spreadsheets do not run them as formulas.", default: true),
            .bool("longTables", "Also write one row per list item (exercise_muscles.csv, exercise_equipment.csv, exercise_body_parts.csv, exercise_steps.csv), keyed by exercise_id.", default: false),
            DataPackageInfo.option,
        ]
    }

    public init(options: inout ConfigObject, context: ExportContext) throws {
        path = try options.string("path") ?? "exercises.csv"
        datapackagePath = try options.string("datapackage") ?? "datapackage.json"
        bom = try options.bool("bom") ?? false
        formulaProtection = try options.bool("formulaProtection") ?? true
        longTables = try options.bool("longTables") ?? false
        package = try DataPackageInfo(options: &options)
    }

    public init(formulaProtection: Bool = true) {
        path = "exercises.csv"
        datapackagePath = "datapackage.json"
        bom = false
        self.formulaProtection = formulaProtection
        longTables = false
        package = DataPackageInfo()
    }

    /// A column: its name, Frictionless type, list delimiter if any, and meaning; `kind` or
    /// `values` limit it to a vocabulary's ids or to fixed values (an enum constraint).
    struct Column: Sendable {
        var name: String
        var type: String
        var delimiter: String? = nil
        var description: String
        var kind: TaxonomyKind? = nil
        var values: [String]? = nil
    }

    /// One CSV file: its columns and, per record, its rows.
    struct Table: Sendable {
        var name: String
        var columns: [Column]
        var primaryKey: [String]
        var rows: @Sendable (Exercise) -> [[String]]
    }

    static let idListDelimiter = "; "
    static let textListDelimiter = "\n"

    /// Compact canonical JSON (what `JSONEncoder` with `CanonicalJSON.encoder()`'s options gives),
    /// by the direct writer: six of these per record through the encoder were a third of the
    /// exporter's time.
    static func compactJSON<T: CanonicalJSONWritable>(_ v: T) -> String {
        var json = CanonicalJSONWriter(pretty: false)
        v.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    static let mainTableName = "exercises"

    /// The main table; `readerFormats` are the values `sourceFormat` can hold (the catalogue's readers).
    static func mainTable(readerFormats: [String]) -> Table {
        func text(_ f: Exercise.Field) -> Column { Column(name: f.rawValue, type: "string", description: f.meaning) }
        func ids(_ f: Exercise.Field) -> Column { Column(name: f.rawValue, type: "list", delimiter: idListDelimiter, description: f.meaning) }
        func texts(_ f: Exercise.Field) -> Column { Column(name: f.rawValue, type: "list", delimiter: textListDelimiter, description: f.meaning) }
        let columns = [
            text(.id), text(.name), text(.summary), ids(.bodyParts), ids(.equipment), ids(.primaryMuscles), ids(.secondaryMuscles), ids(.stabilizerMuscles),
            Column(name: "difficulty", type: "string", description: Exercise.Field.difficulty.meaning, kind: .difficulty),
            Column(name: "category", type: "string", description: Exercise.Field.category.meaning, kind: .category), texts(.steps), texts(.tips), texts(.mistakes),
            Column(name: "faq", type: "array", description: Exercise.Field.faq.meaning + " JSON array."),
            Column(name: "related", type: "array", description: Exercise.Field.related.meaning + " JSON array."),
            Column(name: "variations", type: "array", description: Exercise.Field.variations.meaning + " JSON array."),
            Column(name: "media", type: "array", description: Exercise.Field.media.meaning + " JSON array."),
            Column(name: "attributes", type: "object", description: "Facts the page states that have no field of their own, as a JSON object (empty when none)."),
            Column(name: "unknownTerms", type: "object", description: "Labels the taxonomy did not know, by field, as a JSON object (empty when none)."),
            Column(name: "sourcePath", type: "string", description: "The input file, relative to the pipeline.json folder."),
            Column(name: "sourceFormat", type: "string", description: "The reader that read it (\(readerFormats.joined(separator: ", ")))."),
            Column(name: "sourceSha256", type: "string", description: "SHA-256 of the input file's bytes."),
        ]
        return Table(name: mainTableName, columns: columns, primaryKey: ["id"]) { r in
            [[
                r.id, r.name, r.summary ?? "",
                r.bodyParts.joined(separator: idListDelimiter), r.equipment.joined(separator: idListDelimiter),
                r.primaryMuscles.joined(separator: idListDelimiter), r.secondaryMuscles.joined(separator: idListDelimiter),
                r.stabilizerMuscles.joined(separator: idListDelimiter),
                r.difficulty ?? "", r.category ?? "",
                r.steps.joined(separator: textListDelimiter), r.tips.joined(separator: textListDelimiter), r.mistakes.joined(separator: textListDelimiter),
                compactJSON(r.faq), compactJSON(r.related), compactJSON(r.variations), compactJSON(r.media),
                compactJSON(r.attributes), compactJSON(r.unknownTerms),
                r.source.path, r.source.format, r.source.sha256,
            ]]
        }
    }

    /// The long tables' column naming the exercise: a foreign key to the main table's `id`.
    static let exerciseKey = "exercise_id"

    static let longTables: [Table] = {
        let exercise = Column(name: exerciseKey, type: "string", description: "The exercise's id (exercises.csv).")
        return [
            Table(name: "exercise_muscles", columns: [
                exercise,
                Column(name: "muscle", type: "string", description: "A muscle taxonomy id.", kind: .muscle),
                Column(name: "role", type: "string", description: "primary (target), secondary or stabilizer.", values: ["primary", "secondary", "stabilizer"]),
            ], primaryKey: [exerciseKey, "muscle"]) { r in
                // One row per muscle (its first role), as the primary key requires.
                var seen: Set<String> = []
                return [(r.primaryMuscles, "primary"), (r.secondaryMuscles, "secondary"), (r.stabilizerMuscles, "stabilizer")].flatMap { muscles, role in
                    muscles.filter { seen.insert($0).inserted }.map { [r.id, $0, role] }
                }
            },
            Table(name: "exercise_equipment", columns: [
                exercise, Column(name: "equipment", type: "string", description: "An equipment taxonomy id.", kind: .equipment),
            ], primaryKey: [exerciseKey, "equipment"]) { r in r.equipment.map { [r.id, $0] } },
            Table(name: "exercise_body_parts", columns: [
                exercise, Column(name: "body_part", type: "string", description: "A body-part taxonomy id.", kind: .bodyPart),
            ], primaryKey: [exerciseKey, "body_part"]) { r in r.bodyParts.map { [r.id, $0] } },
            Table(name: "exercise_steps", columns: [
                exercise,
                Column(name: "position", type: "integer", description: "The step's position, from 1."),
                Column(name: "text", type: "string", description: "The step, plain text."),
            ], primaryKey: [exerciseKey, "position"]) { r in r.steps.enumerated().map { [r.id, String($0.offset + 1), $0.element] } },
        ]
    }()

    /// Cells a spreadsheet would run as a formula get a leading `'` (see the type's comment).
    static func protect(_ cell: String) -> String {
        // Most cells start with a byte no trigger (nor the quote) starts: no Character asked.
        guard let byte = cell.utf8.first, protectionBytes.contains(byte) else { return cell }
        guard let first = cell.first else { return cell }
        if triggers.contains(first) { return "'" + cell }
        if first == "'", let second = cell.dropFirst().first, triggers.contains(second) { return "'" + cell }
        return cell
    }

    private static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
    /// The first bytes of the triggers and of `'`.
    private static let protectionBytes: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x27]

    /// RFC 4180 quoting: a field holding a comma, quote, CR or LF is quoted, quotes doubled.
    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `quote` appended to a line's bytes: the field is scanned and copied a run at a time, on
    /// its UTF-8 bytes (byte by byte into a string, it was half the exporter's time).
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            guard u.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
                out.append(contentsOf: u)
                return
            }
            out.append(0x22)
            var start = 0
            for i in 0..<u.count where u[i] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...i]))
                out.append(0x22)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
            out.append(0x22)
        }
    }

    func line(_ cells: [String]) -> String {
        var out: [UInt8] = []
        appendLine(cells, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A row's bytes: its cells protected and quoted, separated by commas, ended by CR LF.
    func appendLine(_ cells: [String], to out: inout [UInt8]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(0x2C) }
            Self.appendQuoted(formulaProtection ? Self.protect(cell) : cell, to: &out)
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    public var outputs: [OutputClaim] {
        [.file(path), .file(datapackagePath)] + (longTables ? Self.longTables.map { .file(tablePath($0)) } : [])
    }

    func tablePath(_ table: Table) -> String {
        table.name == Self.mainTableName ? path : Self.sibling(of: path, named: "\(table.name).csv")
    }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        let tables = [Self.mainTable(readerFormats: context.readerFormats)] + (longTables ? Self.longTables : [])
        var files: [AtomicFile] = []
        for table in tables {
            let file = try AtomicFile(output, tablePath(table))
            if bom { try file.append(Data([0xEF, 0xBB, 0xBF])) }
            try file.append(line(table.columns.map(\.name)))
            files.append(file)
        }
        return Writer(exporter: self, tables: tables, files: files, output: output, taxonomy: context.taxonomy)
    }

    /// The most characters (UTF-16 units) Excel and Google Sheets keep in one cell.
    static let spreadsheetCellLimit = 32_767

    /// Every table's file open at once, a row at a time; datapackage.json at the end.
    final class Writer: ExportWriter {
        let exporter: CSVExporter
        let tables: [Table]
        let files: [AtomicFile]
        let output: OutputDirectory
        let taxonomy: Taxonomy

        init(exporter: CSVExporter, tables: [Table], files: [AtomicFile], output: OutputDirectory, taxonomy: Taxonomy) {
            (self.exporter, self.tables, self.files, self.output, self.taxonomy) = (exporter, tables, files, output, taxonomy)
        }

        func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
            let records = chunk.records.map { CSVExporter.idsOnly($0, taxonomy: taxonomy, diagnostics: &diagnostics) }
            var lines: [UInt8] = []
            for (table, file) in zip(tables, files) {
                lines.removeAll(keepingCapacity: true)
                for record in records {
                    for row in table.rows(record) {
                        exporter.appendLine(row, to: &lines)
                        // (A byte count first: the UTF-16 count is asked of the rare long cell only.)
                        // (Counted as written: formula protection may add a `'`.)
                        for (i, cell) in row.enumerated() where cell.utf8.count >= CSVExporter.spreadsheetCellLimit {
                            let written = (exporter.formulaProtection ? CSVExporter.protect(cell) : cell).utf16.count
                            guard written > CSVExporter.spreadsheetCellLimit else { continue }
                            diagnostics.report(.cellTooLong, "csv: record '\(record.id)' has \(written) characters in \(table.name).\(table.columns[i].name); Excel and Google Sheets keep at most \(CSVExporter.spreadsheetCellLimit) in a cell and cut the rest", file: record.source.path)
                        }
                    }
                }
                try file.append(lines)
            }
        }

        func finish(diagnostics: inout DiagnosticSink) throws {
            for file in files { try file.commit() }
            try output.write(CanonicalJSON.data(exporter.datapackage(tables, taxonomy: taxonomy)), to: exporter.datapackagePath)
        }
    }

    static func sibling(of path: String, named name: String) -> String {
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        return folder.isEmpty ? name : "\(folder)/\(name)"
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

extension DiagnosticCode {
    static let cellTooLong = DiagnosticCode("cell-too-long", .warning,
        "A CSV cell holds more than 32,767 characters, the most Excel and Google Sheets keep in a cell: they cut the rest when the file is opened (the file itself holds it all). Shorten the page's text, or read the CSV with a tool that has no such limit.")
}
