import ArgumentParser
import ExerciseModel
import ExercisePipeline
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the output of shards converted with `run --shard K/N --output PART`.",
        discussion: """
        Every shard 1…N must be given, once. The output is byte for byte what one `run` writes \
        (ids made unique across shards exactly as one run does), and the summary and exit status \
        are run's.

          exercise-pipeline run --shard 1/2 --output part-1
          exercise-pipeline run --shard 2/2 --output part-2
          exercise-pipeline merge --config pipeline.json --output output part-1 part-2

        Shards of a run without a pipeline.json (`run content/ --shard 1/2 --output part-1`) carry \
        the bundled defaults they ran; `merge --output out part-1 part-2` uses them. A part \
        converted with another configuration than the merge's is refused.
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The pipeline the shards ran (default: the bundled defaults the shards carry, else ./pipeline.json).", valueName: "pipeline.json"))
    var config: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder (default: the pipeline's).", valueName: "folder"))
    var output: String?

    @Argument(help: ArgumentHelp("The shards' --output folders.", valueName: "part"))
    var parts: [String]

    @Flag(name: .shortAndLong, help: "Print only the summary line.")
    var quiet = false

    /// A part that is not there is named before any configuration is looked for to go with it.
    func validate() throws {
        for part in parts {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: part, isDirectory: &isFolder)
            if !exists || !isFolder.boolValue {
                throw ValidationError("\(part): \(exists ? "is not a folder" : "no such folder"); give each shard's --output folder (run --shard K/N --output PART)")
            }
        }
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let bundled = config == nil ? PipelineRunner.bundledConfiguration(ofShards: parts.map { URL(fileURLWithPath: $0) }) : nil
        let outcome = try Terminal.exitingOnOutputErrors {
            try Terminal.exitingOnConfigErrors(config ?? (bundled == nil ? "pipeline.json" : "exercise-pipeline")) {
                let pipeline = try bundled.map { try PipelineConfig.parse(Data($0.utf8), bundledIn: here) }
                    ?? PipelineConfig.load(from: URL(fileURLWithPath: config ?? "pipeline.json"))
                var runner = PipelineRunner(config: pipeline, outputOverride: output.map { URL(fileURLWithPath: $0) })
                if !quiet { runner.onDiagnostic = Terminal.printer(showing: Terminal.shown(verbose: false, quiet: false)) }
                return try runner.merge(parts: parts.map { URL(fileURLWithPath: $0) })
            }
        }
        Terminal.error("\(outcome.totals.summaryLine); \(outcome.fileCount) output files in \(outcome.outputDirectory.path)/")
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
