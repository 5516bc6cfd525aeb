import ArgumentParser
import ExerciseModel
import ExercisePipeline
import Foundation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score the records against hand-labelled pages, field by field.",
        discussion: """
        TRUTH.jsonl holds one JSON object per line: `file` (the page's path relative to the folder \
        holding TRUTH.jsonl) plus the record fields read off the page, in the page's own words. A \
        page with several exercises has one line per exercise, in page order. A key that is absent \
        is not checked; an empty array asserts that the record's field is empty. For example:

          {"file": "squat.md", "name": "Squat",
           "steps": ["Stand tall.", "Sit back."],
           "primaryMuscles": ["Quads"], "equipment": []}

        (one line in the file). Each page is converted exactly as `convert` converts it; with \
        --config, with that pipeline's importers, stages and taxonomy. How fields compare:
          name, summary: equal after collapsing white space;
          steps, tips, mistakes, faq: the same items in the same order;
          primaryMuscles, secondaryMuscles, equipment, bodyParts, difficulty,
          category: each label ("Quads", "Body Weight") is resolved through the
          taxonomy and the ids must equal the record's, as a set; a label the
          taxonomy does not know must be in the record's unknownTerms (case aside).
        A page that is missing or gives no record is wrong on every field it labels.

          $ exercise-pipeline evaluate corpus/truth.jsonl --min 0.9
          corpus/truth.jsonl: 6 labelled records
          field             right/checked  percent
          name                        6/6   100.0%
          steps                       4/6    66.7%
          total                     10/12    83.3%

          steps: 4/6 right; worst pages:
            lunge.md (truth line 3)
              expected: 4 items: [#3…] "Push back up." | "Repeat."
              got:      3 items: [#3…] "Push back up. Variations: walking lunge."

        After the table and the total (every checked field together) come, for each field \
        under 100%, its worst pages, most differing items first. With --json the whole report \
        (scores, total, every miss unshortened, warnings) is printed as one JSON document instead.

        Exit status: 0 scored; 1 a checked field is under --min (after printing); 64 a bad \
        truth file (unreadable, or a line that is not JSON or has no `file`: the message names \
        the line) or a bad configuration. A labelled page that does not exist is a warning on \
        stderr, and wrong on every field.
        """
    )

    @Argument(help: ArgumentHelp("The labels: JSON lines, each with `file` and record fields.", valueName: "truth.jsonl"))
    var truth: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Convert with this pipeline's importers, stages and taxonomy instead of the defaults.", valueName: "pipeline.json"))
    var config: String?

    @Option(help: ArgumentHelp("Exit 1 when a checked field's accuracy is under this fraction (e.g. 0.95).", valueName: "fraction"))
    var min: Double?

    @Option(help: ArgumentHelp("How many worst pages to list per imperfect field.", valueName: "n"))
    var worst: Int = 3

    @Flag(help: "Print the report as JSON: scores, total, every miss unshortened, warnings.")
    var json = false

    func validate() throws {
        if let min, !(0...1).contains(min) { throw ValidationError("--min is a fraction between 0 and 1 (e.g. 0.95), not \(min)") }
        if worst < 0 { throw ValidationError("--worst must be 0 or more") }
    }

    func run() throws {
        let report: EvaluationReport
        do {
            let pipeline = try config.map { try PipelineConfig.load(from: URL(fileURLWithPath: $0)) }
                ?? PipelineConfig.defaults(baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            report = try Evaluation.run(truthURL: URL(fileURLWithPath: truth), config: pipeline)
        } catch let error as ConfigError {
            Terminal.error("\(config ?? "exercise-pipeline"): \(error.description)")
            throw ExitCode(64)
        } catch let error as EvaluationError {
            Terminal.error("exercise-pipeline: \(error.description)")
            throw ExitCode(64)
        }
        for warning in report.warnings { Terminal.error("warning: \(warning)") }
        if json {
            FileHandle.standardOutput.write(try CanonicalJSON.data(report))
        } else {
            print(report.render(worst: worst), terminator: "")
        }
        if let min {
            let low = report.fields(below: min)
            if !low.isEmpty {
                Terminal.error("under --min \(min): " + low.map { "\($0.field) \(String(format: "%.1f%%", $0.accuracy * 100))" }.joined(separator: ", "))
                throw ExitCode(1)
            }
        }
    }
}
