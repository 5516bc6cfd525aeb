import ExerciseDocument
import ExerciseModel

/// "Related exercises": the links of its lists (in an item or its sub-list) and paragraphs. Text
/// after a horizontal rule that closes the page is the site's footer, noted and left out.
struct RelatedSectionReader: SectionContentReader {
    let builder: RecordBuilder
    var afterBreak = false
    var place: String { "in the related section" }

    mutating func defaultVisit(_ block: Block) {
        guard afterBreak else { return builder.reportUnused(block, where: place) }
        let text = block.plainText
        if !text.isEmpty {
            builder.sink.report(.unusedContent, "page footer after the related links was not used: '\(preview(text))'", line: block.line, severity: .info)
        }
    }

    mutating func visitThematicBreak(line: Int?) { afterBreak = true }

    mutating func visitList(_ list: ListBlock) {
        guard !afterBreak else { return defaultVisit(.list(list)) }
        for item in list.items {
            let links = item.text.links + item.children.flatMap(\.links)
            if links.isEmpty {
                builder.sink.report(.relatedWithoutLink, "related item '\(preview(item.text.text))' has no link; it was not used", line: item.line)
            }
            add(links)
        }
    }

    mutating func visitParagraph(_ text: InlineText, line: Int?) {
        guard !afterBreak, !text.links.isEmpty else { return defaultVisit(.paragraph(text, line: line)) }
        add(text.links)
    }

    private func add(_ links: [InlineLink]) {
        if !links.isEmpty { builder.explain(nil, "\(links.count) link\(links.count == 1 ? "" : "s") → related") }
        builder.record.related += links.map { RelatedLink(title: $0.text.isEmpty ? $0.url : $0.text, url: $0.url) }
    }
}

extension DiagnosticCode {
    static let relatedWithoutLink = DiagnosticCode("related-without-link", .warning,
        "An item of the related section has no link; it was not used. Link it to the exercise's page.")
}
