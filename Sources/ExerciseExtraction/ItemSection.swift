import ExerciseDocument
import ExerciseModel

/// Steps, tips and mistakes sections: the items of the section's lists, or its paragraphs when it
/// has no list (numbered paragraphs: "1. Stand…", "Step 2: …").
struct ItemSectionReader: SectionContentReader {
    let builder: RecordBuilder
    let field: Exercise.Field
    let hasList: Bool
    var items: [String] = []
    var place: String { "in the \(field.rawValue) section" }

    init(builder: RecordBuilder, field: Exercise.Field, blocks: [Block]) {
        self.builder = builder
        self.field = field
        hasList = blocks.contains { if case .list = $0 { true } else { false } }
    }

    static func read(_ blocks: [Block], field: Exercise.Field, builder: RecordBuilder) -> [String] {
        var reader = ItemSectionReader(builder: builder, field: field, blocks: blocks)
        reader.visit(blocks)
        return reader.items
    }

    mutating func visitList(_ list: ListBlock) {
        builder.sourceMap.noteFirst(field, list.line)
        var flattener = ItemListReader(builder: builder, field: field)
        flattener.flatten(list)
        let found = flattener.items.map(stripNumbering).filter { !$0.isEmpty }
        builder.explain(list.line, "list of \(found.count) → \(field.rawValue) (one item each)")
        items += found
    }

    /// A table of the items, a row each: `| Step | Action |` rows numbered in their first column
    /// give the rest of the row; two columns of phase and cue give "Phase: cue".
    mutating func visitTable(_ table: TableBlock) {
        guard !hasList, let width = table.rows.first?.count, width >= 2, table.rows.allSatisfy({ $0.count == width }) else {
            return defaultVisit(.table(table))
        }
        let ordinal = table.rows.allSatisfy { row in
            let t = PlainText.collapse(row[0].text).lowercased()
            let number = t.hasPrefix("step ") ? String(t.dropFirst(5)) : t.trimmingCharacters(in: CharacterSet(charactersIn: "#.)"))
            return !number.isEmpty && number.allSatisfy(\.isNumber)
        }
        guard ordinal || width == 2 else { return defaultVisit(.table(table)) }
        let found = table.rows.map { row in
            let cells = row.map { PlainText.collapse($0.text) }
            return ordinal ? cells.dropFirst().filter { !$0.isEmpty }.joined(separator: " ") : cells.filter { !$0.isEmpty }.joined(separator: ": ")
        }.filter { !$0.isEmpty }
        guard !found.isEmpty else { return defaultVisit(.table(table)) }
        builder.sourceMap.noteFirst(field, table.line)
        builder.explain(table.line, "table of \(found.count) rows → \(field.rawValue) (one row each\(ordinal ? ", the numbers left out" : ", 'first: second'"))")
        items += found
    }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        guard !hasList else { return defaultVisit(.paragraph(text, line: line)) }
        // "Standing" under "Starting position": a label, not an instruction.
        let words = text.text.split(separator: " ")
        if words.count <= 2, !text.text.contains(where: { ".!?:".contains($0) }), stripNumbering(text.text) == text.text {
            builder.sink.report(.unusedContent, "'\(text.text)' \(place) is a label, not a \(field == .steps ? "step" : "item"); not used", line: line, severity: .info)
            return
        }
        builder.sourceMap.noteFirst(field, line)
        let t = stripNumbering(text.text)
        if !t.isEmpty { items.append(t) }
        builder.explain(line, "paragraph '\(preview(t))' → \(field.rawValue) (the section has no list: one paragraph, one item)")
    }
}

/// A list's items in order, nested lists' items following their parent. Anything else nested in an
/// item (raw HTML, code) is reported, not silently skipped.
struct ItemListReader: SectionContentReader {
    let builder: RecordBuilder
    let field: Exercise.Field
    var items: [String] = []
    var place: String { "in a \(field.rawValue) list item" }

    init(builder: RecordBuilder, field: Exercise.Field) {
        self.builder = builder
        self.field = field
    }

    mutating func flatten(_ list: ListBlock) {
        for item in list.items {
            items.append(item.text.text)
            visit(item.children)
        }
    }

    mutating func visitList(_ list: ListBlock) { flatten(list) }
    mutating func visitParagraph(_ text: InlineText, line: Int?) { items.append(text.text) }
}

import Foundation
