import ArgumentParser
import ExerciseExporters

struct SQLiteSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqlite-schema",
        abstract: "Print the sqlite exporter's tables, columns and CREATE statements (markdown).",
        discussion: "The page in docs/ is this output: `exercise-pipeline sqlite-schema > docs/sqlite.md`."
    )

    func run() throws {
        print(SQLiteSchema.referencePage, terminator: "")
    }
}
