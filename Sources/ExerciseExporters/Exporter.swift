import ExerciseModel
import ExerciseTaxonomy

/// One exporter per output format. Per-record exporters write one file per exercise; dataset
/// exporters stream every record into one file. Records arrive sorted by id with unique, file-safe
/// ids (the runner guarantees it); output bytes depend on nothing but the records, the options and
/// the context.
public protocol Exporter: Sendable {
    /// The `format` value that selects this exporter in pipeline.json.
    static var format: String { get }
    /// One line for `--help` and the README.
    static var summary: String { get }
    /// The keys its pipeline.json object takes besides `format`, exactly those `init` reads (a
    /// test holds the two together): docs/pipeline.schema.json is made from them.
    static func options(_ context: ExportContext) -> [ConfigOption]
    /// Builds the exporter from its pipeline.json object (already past `format`), rejecting
    /// unknown keys and bad values with their key path.
    init(options: inout ConfigObject, context: ExportContext) throws
    /// What the exporter writes, relative to the output folder: checked against the others'
    /// claims when pipeline.json is read, so that no two exporters write one file.
    var outputs: [OutputClaim] { get }
    /// Opens the exporter's files under `output` for one run; the runner streams every record to
    /// the writer (`ExportWriter`). What a format cannot carry over is reported in the writer's
    /// diagnostics, naming each record's file.
    func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter
}

/// A path an exporter writes: one file, or a folder it fills with one file per record.
public enum OutputClaim: Sendable, Equatable {
    case file(String)
    case folder(String)

    public var path: String {
        switch self {
        case .file(let p), .folder(let p): p
        }
    }
}

/// Exporters that write one file at `path` (dataset exporters).
public protocol SingleFileExporter: Exporter {
    var path: String { get }
}

extension SingleFileExporter {
    public var outputs: [OutputClaim] { [.file(path)] }
}

/// Exporters that fill the folder at `path` with one file per record.
public protocol PerRecordExporter: Exporter {
    var path: String { get }
    /// The suffix of each record's main file, `<id><suffix>` (the one `convert` prints when the
    /// format writes several per record).
    var fileSuffix: String { get }
}

extension PerRecordExporter {
    public var outputs: [OutputClaim] { [.folder(path)] }
}

/// An exporter whose output names each exercise page's URL (`baseURL`): `--base-url` on the
/// command line sets it on the configured exporter, keeping its other options.
public protocol TakesBaseURL: Exporter {
    /// The same exporter with this base URL, checked as pipeline.json's `baseURL` is.
    func with(baseURL: String) throws -> Self
}

/// An exporter whose only option is where it writes (`path`, relative to the output folder).
public protocol PathOnlyExporter: Exporter {
    static var defaultPath: String { get }
    init(path: String)
}

extension PathOnlyExporter {
    public static func options(_ context: ExportContext) -> [ConfigOption] { [.path(default: defaultPath)] }

    public init(options: inout ConfigObject, context: ExportContext) throws {
        self.init(path: try options.string("path") ?? Self.defaultPath)
    }
}

/// What every exporter may consult besides the records: the taxonomy in force (with its
/// crosswalks to other apps' vocabularies) and the formats the catalogue's readers produce.
public struct ExportContext: Sendable {
    public var taxonomy: Taxonomy
    /// The values `source.format` can hold, in catalogue order.
    public var readerFormats: [String]

    public init(taxonomy: Taxonomy, readerFormats: [String]) {
        self.taxonomy = taxonomy
        self.readerFormats = readerFormats
    }

    /// A taxonomy id's English name, or the id itself when it is unknown (never invented).
    public func displayName(_ kind: TaxonomyKind, _ id: String) -> String {
        taxonomy[kind].term(id)?.name ?? id
    }
}

/// The findings the exporters report, for `docs/diagnostics.md`.
public enum ExporterDiagnostics {
    public static let codes: [DiagnosticCode] = [.noCounterpart, .valueDropped, .fallbackUsed, .recordLeftOut, .writeFailed, .notATaxonomyID, .relativeMedia, .relativeLink, .urlPlaceholderFallback, .cellTooLong]
}

extension DiagnosticCode {
    /// Shared by the formats whose columns or link tables take taxonomy ids only (csv, sqlite).
    static let notATaxonomyID = DiagnosticCode("not-a-taxonomy-id", .warning,
        "A record's taxonomy field holds a label that is not an id of the taxonomy in force (the `normalize-taxonomy` stage did not run, or did not know it). Formats whose columns take ids only keep it apart: the csv in its unknownTerms column (so datapackage.json's constraints hold), the sqlite export in exercise_unknown_terms (so the link tables' foreign keys resolve). Run `normalize-taxonomy`, or add the term with a taxonomy extension.")
}

import Foundation
