import ExerciseModel
import ExerciseTaxonomy
import Synchronization

/// One exporter per output format. Per-record exporters write one file per exercise; dataset
/// exporters stream every record into one file. Records arrive sorted by id; output bytes depend
/// on nothing but the records and the options.
public protocol Exporter: Sendable {
    /// The `format` value that selects this exporter in pipeline.json.
    static var format: String { get }
    /// One line for `--help` and the README.
    static var summary: String { get }
    /// Builds the exporter from its pipeline.json object (already past `format`), rejecting
    /// unknown keys with their key path.
    init(options: inout ConfigObject) throws
    /// Writes the records under `output`, returning the paths written (relative to `output`).
    func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext) throws -> [String]
}

/// An exporter whose only option is where it writes (`path`, relative to the output folder).
public protocol PathOnlyExporter: Exporter {
    static var defaultPath: String { get }
    init(path: String)
}

extension PathOnlyExporter {
    public init(options: inout ConfigObject) throws {
        self.init(path: try options.string("path") ?? Self.defaultPath)
    }
}

/// What every exporter may consult besides the records, and where it reports what it could not
/// carry over (a value another app's format has no counterpart for).
public struct ExportContext: Sendable {
    public var taxonomy: Taxonomy
    public let log = DiagnosticLog()
    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }

    /// A taxonomy id's English name, or the id itself when it is unknown (never invented).
    public func displayName(_ kind: TaxonomyKind, _ id: String) -> String {
        taxonomy[kind].term(id)?.name ?? id
    }
}

/// The exporters this build knows, by format name.
public enum ExporterRegistry {
    public static let types: [any Exporter.Type] = [
        JSONRecordExporter.self, JSONDatasetExporter.self, NDJSONExporter.self, JSONSchemaExporter.self,
        CSVExporter.self, JSONLDExporter.self, HTMLSnippetExporter.self, FreeExerciseDBExporter.self, ExerciseDBExporter.self, TaxonomyExporter.self,
    ]
    public static func type(for format: String) -> (any Exporter.Type)? {
        types.first { $0.format == format }
    }
    public static var formats: [String] { types.map { $0.format }.sorted() }
}

/// Diagnostics collected from exporters (which may work on several threads).
public final class DiagnosticLog: Sendable {
    private let entries = Mutex<[Diagnostic]>([])
    public init() {}
    public func append(_ d: Diagnostic) { entries.withLock { $0.append(d) } }
    public var all: [Diagnostic] { entries.withLock { $0 } }
}
