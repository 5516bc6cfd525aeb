import ExerciseModel

/// `taxonomy`: the whole taxonomy in force (built-in plus extensions), so consumers can resolve
/// ids to names, Latin names and parents (default `taxonomy.json`).
public struct TaxonomyExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "taxonomy"
    public static let summary = "the taxonomy in force: every id with names, synonyms and parents (path default: taxonomy.json)"
    public var path: String

    public static let defaultPath = "taxonomy.json"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        FinishWriter { _ in try output.write(CanonicalJSON.data(context.taxonomy.exportDocument), to: path) }
    }
}
