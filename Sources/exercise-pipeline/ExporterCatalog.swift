import ExerciseExporters

enum ExporterCatalog {
    static var formats: String { ExporterRegistry.formats.joined(separator: ", ") }
}
