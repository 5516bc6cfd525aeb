import ArgumentParser
import ExercisePipeline

struct DiagnosticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnostics",
        abstract: "Print every diagnostic code with its severity and what to do about it (markdown).",
        discussion: "The page in docs/ is this output: `exercise-pipeline diagnostics > docs/diagnostics.md`."
    )

    func run() throws {
        print(DiagnosticsReference.page, terminator: "")
    }
}
