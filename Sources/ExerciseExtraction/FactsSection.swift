import ExerciseDocument
import ExerciseModel

/// A facts section ("Exercise details", "At a glance"): `Key: value` paragraphs, lists, tables,
/// definition lists and fenced blocks of facts.
struct FactsSectionReader: SectionContentReader {
    let builder: RecordBuilder
    var place: String { "in the facts section" }

    mutating func defaultVisit(_ block: Block) { builder.readFactsOrReportUnused(block, where: place) }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        if let facts = FactRecognition.paragraphFacts(text, line: line, requireKnownKey: false) {
            facts.forEach { builder.apply($0) }
        } else if let fact = FactParser.parse(text, line: line) {
            builder.apply(fact)
        } else {
            defaultVisit(.paragraph(text, line: line))
        }
    }
}

/// A sub-section whose heading is a fact's key ("Synergists" under "Muscles", "## Difficulty"
/// then "Intermediate"): its list items or paragraphs are the values.
struct LabelledSubsectionReader: SectionContentReader {
    let builder: RecordBuilder
    let label: String
    let key: String
    var place: String { "under '\(key)'" }

    init(builder: RecordBuilder, key: String) {
        self.builder = builder
        self.key = key
        label = FactParser.label(key)
    }

    mutating func defaultVisit(_ block: Block) { builder.readFactsOrReportUnused(block, where: place) }

    mutating func visitList(_ list: ListBlock) {
        let field = FactKey.field(for: label)
        for item in list.items where !item.text.text.isEmpty {
            if let field, field.isList {
                // One item, one name: "Deltoid, Anterior" is not two muscles.
                builder.addLabels([item.text.text], to: field, line: item.line)
            } else {
                builder.apply(Fact(key: label, value: item.text.text, line: item.line))
            }
        }
    }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        // A paragraph that states its own fact ("Equipment: Barbell") is that fact.
        if let own = FactParser.parse(text, line: line), FactKey.field(for: own.key) != nil {
            builder.apply(own)
        } else {
            builder.apply(Fact(key: label, value: text.text, line: line))
        }
    }
}
