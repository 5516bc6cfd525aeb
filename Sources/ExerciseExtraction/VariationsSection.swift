import ExerciseDocument
import ExerciseModel

/// "Variations", "Progressions", "Regressions", "Modifications": each list item (nested ones too)
/// or paragraph is one variation, with the item's link when it has one. They are never steps.
struct VariationsSectionReader: SectionContentReader {
    let builder: RecordBuilder
    var place: String { "in the variations section" }

    mutating func visitList(_ list: ListBlock) {
        builder.sourceMap.noteFirst(.variations, list.line)
        builder.explain(list.line, "list of \(list.items.count) → variations (never steps)")
        for item in list.items {
            add(item.text.text, link: item.text.links.first)
            visit(item.children)
        }
    }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        builder.sourceMap.noteFirst(.variations, line)
        add(text.text, link: text.links.count == 1 ? text.links.first : nil)
    }

    private func add(_ text: String, link: InlineLink?) {
        let title = stripNumbering(text)
        guard !title.isEmpty else { return }
        builder.record.variations.append(Variation(title: title, url: link?.url))
    }
}
