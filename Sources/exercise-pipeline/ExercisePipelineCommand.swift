import ArgumentParser

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
          # paths in the config are relative to its folder
          exercise-pipeline run --config site/pipeline.json
          # one page to stdout
          exercise-pipeline convert page.md --to jsonld
          cat page.html | exercise-pipeline convert - --from html
          exercise-pipeline taxonomy lookup muscle "Rear Delts"

        Diagnostics are printed as `path:line: severity: message [code]` and collected in report.json;
        `exercise-pipeline diagnostics` lists every code and what to do about it.

        Exit status:
          0   every input converted
          1   some inputs failed (the others were still converted and written)
          64  usage or configuration error (nothing was converted)
        """,
        version: "0.1.0",
        subcommands: [Run.self, Convert.self, Merge.self, TaxonomyCommand.self, DiagnosticsCommand.self, EvaluateCommand.self],
        defaultSubcommand: Run.self
    )
}
