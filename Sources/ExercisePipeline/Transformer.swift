import ExerciseModel
import ExerciseTaxonomy

/// A named stage between extraction and export. Stages run in the order pipeline.json lists them,
/// with one rule: every per-record stage (`RecordTransformer`) runs inside each page's own job, in
/// parallel, before any batch stage, because a batch stage sees the batch's record keys rather
/// than whole records. The batch stages the tool has (unique ids) only touch ids, which no
/// per-record stage reads, so the outcome is the order pipeline.json gives.
public protocol Transformer: Sendable {
    /// The name pipeline.json uses for the stage.
    static var name: String { get }
    /// One line for `--help` and the README.
    static var summary: String { get }
    init(options: inout ConfigObject, context: StageContext) throws
}

/// A stage that is a pure function of one record, with its source map (for diagnostics naming
/// lines) and the prose the page gave.
public protocol RecordTransformer: Transformer {
    func transform(_ item: ExtractedRecord, diagnostics: inout DiagnosticSink) -> ExtractedRecord
}

/// A stage over the whole batch, run once after every page is converted. It sees each record's
/// key — id, source path, position on the page, the line of its name — never the records
/// themselves: those stay on disk until export, so that memory does not grow with the batch.
public protocol BatchTransformer: Transformer {
    func transform(keys: consuming [RecordKey], diagnostics: inout DiagnosticSink) -> [RecordKey]
}

/// What a batch stage knows of a record.
public struct RecordKey: Sendable, Equatable {
    public var id: String
    public var path: String
    /// The record's place among its page's records (0 on a single-exercise page).
    public var position: Int
    /// The line of the record's name, for diagnostics.
    public var nameLine: Int?
    /// Where the record is: its page in the batch and its index among the page's records.
    public var page: Int
    public var index: Int

    public init(id: String, path: String, position: Int, nameLine: Int?, page: Int, index: Int) {
        (self.id, self.path, self.position, self.nameLine, self.page, self.index) = (id, path, position, nameLine, page, index)
    }
}

/// A per-record stage whose only setting is the taxonomy in force (it takes no options).
public protocol TaxonomyStage: RecordTransformer {
    init(taxonomy: Taxonomy)
}

extension TaxonomyStage {
    public init(options: inout ConfigObject, context: StageContext) throws {
        self.init(taxonomy: context.taxonomy)
    }
}

/// A stage that takes no options.
public protocol OptionlessStage: Transformer {
    init()
}

extension OptionlessStage {
    public init(options: inout ConfigObject, context: StageContext) throws { self.init() }
}

/// What stages may need from the pipeline besides their options.
public struct StageContext: Sendable {
    public var taxonomy: Taxonomy
    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }
}

/// The findings the transformers (and the runner's id rules) report, for `docs/diagnostics.md`.
public enum TransformerDiagnostics {
    public static let codes: [DiagnosticCode] = [
        .assumedMisspelling, .scaleDifficulty, .qualifierDropped, .splitLabel, .unknownTerm, .termsFromText, .noTermsInText,
        .noneGiven, .undeclaredMuscle, .idFallback, .idShortened, .duplicateID,
    ]
}
