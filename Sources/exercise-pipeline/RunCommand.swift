import ArgumentParser
import ExerciseModel
import ExercisePipeline
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline a pipeline.json describes (the default command).",
        discussion: """
        Reads every file under the configured inputs, converts each page to an exercise record, runs \
        the transformers in order, writes each exporter's files into the output folder and \
        report.json beside them. Relative paths in pipeline.json resolve against its own folder.

        pipeline.json keys: input (folder(s), or {"paths": [...], "exclude": ["glob", ...]}), output, \
        importers ([{"format": "markdown", "extensions": ["md"]}]), transformers (names, in order), \
        exporters ([{"format": "json"}, ...]), taxonomy. Unknown keys are errors naming the key path.

        Transformers (in the order given):
        \(StageCatalog.transformers)

        Exporters (by "format"; each also takes "path"):
        \(StageCatalog.exporters)
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The pipeline to run.", valueName: "pipeline.json"))
    var config: String = "pipeline.json"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write into this folder instead of the configured output.", valueName: "folder"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics), not only errors and warnings.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only the summary line.")
    var quiet = false

    func run() throws {
        let configURL = URL(fileURLWithPath: config)
        let pipeline: PipelineConfig
        do {
            pipeline = try PipelineConfig.load(from: configURL)
        } catch let error as ConfigError {
            Terminal.error("\(config): \(error.description)")
            throw ExitCode(64)
        } catch let errors as ConfigErrors {
            for error in errors.errors { Terminal.error("\(config): \(error.description)") }
            throw ExitCode(64)
        }
        let progress: (@Sendable (Int, Int) -> Void)? = Terminal.stderrIsTerminal && !quiet ? Terminal.progress : nil
        let runner = PipelineRunner(config: pipeline, outputOverride: output.map { URL(fileURLWithPath: $0) }, progress: progress)
        let outcome: PipelineRunner.Outcome
        do {
            outcome = try runner.run()
        } catch let error as ConfigError {
            Terminal.error("\(config): \(error.description)")
            throw ExitCode(64)
        } catch let errors as ConfigErrors {
            for error in errors.errors { Terminal.error("\(config): \(error.description)") }
            throw ExitCode(64)
        } catch {
            Terminal.error("exercise-pipeline: \(error)")
            throw ExitCode(1)
        }
        if !quiet { Terminal.print(outcome.report.diagnostics, verbose: verbose) }
        Terminal.error("\(outcome.report.summaryLine); \(outcome.written.count) output files in \(output ?? pipeline.output)/")
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
