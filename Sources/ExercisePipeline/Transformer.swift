import ExerciseModel
import ExerciseTaxonomy

/// A named stage between extraction and export. Stages run in the order pipeline.json lists them.
///
/// Most stages look at one record at a time (`RecordTransformer`): the runner applies a leading run
/// of those inside each file's own work, in parallel. A stage that needs the whole batch (unique
/// ids, dedupe) implements `transform(batch:)` and runs once, after every file is read. Stages see
/// each record with its source map (for diagnostics naming lines) and the prose the page gave.
public protocol Transformer: Sendable {
    /// The name pipeline.json uses for the stage.
    static var name: String { get }
    /// One line for `--help` and the README.
    static var summary: String { get }
    init(options: inout ConfigObject, context: StageContext) throws
    func transform(batch: [ExtractedRecord], diagnostics: inout DiagnosticSink) -> [ExtractedRecord]
}

/// A stage that is a pure function of one record.
public protocol RecordTransformer: Transformer {
    func transform(_ item: ExtractedRecord, diagnostics: inout DiagnosticSink) -> ExtractedRecord
}

extension RecordTransformer {
    public func transform(batch: [ExtractedRecord], diagnostics: inout DiagnosticSink) -> [ExtractedRecord] {
        batch.map { item in
            var sink = DiagnosticSink(file: item.record.source.path)
            let out = transform(item, diagnostics: &sink)
            diagnostics.append(contentsOf: sink.diagnostics)
            return out
        }
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
