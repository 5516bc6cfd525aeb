import ArgumentParser
import ExerciseExporters
import ExerciseModel
import ExercisePipeline
import Foundation

/// `exercise-pipeline schema`: pipeline.json's JSON Schema, for editors (`"$schema"` in the file).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of pipeline.json: every key and exporter option, described.",
        discussion: """
        docs/pipeline.schema.json is this output. Point pipeline.json's "$schema" key at a copy \
        (e.g. "$schema": "docs/pipeline.schema.json") and editors complete and check the file.
        """
    )

    func run() throws {
        let taxonomy = try Terminal.builtInTaxonomy()
        let context = ExportContext(taxonomy: taxonomy, readerFormats: Catalogue.readerFormats)
        FileHandle.standardOutput.write(try CanonicalJSON.data(PipelineSchema.document(context)))
    }
}
