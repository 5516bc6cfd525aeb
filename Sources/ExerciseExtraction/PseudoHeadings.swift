import ExerciseDocument
import ExerciseModel

/// Pages without real headings often mark sections with a bold line: `<p><strong>Execution</strong></p>`
/// in CMS exports, `**Tips**` in markdown. A paragraph that is nothing but a short bold label and
/// is followed by content becomes a sub-section, so the one section logic reads it.
struct PseudoHeadings: SectionRewriter {
    func rewrite(_ section: Section) -> Section {
        // Most sections hold no bold label and no paragraph ending in one: nothing to split or
        // promote, and no copy of their blocks to make.
        guard section.blocks.contains(where: Self.mayHoldLabel) else { return section }
        var out = section
        var kept: [Block] = []
        var promoted: [Section] = []
        let blocks = section.blocks.flatMap(Self.splitTrailingLabel)
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

    /// What `label(of:)`, `splitLeadingLabel` and `splitTrailingLabel` each need first: a
    /// paragraph that opens in bold, or whose last line ends in a colon.
    static func mayHoldLabel(_ block: Block) -> Bool {
        guard case .paragraph(let t, _) = block else { return false }
        return t.leadingStrong != nil || (t.lines.count >= 2 && t.lines.last?.hasSuffix(":") == true)
    }

    /// "**Muscles Targeted:** Quads, Glutes⏎**Form Tips:**" then a list: the last line of the
    /// paragraph is the list's heading. Splits it off as a paragraph of its own.
    static func splitTrailingLabel(_ block: Block) -> [Block] {
        if let split = splitLeadingLabel(block) { return split }
        guard case .paragraph(let t, let line) = block, t.lines.count >= 2, let last = t.lines.last, last.hasSuffix(":") else { return [block] }
        let label = PlainText.collapse(String(last.dropLast()))
        guard !label.isEmpty, PlainText.wordCount(label) <= 8, SectionRole.classify(label) != nil else { return [block] }
        let rest = Array(t.lines.dropLast())
        let first = InlineText(text: PlainText.collapse(rest.joined(separator: " ")), links: t.links, leadingStrong: t.leadingStrong, lines: rest.count > 1 ? rest : [])
        let heading = InlineText(text: last, leadingStrong: last)
        return [.paragraph(first, line: line), .paragraph(heading, line: line.map { $0 + rest.count })]
    }

    /// "**Tips**⏎Keep your back straight.": a first line that is nothing but a bold label naming a
    /// section is that section's heading.
    static func splitLeadingLabel(_ block: Block) -> [Block]? {
        guard case .paragraph(let t, let line) = block, t.lines.count >= 2, let strong = t.leadingStrong,
              let first = t.lines.first, PlainText.collapse(first) == strong || PlainText.collapse(first) == strong + ":" else { return nil }
        let heading = Block.paragraph(InlineText(text: strong, leadingStrong: strong), line: line)
        guard label(of: heading) != nil else { return nil }
        let rest = Array(t.lines.dropFirst())
        let body = InlineText(text: PlainText.collapse(rest.joined(separator: " ")), links: t.links, lines: rest.count > 1 ? rest : [])
        return [heading, .paragraph(body, line: line.map { $0 + 1 })]
    }

    /// The label when the block is a paragraph of one short bold span (at most 8 words, no link,
    /// not a sentence) naming a known section or fact, without a trailing colon.
    static func label(of block: Block) -> String? {
        guard case .paragraph(let t, _) = block, let strong = t.leadingStrong, strong == t.text, t.links.isEmpty else { return nil }
        var label = strong
        if label.hasSuffix(":") { label.removeLast() }
        label = PlainText.collapse(label)
        // A bold question is a FAQ question, which the FAQ section reads as such.
        guard !label.isEmpty, PlainText.wordCount(label) <= 8, !label.hasSuffix("."), !label.hasSuffix("?") else { return nil }
        // Only labels that name a section or a fact: "Basic exercise" stays a paragraph, so a
        // fragment's list after it is still read as its steps.
        guard SectionRole.classify(label) != nil || FactKey.field(for: label) != nil else { return nil }
        return label
    }
}
