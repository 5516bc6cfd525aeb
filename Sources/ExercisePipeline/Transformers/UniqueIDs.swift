import ExerciseModel

/// `unique-ids`: two pages with the same id would overwrite each other's files. The first (by
/// source path) keeps the id; later ones get `-2`, `-3`, … with a warning naming both files
/// (`RecordIDs.makeUnique`).
public struct UniqueIDs: BatchTransformer, OptionlessStage {
    public static let name = "unique-ids"
    public static let summary = "make ids unique: later duplicates (by source path) get -2, -3, … with a warning"

    public init() {}

    public func transform(keys: consuming [RecordKey], diagnostics: inout DiagnosticSink) -> [RecordKey] {
        RecordIDs.makeUnique(keys, diagnostics: &diagnostics)
    }
}
