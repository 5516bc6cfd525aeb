import ExerciseExporters
import ExerciseExtraction
import ExerciseModel
import ExerciseReaders

/// Everything this build can read, transform and write, declared once (as pandoc's `readers` and
/// `writers` lists are). pipeline.json, `convert`, `--help`, the JSON Schema's enums, the docs and
/// the tests all derive from these lists: a new reader, transformer or exporter is one file plus
/// one line here.
public enum Catalogue {
    /// Input formats, in the order help text lists them.
    public static let readers: [any DocumentReader] = [MarkdownReader(), HTMLReader()]

    public static let transformers: [any Transformer.Type] = [
        NormalizeTaxonomy.self, AssignID.self, LintMuscles.self, UniqueIDs.self,
    ]

    /// The stages `convert` and a pipeline.json without `transformers` run, in order.
    public static let defaultTransformers: [any Transformer.Type] = [
        NormalizeTaxonomy.self, AssignID.self, LintMuscles.self, UniqueIDs.self,
    ]

    public static let exporters: [any Exporter.Type] = [
        JSONRecordExporter.self, JSONDatasetExporter.self, NDJSONExporter.self, JSONSchemaExporter.self,
        CSVExporter.self, JSONLDExporter.self, HTMLSnippetExporter.self, FreeExerciseDBExporter.self,
        ExerciseDBExporter.self, TaxonomyExporter.self, SQLiteExporter.self,
    ]

    /// Every kind of finding the tool reports, by stage (`docs/diagnostics.md`).
    public static let diagnostics: [(stage: String, codes: [DiagnosticCode])] = [
        ("discover and read", PipelineDiagnostics.codes + ReaderDiagnostics.codes),
        ("extract", ExtractionDiagnostics.codes),
        ("transform", TransformerDiagnostics.codes),
        ("export", ExporterDiagnostics.codes),
    ]

    // MARK: Look-ups

    public static var readerFormats: [String] { readers.map { type(of: $0).format } }

    public static func reader(for format: String) -> (any DocumentReader)? {
        readers.first { type(of: $0).format == format }
    }

    public static func defaultExtensions(of format: String) -> [String] {
        reader(for: format).map { type(of: $0).defaultExtensions } ?? []
    }

    /// The reader that takes a file with this extension by default.
    public static func format(forExtension ext: String) -> String? {
        readerFormats.first { defaultExtensions(of: $0).contains(ext.lowercased()) }
    }

    public static var transformerNames: [String] { transformers.map { $0.name } }

    public static func transformer(named name: String) -> (any Transformer.Type)? {
        transformers.first { $0.name == name }
    }

    /// Exporter formats, sorted (as error messages list them).
    public static var exporterFormats: [String] { exporters.map { $0.format }.sorted() }

    public static func exporter(for format: String) -> (any Exporter.Type)? {
        exporters.first { $0.format == format }
    }
}
