import ExerciseModel
import ExerciseTaxonomy

/// A named stage between extraction and export. Stages run in the order pipeline.json lists them.
///
/// Most stages look at one record at a time (`RecordTransformer`): the runner applies a leading run
/// of those inside each file's own work, in parallel. A stage that needs the whole batch (unique
/// ids, dedupe) implements `transform(batch:)` and runs once, after every file is read.
public protocol Transformer: Sendable {
    /// The name pipeline.json uses for the stage.
    static var name: String { get }
    /// One line for `--help` and the README.
    static var summary: String { get }
    init(options: inout ConfigObject, context: StageContext) throws
    func transform(batch: [Exercise], diagnostics: inout [Diagnostic]) -> [Exercise]
}

/// A stage that is a pure function of one record.
public protocol RecordTransformer: Transformer {
    func transform(_ record: Exercise, diagnostics: inout DiagnosticSink) -> Exercise
}

extension RecordTransformer {
    public func transform(batch: [Exercise], diagnostics: inout [Diagnostic]) -> [Exercise] {
        batch.map { record in
            var sink = DiagnosticSink(file: record.source.path)
            let out = transform(record, diagnostics: &sink)
            diagnostics += sink.diagnostics
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

/// What stages may need from the pipeline besides their options.
public struct StageContext: Sendable {
    public var taxonomy: Taxonomy
    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }
}

/// The stages this build knows, by name.
public enum TransformerRegistry {
    public static let types: [any Transformer.Type] = [
        NormalizeTaxonomy.self, AssignID.self, LintMuscles.self, UniqueIDs.self,
    ]
    public static func type(named name: String) -> (any Transformer.Type)? {
        types.first { $0.name == name }
    }
    public static var names: [String] { types.map { $0.name } }
    /// The stages `convert` and a pipeline.json without `transformers` run.
    public static let defaultNames = [NormalizeTaxonomy.name, AssignID.name, LintMuscles.name, UniqueIDs.name]
}
