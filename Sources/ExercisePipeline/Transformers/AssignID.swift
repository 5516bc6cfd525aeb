import ExerciseModel

/// `assign-id`: gives each record its id, the kebab-case slug of its name, unless the page set one
/// (front matter `slug`). Names with no Latin letters fall back to the file name, then to a prefix
/// of the content hash; long ids are cut with a hash suffix (`RecordIDs`).
public struct AssignID: RecordTransformer, OptionlessStage {
    public static let name = "assign-id"
    public static let summary = "set id to the slug of the name (front matter slug wins; file name or hash as fallback)"

    public init() {}

    public func transform(_ item: ExtractedRecord, diagnostics: inout DiagnosticSink) -> ExtractedRecord {
        var item = item
        RecordIDs.assign(&item, diagnostics: &diagnostics)
        return item
    }
}
