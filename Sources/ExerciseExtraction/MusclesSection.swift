import ExerciseDocument
import ExerciseModel

/// "Muscles worked" and "Equipment" sections: `Key: value` items are facts, bare items are labels
/// of the section's own field, "| Muscle | Role |" tables give each muscle its role, and a sentence
/// ("This move works your quads and glutes.") is kept for the normalizer to find terms in.
struct LabelledSectionReader: SectionContentReader {
    let builder: RecordBuilder
    /// The field bare labels go to: primary muscles, or equipment.
    let field: FactField
    var place: String { "in the \(field == .equipment ? "equipment" : "muscles") section" }

    mutating func defaultVisit(_ block: Block) { builder.readFactsOrReportUnused(block, where: place) }

    mutating func visitList(_ list: ListBlock) {
        // Sentences are not names: a list of them here (steps under a tab the section runs on
        // into) is not the section's labels, and is reported, not read as muscles or equipment.
        let sentences = list.items.count { item in
            let t = PlainText.collapse(item.text.text)
            return t.hasSuffix(".") || PlainText.wordCount(t) > 6
        }
        if sentences * 2 > list.items.count { return defaultVisit(.list(list)) }
        builder.explain(list.line, "list of \(list.items.count) → \(field.recordField?.rawValue ?? "") (bare names in a \(field == .equipment ? "equipment" : "muscles") section; 'Key: value' items are facts)")
        for item in list.items {
            if let fact = FactParser.parse(item.text, line: item.line), FactKey.field(for: fact.key) != nil {
                builder.apply(fact)
            } else if field != .equipment, let (muscle, role) = Self.annotatedRole(item.text.text) {
                // "Rhomboids (primary)", "Biceps – secondary": the item says its muscle's role.
                builder.apply(Fact(key: role, value: muscle, line: item.line))
            } else {
                builder.addLabels(FactParser.splitList(item.text.text), to: field, line: item.line)
            }
        }
    }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        if let facts = FactRecognition.roleSentences(text, line: line) {
            facts.forEach { builder.apply($0) }
        } else if text.lines.count > 1, let facts = FactRecognition.paragraphFacts(text, line: line) {
            // "Primary: quads, glutes" over "Secondary: adductors": a fact a line, not one fact.
            facts.forEach { builder.apply($0) }
        } else if let fact = FactParser.parse(text, line: line), FactKey.field(for: fact.key) != nil {
            builder.apply(fact)
        } else if case let parts = FactParser.splitList(text.text), parts.count >= 2, Fact.looksLikeLabels(text.text, parts: parts) {
            // "Calves, Glutes, Hip Flexor, Quads": names, not a sentence.
            builder.addLabels(parts, to: field, line: line)
        } else {
            builder.keepProse(text.text, for: field)
            if let f = field.recordField { builder.sourceMap.noteFirst(f, line) }
        }
    }

    /// A muscle with its role after it, in parentheses or after a dash: ("Rhomboids", "primary").
    /// The role must be one a fact key names (primary, secondary, stabilizer, target, …).
    static func annotatedRole(_ text: String) -> (String, String)? {
        let t = PlainText.collapse(text)
        var muscle: Substring, role: Substring
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            muscle = t[..<open]
            role = t[t.index(after: open)..<t.index(before: t.endIndex)]
        } else if let dash = t.range(of: " – ") ?? t.range(of: " - ") ?? t.range(of: " — ") {
            muscle = t[..<dash.lowerBound]
            role = t[dash.upperBound...]
        } else {
            return nil
        }
        let m = PlainText.collapse(String(muscle)), r = PlainText.collapse(String(role))
        guard !m.isEmpty, PlainText.wordCount(r) <= 2, let field = FactKey.field(for: r),
              field == .primaryMuscles || field == .secondaryMuscles || field == .stabilizerMuscles else { return nil }
        return (m, r)
    }

    mutating func visitTable(_ table: TableBlock) {
        guard field != .equipment, let rows = FactRecognition.muscleRoleRows(table) else { return defaultVisit(.table(table)) }
        for (muscle, role, line) in rows {
            switch role {
            case .primary: builder.addLabels([muscle], to: .primaryMuscles, line: line)
            case .secondary: builder.addLabels([muscle], to: .secondaryMuscles, line: line)
            // Other roles (stabilizer) are facts under the role's name: stabilizers have a field,
            // the rest (antagonist) are kept in attributes.
            case .other(let name): builder.apply(Fact(key: name, value: muscle, line: line))
            }
        }
    }
}
