import ArgumentParser
import ExerciseModel

@main
struct ExercisePipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise-pipeline",
        abstract: "Turn directories of exercise pages (markdown, HTML) into one validated dataset: JSON, CSV and schema.org JSON-LD.",
        discussion: """
        With no subcommand, `run` is assumed: the pipeline in ./pipeline.json runs.

        Examples:
          # run ./pipeline.json (input/ → output/)
          exercise-pipeline
          # a folder with the bundled defaults, no pipeline.json; only two exporters
          exercise-pipeline run content/ -o out/ --only json-dataset,jsonld --base-url https://example.com/exercises/
          # paths in the config are relative to its folder
          exercise-pipeline run --config site/pipeline.json
          # pages to stdout or a file, like pandoc
          exercise-pipeline convert page.md -t jsonld
          exercise-pipeline convert content/ -t csv -o exercises.csv
          cat page.html | exercise-pipeline convert
          exercise-pipeline taxonomy lookup muscle "Rear Delts"
          # why a page came out as it did; how close to hand-made labels
          exercise-pipeline convert page.md --explain
          exercise-pipeline evaluate labels/truth.jsonl --min 0.95
          # one shard per machine, then one output
          exercise-pipeline run --shard 1/2 --output part-1
          exercise-pipeline merge --output output part-1 part-2
          # the contracts: pipeline.json's JSON Schema, the record's
          exercise-pipeline schema pipeline > pipeline.schema.json

        Diagnostics are printed as `path:line: severity: message [code]` and collected in
        report.json; `exercise-pipeline diagnostics` lists every code and what to do about it.
        Reruns reuse the pages that did not change (the output's .exercise-pipeline/ folder);
        `run --force` converts everything again.

        Exit status:
          0   every input converted
          1   some inputs failed, or some record could not be written (the rest were written);
              with --strict, also when some page has a warning
          64  usage or configuration error (nothing was converted)
          73  the output cannot be created or written
        """,
        // The record contract's version beside the tool's: consumers pin the schema, not the tool.
        version: "exercise-pipeline 0.1.0 (record schemaVersion \(Exercise.schemaVersion))",
        subcommands: [Run.self, Convert.self, Merge.self, TaxonomyCommand.self, DiagnosticsCommand.self, SchemaCommand.self, EvaluateCommand.self],
        defaultSubcommand: Run.self
    )
}
