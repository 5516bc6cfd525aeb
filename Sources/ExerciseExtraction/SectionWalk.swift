import ExerciseDocument
import ExerciseModel

/// The walk over a page's section tree: the first level-1 heading names the exercise, each other
/// section's heading says what it holds (`SectionRole`), and its blocks go to that role's reader.
/// Sub-sections inherit their parent's role unless their own heading names one.
extension RecordBuilder {
    func visit(_ section: Section, inherited: SectionRole?) {
        var role = inherited
        if section.level == 1 && !sawTitle, let heading = section.heading {
            sawTitle = true
            record.name = heading.text
            sourceMap[.name] = section.line
            explain(section.line, "heading '\(preview(heading.text))' → name (the first level-1 heading)")
            role = nil
            var intro = ProseReader.intro(self)
            intro.visit(section.blocks)
        } else if section.level == 0 {
            var intro = ProseReader.intro(self)
            intro.visit(section.blocks)
        } else {
            let headingText = section.heading?.text ?? ""
            if let target = rules.target(forHeading: headingText) {
                // A per-site rule names this heading: it wins over the automatic choice.
                switch target {
                case .ignore:
                    sink.report(.ignoredByRule, "section '\(headingText)' left out by extract.sections.ignore", line: section.line)
                    explain(section.line, "section '\(preview(headingText))' → left out (extract.sections.ignore)")
                    return
                case .label(let key):
                    explain(section.line, "section '\(preview(headingText))' → \(key) (an extract.sections rule)")
                    return labelledSubsection(section, key: key)
                case .role(let r):
                    explain(section.line, "section '\(preview(headingText))' → \(r.rawValue) (an extract.sections rule)")
                    role = r
                }
            } else if let (own, why) = SectionRole.classifyExplained(headingText) {
                explain(section.line, "section '\(preview(headingText))' → \(own.rawValue) (\(why))")
                role = own
            } else if let parent = inherited, parent == .muscles || parent == .facts || parent == .equipment {
                // "Muscles" › "Target" / "Synergists" / "Stabilizers": the heading is the fact's key.
                explain(section.line, "section '\(preview(headingText))' → its items are '\(preview(headingText))' facts (a sub-section of \(parent.rawValue))")
                return labelledSubsection(section, key: headingText)
            } else if FactKey.field(for: FactParser.label(headingText)) != nil {
                // "## Difficulty" then "Intermediate": a heading that names a field is its key.
                explain(section.line, "section '\(preview(headingText))' → its text is the value of '\(preview(headingText))' (the heading names a field)")
                return labelledSubsection(section, key: headingText)
            } else if inherited == nil {
                explain(section.line, "section '\(preview(headingText))' → left out (its heading names no field)")
                if section.level == 1 {
                    sink.report(.extraTitle, "a second level-1 heading '\(headingText)'; the first ('\(record.name)') is the exercise name", line: section.line)
                }
                if !section.blocks.isEmpty { reportUnknownSection(headingText, section) }
            }
            if let role { read(section, as: role) }
        }
        // FAQ subsections are questions, consumed by the FAQ reader.
        if role == .faq { return }
        for child in section.children { visit(child, inherited: role) }
    }

    /// Hands a section's blocks to the reader of its role.
    private func read(_ section: Section, as role: SectionRole) {
        switch role {
        case .summary:
            var reader = ProseReader.summary(self)
            reader.visit(section.blocks)
        case .facts:
            var reader = FactsSectionReader(builder: self)
            reader.visit(section.blocks)
        case .steps: record.steps += ItemSectionReader.read(section.blocks, field: .steps, builder: self)
        case .tips: record.tips += ItemSectionReader.read(section.blocks, field: .tips, builder: self)
        case .mistakes: record.mistakes += ItemSectionReader.read(section.blocks, field: .mistakes, builder: self)
        case .faq:
            var reader = FAQSectionReader(builder: self)
            reader.read(section)
        case .related:
            var reader = RelatedSectionReader(builder: self)
            reader.visit(section.blocks)
        case .muscles:
            var reader = LabelledSectionReader(builder: self, field: .primaryMuscles)
            reader.visit(section.blocks)
        case .equipment:
            var reader = LabelledSectionReader(builder: self, field: .equipment)
            reader.visit(section.blocks)
        case .variations:
            var reader = VariationsSectionReader(builder: self)
            reader.visit(section.blocks)
        }
        if let field = role.field { sourceMap.noteFirst(field, section.line) }
    }

    private func labelledSubsection(_ section: Section, key: String) {
        var reader = LabelledSubsectionReader(builder: self, key: key)
        reader.visit(section.blocks)
        // Sub-sections are read on their own ("Difficulty" › "**Target Muscle**" › "Lats").
        for child in section.children { visit(child, inherited: nil) }
    }

    func reportUnknownSection(_ heading: String, _ section: Section) {
        // A section named nothing we know, holding only a list of muscle or equipment names, is
        // that list ("Worked" › "Quads, Glutes").
        if section.blocks.count == 1, case .list(let list) = section.blocks[0], readAsNames(list, where: "in section '\(preview(heading))'") { return }
        if section.blocks.contains(where: { !$0.plainText.isEmpty }) {
            sink.report(.unknownSection, "section '\(heading)' is not one the extractor knows (summary, facts, steps, tips, mistakes, FAQ, related, muscles, equipment, variations); its content was not used", line: section.line)
        } else {
            sink.report(.unknownSection, "section '\(heading)' holds no text (images or markup only); not used", line: section.line, severity: .info)
        }
    }
}

extension SectionRole {
    /// The record field a section of this role fills first (for source lines).
    var field: Exercise.Field? {
        switch self {
        case .summary: .summary
        case .steps: .steps
        case .tips: .tips
        case .mistakes: .mistakes
        case .faq: .faq
        case .related: .related
        case .variations: .variations
        case .facts, .muscles, .equipment: nil
        }
    }
}

extension DiagnosticCode {
    static let extraTitle = DiagnosticCode("extra-title", .warning,
        "The page has a second level-1 heading; the first names the exercise and the second's section is read as any other. Use `##` for sections.")
    static let unknownSection = DiagnosticCode("unknown-section", .warning,
        "A section heading names nothing the extractor knows, so its content is not in the record (a note when it holds no text). Rename the heading, or map it with a per-site rule.")
}
