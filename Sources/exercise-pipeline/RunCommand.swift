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

    @Option(help: ArgumentHelp("Convert only shard K of N of the inputs (by a hash of each path) into the --output folder, for `merge`.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Convert every page again, ignoring the incremental cache in the output's state folder.")
    var force = false

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics), not only errors and warnings.")
    var verbose = false

    @Flag(help: "After the summary, print the time each stage took (discover, read, parse, extract, each transformer and exporter, the state files), summed over pages.")
    var profile = false

    @Flag(name: .shortAndLong, help: "Print only errors and the summary line (no warnings, notes or progress).")
    var quiet = false

    @Flag(help: "Fail (exit status 1) when any page has a warning, not only on errors: for CI that keeps content clean.")
    var strict = false

    @Option(help: ArgumentHelp("How diagnostics are printed: text (file:line: severity: message [code]), json (one object a line) or github (annotations in GitHub Actions).", valueName: "style"))
    var diagnostics: Terminal.DiagnosticStyle = .text

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet ask for opposite things: give one of them") }
        if let shard {
            guard Shard(shard) != nil else { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. --shard 2/8; found '\(shard)'") }
            guard output != nil else { throw ValidationError("--shard needs --output PART: each shard writes a partial output for `merge`") }
        }
    }

    func run() throws {
        let pipeline = try Terminal.exitingOnConfigErrors(config) { try PipelineConfig.load(from: URL(fileURLWithPath: config)) }
        let progress: (@Sendable (Int, Int) -> Void)? = Terminal.stderrIsTerminal && !quiet ? Terminal.progress : nil
        var runner = PipelineRunner(config: pipeline, outputOverride: output.map { URL(fileURLWithPath: $0) }, progress: progress)
        runner.force = force
        if profile { runner.profile = StageClock() }
        if let shard = shard.flatMap(Shard.init), let output {
            let batch = try Terminal.exitingOnOutputErrors { try Terminal.exitingOnConfigErrors(config) { try runner.runShard(shard, to: URL(fileURLWithPath: output)) } }
            Terminal.error("shard \(shard.index)/\(shard.count): converted \(batch.convertedCount) of \(batch.fileCount) files into \(output)/ (merge the shards with `exercise-pipeline merge`)")
            return
        }
        runner.shownSeverities = Terminal.shown(verbose: verbose, quiet: quiet)
        runner.onDiagnostic = Terminal.printer(showing: runner.shownSeverities, style: diagnostics)
        let outcome = try Terminal.exitingOnOutputErrors { try Terminal.exitingOnConfigErrors(config) { try runner.run() } }
        let reuse = outcome.unchanged ? "nothing changed since the last run; " : (outcome.reused > 0 ? "\(outcome.reused) of \(outcome.pages) pages reused from the cache; " : "")
        Terminal.error("\(outcome.totals.summaryLine); \(reuse)\(outcome.fileCount) output files in \(output ?? pipeline.output)/")
        if let clock = runner.profile { Terminal.error(clock.table) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        if strict && outcome.totals.warnings > 0 {
            Terminal.error("--strict: \(outcome.totals.warnings) warning\(outcome.totals.warnings == 1 ? "" : "s") count as failure")
            throw ExitCode(1)
        }
    }
}
