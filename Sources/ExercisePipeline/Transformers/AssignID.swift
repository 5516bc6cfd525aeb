import ExerciseModel

/// `assign-id`: gives each record its id, the kebab-case slug of its name, unless the page set one
/// (front matter `slug`). Names with no Latin letters fall back to the file name, then to a prefix
/// of the content hash, so every record has a safe, non-empty file name.
public struct AssignID: RecordTransformer {
    public static let name = "assign-id"
    public static let summary = "set id to the slug of the name (front matter slug wins; file name or hash as fallback)"

    public init(options: inout ConfigObject, context: StageContext) throws {}
    public init() {}

    public func transform(_ record: Exercise, diagnostics: inout DiagnosticSink) -> Exercise {
        var r = record
        if r.id.isEmpty { r.id = PlainText.slug(r.name) }
        if r.id.isEmpty {
            let stem = r.source.path.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? ""
            r.id = PlainText.slug(stem)
            if r.id.isEmpty { r.id = "exercise-" + String(r.source.sha256.prefix(12)) }
            diagnostics.info("id-fallback", "name '\(r.name)' gives no usable id; using '\(r.id)'", line: r.lines[.name])
        }
        return r
    }
}
