import ExercisePipeline
import ExerciseExporters

/// The stages and formats this build knows, one line each, for `--help`.
enum StageCatalog {
    static var exporters: String {
        ExporterRegistry.types.map { "  \($0.format): \($0.summary)" }.joined(separator: "\n")
    }

    static var transformers: String {
        TransformerRegistry.types.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
    }
}
