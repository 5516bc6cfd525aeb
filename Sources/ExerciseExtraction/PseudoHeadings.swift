import ExerciseDocument
import ExerciseModel

/// Pages without real headings often mark sections with a bold line: `<p><strong>Execution</strong></p>`
/// in CMS exports, `**Tips**` in markdown. A paragraph that is nothing but a short bold label and
/// is followed by content becomes a sub-section, so the one section logic reads it.
struct PseudoHeadings: SectionRewriter {
    func rewrite(_ section: Section) -> Section {
        var out = section
        var kept: [Block] = []
        var promoted: [Section] = []
        let blocks = section.blocks
        for (i, block) in blocks.enumerated() {
            if let heading = Self.label(of: block), i + 1 < blocks.count, Self.label(of: blocks[i + 1]) == nil {
                promoted.append(Section(level: max(section.level + 1, 2), heading: InlineText(text: heading), line: block.line))
            } else if promoted.isEmpty {
                kept.append(block)
            } else {
                promoted[promoted.count - 1].blocks.append(block)
            }
        }
        guard !promoted.isEmpty else { return out }
        out.blocks = kept
        out.children = promoted + out.children
        return out
    }

    /// The label when the block is a paragraph of one short bold span (at most 8 words, no link,
    /// not a sentence) naming a known section or fact, without a trailing colon.
    static func label(of block: Block) -> String? {
        guard case .paragraph(let t, _) = block, let strong = t.leadingStrong, strong == t.text, t.links.isEmpty else { return nil }
        var label = strong
        if label.hasSuffix(":") { label.removeLast() }
        label = PlainText.collapse(label)
        // A bold question is a FAQ question, which the FAQ section reads as such.
        guard !label.isEmpty, label.split(separator: " ").count <= 8, !label.hasSuffix("."), !label.hasSuffix("?") else { return nil }
        // Only labels that name a section or a fact: "Basic exercise" stays a paragraph, so a
        // fragment's list after it is still read as its steps.
        guard SectionRole.classify(label) != nil || FactKey.field(for: label) != nil else { return nil }
        return label
    }
}
