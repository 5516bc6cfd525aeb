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

    /// Under "Video" or "Images", the links are the media (an image-only paragraph's picture is
    /// already among the page's media).
    private func readMediaLinks(_ text: InlineText, line: Int?) -> Bool {
        guard let field = FactKey.field(for: label), field == .image || field == .video else { return false }
        for link in text.links {
            builder.addMedia(url: link.url, element: field == .video ? .video : .image, caption: link.text, line: line)
        }
        if text.links.isEmpty, !text.text.isEmpty { builder.apply(Fact(key: label, value: text.text, line: line)) }
        return true
    }

    mutating func visitList(_ list: ListBlock) {
        let field = FactKey.field(for: label)
        for item in list.items where !item.text.text.isEmpty || !item.text.links.isEmpty {
            if readMediaLinks(item.text, line: item.line) { continue }
            if let field, field.isList {
                // One item, one name: "Deltoid, Anterior" is not two muscles.
                builder.addLabels([item.text.text], to: field, line: item.line)
            } else {
                builder.apply(Fact(key: label, value: item.text.text, line: item.line))
            }
        }
    }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        if readMediaLinks(text, line: line) { return }
        // A paragraph that states its own fact ("Equipment: Barbell") is that fact.
        if let own = FactParser.parse(text, line: line), FactKey.field(for: own.key) != nil {
            builder.apply(own)
        } else {
            builder.apply(Fact(key: label, value: text.text, line: line))
        }
    }
}
