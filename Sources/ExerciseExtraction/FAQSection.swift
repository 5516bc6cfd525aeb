import ExerciseDocument
import ExerciseModel

/// FAQ sections in either layout: one sub-section per question (`### Is it safe?`), or question
/// paragraphs ("**Is it safe?** Yes…", or a paragraph ending in "?") each followed by its answer.
struct FAQSectionReader {
    let builder: RecordBuilder
    var entries: [FAQEntry] = []
    private var pending: (question: String, answer: [String], line: Int?)?

    init(builder: RecordBuilder) { self.builder = builder }

    mutating func read(_ section: Section) {
        for child in section.children {
            let question = child.heading?.text ?? ""
            let answer = PlainText.collapse(child.blocks.map(\.plainText).joined(separator: " "))
            add(question, answer, line: child.line)
            for grandchild in child.children {
                builder.reportUnknownSection(grandchild.heading?.text ?? "", grandchild)
            }
        }
        var texts = FAQTexts(builder: builder)
        for block in section.blocks {
            for (t, line) in texts.visit(block) { read(t, line: line) }
        }
        close()
        if !entries.isEmpty {
            builder.sourceMap.noteFirst(.faq, section.line)
            builder.explain(section.line, "\(entries.count) question\(entries.count == 1 ? "" : "s") with answers → faq")
        }
        builder.record.faq += entries
    }

    private mutating func read(_ t: InlineText, line: Int?) {
        if let strong = t.leadingStrong, strong.hasSuffix("?") {
            close()
            pending = (strong, [String(t.text.dropFirst(strong.count))], line)
        } else if t.text.hasSuffix("?") {
            close()
            pending = (t.text, [], line)
        } else if pending != nil {
            pending!.answer.append(t.text)
        } else {
            builder.sink.report(.unusedContent, "text in the FAQ section before any question was not used: '\(preview(t.text))'", line: line)
        }
    }

    private mutating func close() {
        guard let p = pending else { return }
        add(p.question, PlainText.collapse(p.answer.joined(separator: " ")), line: p.line)
        pending = nil
    }

    private mutating func add(_ question: String, _ answer: String, line: Int?) {
        if answer.isEmpty {
            builder.sink.report(.faqWithoutAnswer, "FAQ question '\(preview(question))' has no answer; it was not used", line: line)
        } else {
            entries.append(FAQEntry(question: question, answer: answer))
        }
    }
}

/// The texts of a FAQ section's blocks, in order: paragraphs, and list items with what is nested
/// in them (a question item may hold its answer in nested paragraphs or a sub-list).
private struct FAQTexts: BlockVisitor {
    let builder: RecordBuilder

    func defaultVisit(_ block: Block) -> [(InlineText, Int?)] {
        builder.reportUnused(block, where: "in the FAQ section")
        return []
    }

    func visitParagraph(_ text: InlineText, line: Int?) -> [(InlineText, Int?)] { [(text, line)] }

    func visitList(_ list: ListBlock) -> [(InlineText, Int?)] {
        list.items.flatMap { item in [(item.text, item.line)] + item.children.map { (InlineText(text: $0.plainText), $0.line) } }
    }

    func visitThematicBreak(line: Int?) -> [(InlineText, Int?)] { [] }
}

extension DiagnosticCode {
    static let faqWithoutAnswer = DiagnosticCode("faq-without-answer", .warning,
        "A FAQ question has no answer text after it; it was not used. Add the answer below the question.")
}
