import ExerciseDocument
import ExerciseModel

/// Text before the first section, and summary sections: paragraphs are collected as the summary's
/// candidates; paragraphs, lists, tables and fenced blocks of facts are read as facts.
struct ProseReader: SectionContentReader {
    let builder: RecordBuilder
    let place: String
    /// Where the paragraphs go: the intro's or the summary section's.
    let target: ReferenceWritableKeyPath<RecordBuilder, [(String, Int?)]>
    /// Before the first section, a list that holds no facts is kept aside: on a page (or fragment)
    /// with no steps section it is the steps.
    var keepsListsAside: Bool

    static func intro(_ builder: RecordBuilder) -> ProseReader {
        ProseReader(builder: builder, place: "before the first section", target: \.introParagraphs, keepsListsAside: true)
    }

    static func summary(_ builder: RecordBuilder) -> ProseReader {
        ProseReader(builder: builder, place: "in the summary section", target: \.summaryParagraphs, keepsListsAside: false)
    }

    mutating func defaultVisit(_ block: Block) { builder.readFactsOrReportUnused(block, where: place) }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        if let facts = FactRecognition.paragraphFacts(text, line: line) {
            facts.forEach { builder.apply($0) }
        } else if !text.text.isEmpty {
            builder[keyPath: target].append((text.text, line))
        }
    }

    mutating func visitList(_ list: ListBlock) {
        if keepsListsAside, FactRecognition.factList(list) == nil {
            builder.introLists.append(list)
        } else {
            defaultVisit(.list(list))
        }
    }

    /// Quoted paragraphs are prose too (lists in a quote are not steps).
    mutating func visitQuote(_ blocks: [Block], line: Int?) {
        var inner = self
        inner.keepsListsAside = false
        inner.visit(blocks)
    }
}

extension RecordBuilder {
    /// After the walk: a page with no steps section takes its steps from an intro list or a run of
    /// numbered paragraphs; the summary is the summary section's text, else the intro's, else a
    /// `description:` fact.
    func finish() {
        if record.steps.isEmpty, let list = introLists.first(where: \.ordered) ?? introLists.first {
            var reader = ItemListReader(builder: self, field: .steps)
            reader.flatten(list)
            record.steps = reader.items.map(stripNumbering).filter { !$0.isEmpty }
            sourceMap[.steps] = list.line
            introLists.removeAll { $0 == list }
        } else if record.steps.isEmpty {
            let numbered = introParagraphs.filter { stripNumbering($0.0) != $0.0 }
            if numbered.count >= 2 {
                record.steps = numbered.map { stripNumbering($0.0) }
                sourceMap[.steps] = numbered[0].1
                introParagraphs.removeAll { p in numbered.contains { $0.0 == p.0 && $0.1 == p.1 } }
            }
        }
        for list in introLists { reportUnused(.list(list), where: "before the first section") }
        introLists = []

        let chosen: [(String, Int?)]
        if !summaryParagraphs.isEmpty {
            chosen = summaryParagraphs
            for (text, line) in introParagraphs {
                sink.report(.unusedContent, "paragraph before the first section was not used (the page has a summary section): '\(preview(text))'", line: line)
            }
        } else if !introParagraphs.isEmpty {
            chosen = introParagraphs
        } else {
            chosen = summaryFact.map { [$0] } ?? []
        }
        if let first = chosen.first {
            record.summary = PlainText.collapse(chosen.map(\.0).joined(separator: " "))
            sourceMap[.summary] = first.1
        }
    }
}
