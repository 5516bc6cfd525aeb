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

        Without a pipeline.json, name the folders (or files) to convert: `run content/ -o out/` \
        runs the bundled defaults (the markdown and HTML readers, the default transformers, every \
        exporter) into out/ (default ./output); --base-url gives the JSON-LD and HTML exporters the \
        pages' URL prefix. With --config, folders named on the command line replace its input.

        --only and --skip choose among the configured exporters by format (comma-separated or \
        repeated); the files of the others stay as the last run wrote them, and report.json and \
        report.html describe this run (its exporters' findings only).

        pipeline.json keys: input (folder(s), or {"paths": [...], "exclude": ["glob", ...]}), output, \
        importers ([{"format": "markdown", "extensions": ["md"]}]), transformers (names, in order), \
        exporters ([{"format": "json"}, ...]), taxonomy. Unknown keys are errors naming the key path.

        Transformers (in the order given):
        \(StageCatalog.transformers)

        Exporters (by "format"; each also takes "path"):
        \(StageCatalog.exporters)
        """
    )

    @Argument(help: ArgumentHelp("Folders or files to convert instead of the configured input (without --config: with the bundled defaults).", valueName: "folder-or-file"))
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("The pipeline to run (default: ./pipeline.json, unless folders are named).", valueName: "pipeline.json"))
    var config: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write into this folder instead of the configured output.", valueName: "folder"))
    var output: String?

    @Option(help: ArgumentHelp("Without --config: the URL prefix of the exercise pages, for the JSON-LD and HTML exporters (each page is <base-url><id>).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Write only these exporters' files (formats, comma-separated).", valueName: "formats"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Leave out these exporters (formats, comma-separated).", valueName: "formats"))
    var skip: [String] = []

    // (.unconditional: "--jobs -3" is a bad number, not a missing value followed by a flag.)
    @Option(parsing: .unconditional, help: ArgumentHelp("Convert at most N pages at a time (default: one per core).", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Convert only shard K of N of the inputs (by a hash of each path) into the --output folder, for `merge`.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Convert pages whose front matter marks them drafts (draft: true, published: false); by default they are skipped with a note.")
    var includeDrafts = false

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

    @Option(help: ArgumentHelp("How diagnostics are printed: text (file:line: severity: message [code]), json (one object a line; the last, the summary: {\"summary\", \"totals\", \"outputFiles\", \"output\"}; --profile's table stays text) or github (annotations in GitHub Actions).", valueName: "style"))
    var diagnostics: Terminal.DiagnosticStyle = .text

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of pages at a time, 1 or more; found \(jobs)") }
        if baseURL != nil && config != nil { throw ValidationError("--base-url applies to runs without --config; set \"baseURL\" on the jsonld and html exporters in the pipeline.json instead") }
        if baseURL != nil && inputs.isEmpty { throw ValidationError("--base-url needs the folders to convert (a run without a pipeline.json), e.g. run content/ --base-url https://example.com/exercises/") }
        if verbose && quiet { throw ValidationError("--verbose and --quiet ask for opposite things: give one of them") }
        if let shard {
            guard Shard(shard) != nil else { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. --shard 2/8; found '\(shard)'") }
            guard output != nil else { throw ValidationError("--shard needs --output PART: each shard writes a partial output for `merge`") }
        }
        // `exercise-pipeline validate` reaches here as `run validate` (run is the default): a bare
        // word that is no file here is more likely a mistyped subcommand than a folder.
        if let word = inputs.first, inputs.count == 1, !word.contains("/"), !word.contains("."), !FileManager.default.fileExists(atPath: word) {
            let names = ExercisePipelineCommand.configuration.subcommands.map { $0._commandName }
            throw ValidationError("'\(word)' is neither a subcommand nor a file or folder here; the subcommands: \(names.joined(separator: ", "))")
        }
    }

    /// What diagnostics about the configuration are prefixed with.
    private var configName: String { config ?? (inputs.isEmpty ? "pipeline.json" : "exercise-pipeline") }

    /// pipeline.json (given, or ./pipeline.json), or the bundled defaults when folders are named
    /// without one; then the command line's inputs and exporter selection.
    private func pipeline() throws -> PipelineConfig {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return try Terminal.exitingOnConfigErrors(configName) {
            var pipeline: PipelineConfig
            if let config {
                pipeline = try PipelineConfig.load(from: URL(fileURLWithPath: config))
                if !inputs.isEmpty { pipeline.replaceInputs(with: inputs, workingDirectory: here) }
            } else if inputs.isEmpty {
                guard FileManager.default.fileExists(atPath: "pipeline.json") else {
                    throw ConfigError("", "there is no pipeline.json here; name the folders to convert (exercise-pipeline run content/ -o out/) or give --config FILE")
                }
                pipeline = try PipelineConfig.load(from: here.appendingPathComponent("pipeline.json"))
            } else {
                pipeline = try PipelineConfig.bundled(inputs: inputs, output: output ?? "output", baseURL: baseURL, baseDirectory: here)
            }
            let split = { (list: [String]) in list.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty } }
            if includeDrafts { pipeline.includingDrafts() }
            if !only.isEmpty || !skip.isEmpty { try pipeline.selectExporters(only: only.isEmpty ? nil : split(only), skip: split(skip)) }
            return pipeline
        }
    }

    func run() throws {
        if let jobs { Parallel.maximumJobs.withLock { $0 = jobs } }
        let pipeline = try pipeline()
        let config = configName
        let progress: (@Sendable (Int, Int) -> Void)? = Terminal.stderrIsTerminal && !quiet ? Terminal.progress : nil
        var runner = PipelineRunner(config: pipeline, outputOverride: output.map { URL(fileURLWithPath: $0) }, progress: progress)
        runner.force = force
        if profile { runner.profile = StageClock() }
        if let shard = shard.flatMap(Shard.init), let output {
            let batch = try Terminal.exitingOnOutputErrors { try Terminal.exitingOnConfigErrors(config) { try runner.runShard(shard, to: URL(fileURLWithPath: output)) } }
            let line = "shard \(shard.index)/\(shard.count): converted \(batch.convertedCount) of \(batch.fileCount) files into \(output)/ (merge the shards with `exercise-pipeline merge`)"
            Terminal.error(diagnostics.message(line, json: ["summary": line]))
            return
        }
        runner.shownSeverities = Terminal.shown(verbose: verbose, quiet: quiet)
        runner.onDiagnostic = Terminal.printer(showing: runner.shownSeverities, style: diagnostics)
        let outcome = try Terminal.exitingOnOutputErrors { try Terminal.exitingOnConfigErrors(config) { try runner.run() } }
        let reuse = outcome.unchanged ? "nothing changed since the last run; " : (outcome.reused > 0 ? "\(outcome.reused) of \(outcome.pages) pages reused from the cache; " : "")
        var folder = output ?? pipeline.output
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        let summary = "\(outcome.totals.summaryLine); \(reuse)\(outcome.fileCount) output files in \(folder)/"
        // In json style every line is a JSON object, so that `2>&1 | jq` reads the whole stream.
        struct Summary: Encodable { var summary: String, totals: RunReport.Totals, outputFiles: Int, output: String }
        Terminal.error(diagnostics.message(summary, json: Summary(summary: summary, totals: outcome.totals, outputFiles: outcome.fileCount, output: folder + "/")))
        if let clock = runner.profile { Terminal.error(clock.table) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        if strict && outcome.totals.warnings > 0 {
            let message = "--strict: \(outcome.totals.warnings) warning\(outcome.totals.warnings == 1 ? "" : "s") count as failure"
            Terminal.error(diagnostics.message(message, json: ["strict": message]))
            throw ExitCode(1)
        }
    }
}
