import ArgumentParser
import ExerciseExporters
import ExerciseModel
import ExercisePipeline
import Foundation

/// `exercise-pipeline schema`: the contracts, as machines and people read them — pipeline.json's
/// JSON Schema (for editors), the record's JSON Schema and its reference page, the SQLite layout.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a schema: pipeline.json's or the record's JSON Schema (2020-12), or a reference page.",
        discussion: """
        schema pipeline            JSON Schema of pipeline.json (docs/pipeline.schema.json): point \
        pipeline.json's "$schema" key at a copy and editors complete and check the file
        schema record              JSON Schema of a record (what the json-schema exporter writes)
        schema record --markdown   the record reference (docs/record.md)
        schema sqlite              the sqlite export's tables and columns (docs/sqlite.md)
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case pipeline, record, sqlite
    }

    @Argument(help: "Which schema.")
    var kind: Kind = .pipeline

    @Flag(help: "With record: the reference page (markdown) instead of the JSON Schema.")
    var markdown = false

    func validate() throws {
        if markdown && kind == .pipeline { throw ValidationError("--markdown applies to `schema record`; pipeline.json's keys are described in the schema itself") }
    }

    func run() throws {
        let taxonomy = try Terminal.builtInTaxonomy()
        let context = ExportContext(taxonomy: taxonomy, readerFormats: Catalogue.readerFormats)
        switch kind {
        case .pipeline:
            FileHandle.standardOutput.write(CanonicalJSON.data(PipelineSchema.document(context)))
        case .record where markdown:
            print(RecordReference.page(context), terminator: "")
        case .record:
            FileHandle.standardOutput.write(CanonicalJSON.data(JSONSchemaExporter().schema(context)))
        case .sqlite:
            print(SQLiteSchema.referencePage, terminator: "")
        }
    }
}
