import ArgumentParser
import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// stderr output shared by the commands.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The built-in taxonomy, or exit 1 saying why it did not load (a packaging fault).
    static func builtInTaxonomy() throws -> Taxonomy {
        switch Taxonomy.shared {
        case .success(let t): return t
        case .failure(let e):
            error("exercise-pipeline: \(e.description)")
            throw ExitCode(1)
        }
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// "12/300 files" on one line that rewrites itself, cleared when done.
    @Sendable static func progress(done: Int, total: Int) {
        let text = done == total ? "\r\u{1B}[K" : "\r\(done)/\(total) files"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Errors and warnings always; notes (info) only when asked for.
    static func print(_ diagnostics: [Diagnostic], verbose: Bool) {
        var text = ""
        for d in diagnostics.sorted() where verbose || d.severity != .info {
            text += d.formatted + "\n"
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
