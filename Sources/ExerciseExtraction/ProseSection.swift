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
        introLists.removeAll { readByEvidence($0) || readAsNames($0, where: "before the first section") }
        if record.steps.isEmpty, let list = introLists.first(where: \.ordered) ?? introLists.first {
            var reader = ItemListReader(builder: self, field: .steps)
            reader.flatten(list)
            record.steps = reader.items.map(stripNumbering).filter { !$0.isEmpty }
            sourceMap[.steps] = list.line
            explain(list.line, "list of \(record.steps.count) before the first section → steps (the page has no steps section)")
            introLists.removeAll { $0 == list }
        } else if record.steps.isEmpty {
            let numbered = introParagraphs.filter { stripNumbering($0.0) != $0.0 }
            if numbered.count >= 2 {
                record.steps = numbered.map { stripNumbering($0.0) }
                sourceMap[.steps] = numbered[0].1
                explain(numbered[0].1, "\(numbered.count) numbered paragraphs → steps (the page has no steps section)")
                introParagraphs.removeAll { p in numbered.contains { $0.0 == p.0 && $0.1 == p.1 } }
            } else {
                _ = takeProseSteps()
            }
        }
        for list in introLists { reportUnused(.list(list), where: "before the first section") }
        introLists = []

        // The summary is the first paragraph that says what the exercise is: of the summary
        // section, else of the text before the first section, else a `description:` fact. A
        // back link ("All exercises") or a badge line ("Push · Beginner") is not prose; a page
        // with nothing but short lines takes its first.
        let fromSection = summaryParagraphs.filter(Self.isProse)
        let fromIntro = introParagraphs.filter(Self.isProse)
        let chosen = fromSection.first ?? fromIntro.first ?? introFact ?? summaryFact ?? summaryParagraphs.first ?? introParagraphs.first
        func isChosen(_ p: (String, Int?)) -> Bool { chosen.map { $0.0 == p.0 && $0.1 == p.1 } ?? false }
        for p in summaryParagraphs where !isChosen(p) {
            sink.report(.unusedContent, "paragraph in the summary section was not used (the summary is its first paragraph): '\(preview(p.0))'", line: p.1,
                        severity: Self.isProse(p) ? .warning : .info)
        }
        for p in introParagraphs where !isChosen(p) {
            let reason = fromSection.isEmpty ? "the summary is the first paragraph" : "the page has a summary section"
            sink.report(.unusedContent, "paragraph before the first section was not used (\(reason)): '\(preview(p.0))'", line: p.1,
                        severity: Self.isProse(p) ? .warning : .info)
        }
        if let chosen {
            record.summary = PlainText.collapse(chosen.0)
            sourceMap[.summary] = chosen.1
            explain(chosen.1, "paragraph '\(preview(chosen.0))' → summary (the first paragraph of prose\(fromSection.isEmpty ? "" : " in the summary section"))")
        }
    }

    /// A paragraph of prose: at least six words, or a sentence (ending in . ! ? or 。).
    static func isProse(_ paragraph: (String, Int?)) -> Bool {
        let text = paragraph.0
        return PlainText.wordCount(text) >= 6 || [".", "!", "?", "。", "！", "？"].contains { text.hasSuffix($0) }
    }
}
