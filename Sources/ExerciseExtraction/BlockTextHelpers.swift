import ExerciseDocument
import ExerciseModel

/// Text at most 60 characters long, for quoting a block in a diagnostic.
func preview(_ s: String) -> String {
    s.count <= 60 ? s : String(s.prefix(57)) + "…"
}

/// "1. Stand…", "1) Stand…", "Step 1: Stand…", "Step 1 - Stand…" → "Stand…".
func stripNumbering(_ s: String) -> String {
    var rest = Substring(s)
    // (Only the first five Characters are asked, and only when the first byte is an "s".)
    if let first = rest.utf8.first, first | 0x20 == 0x73, rest.prefix(5).lowercased() == "step " {
        let afterWord = rest.dropFirst(5)
        let digits = afterWord.prefix(while: \.isNumber)
        if !digits.isEmpty {
            rest = afterWord.dropFirst(digits.count)
            rest = rest.drop(while: { $0 == ":" || $0 == "." || $0 == ")" || $0 == "-" || $0 == "\u{2013}" || $0 == " " })
            return String(rest)
        }
    }
    let digits = rest.prefix(while: \.isNumber)
    if !digits.isEmpty, digits.count <= 2 {
        let after = rest.dropFirst(digits.count)
        if let sep = after.first, sep == "." || sep == ")", after.dropFirst().first == " " {
            return String(after.dropFirst(2))
        }
    }
    return s
}

/// A visitor over one section's blocks that fills the record through the builder. Whatever it
/// does not read falls to the default and is reported as unused at `place`; rules are skipped.
protocol SectionContentReader: BlockVisitor where Result == Void {
    var builder: RecordBuilder { get }
    /// Where the blocks are, for diagnostics ("in the tips section").
    var place: String { get }
}

extension SectionContentReader {
    mutating func defaultVisit(_ block: Block) { builder.reportUnused(block, where: place) }
    mutating func visitThematicBreak(line: Int?) {}
}
