import ExerciseDocument
import ExerciseModel

/// pipeline.json's per-site rules as the extractor applies them: a heading a rule names goes to
/// the rule's field (or is ignored) before the automatic choice is asked; an XPath rule's matches
/// replace whatever the page's structure gave that field.
struct SiteRules {
    enum Target: Equatable {
        case role(SectionRole)
        /// A labelled sub-section: the heading is read as this fact key.
        case label(String)
        case ignore
    }

    /// Normalized heading → target.
    let sections: [String: Target]
    let xpath: [ExtractRules.XPathRule]

    init(_ rules: ExtractRules) {
        var sections: [String: Target] = [:]
        for (heading, field) in rules.sections {
            let target: Target? = switch field {
            case "summary": .role(.summary)
            case "steps": .role(.steps)
            case "tips": .role(.tips)
            case "mistakes": .role(.mistakes)
            case "faq": .role(.faq)
            case "related": .role(.related)
            case "variations": .role(.variations)
            case "primaryMuscles": .role(.muscles)
            case "equipment": .role(.equipment)
            case "secondaryMuscles": .label("secondary muscles")
            case "stabilizerMuscles": .label("stabilizers")
            case "bodyParts": .label("body parts")
            case "ignore": .ignore
            default: nil
            }
            if let target { sections[FactKey.normalize(heading)] = target }
        }
        self.sections = sections
        xpath = rules.xpath
    }

    func target(forHeading heading: String) -> Target? { sections[FactKey.normalize(heading)] }
}

extension RecordBuilder {
    /// Each XPath rule's matches replace the field they name; a rule that matched nothing leaves
    /// the automatic choice, and says so.
    func applyRuleMatches(_ matches: [RuleMatch]) {
        for match in matches {
            let field = match.rule.field
            guard !match.values.isEmpty else {
                sink.report(.ruleMatchedNothing, "\(match.rule.keyPath) ('\(match.rule.expression)') matched nothing on this page; \(field) was left to the automatic choice")
                continue
            }
            let values = match.values
            switch field {
            case "name": record.name = values[0]
            case "summary": record.summary = PlainText.collapse(values.joined(separator: " "))
            case "steps": record.steps = values.map(stripNumbering)
            case "tips": record.tips = values
            case "mistakes": record.mistakes = values
            case "variations": record.variations = values.map { Variation(title: $0) }
            case "difficulty": record.difficulty = values[0]
            case "category": record.category = values[0]
            default:
                guard let factField = FactKey.field(for: field), factField.isList, let keyPath = factField.listKeyPath else { continue }
                record[keyPath: keyPath] = []
                addLabels(values.flatMap { FactParser.splitList($0) }, to: factField, line: nil)
            }
            sink.report(.fromRule, "\(field) from \(match.rule.keyPath): \(values.count) value\(values.count == 1 ? "" : "s")")
            explain(nil, "\(values.count) match\(values.count == 1 ? "" : "es") of \(match.rule.keyPath) → \(field) (a per-site rule wins over the automatic choice)")
        }
    }
}

extension DiagnosticCode {
    static let namesByEvidence = DiagnosticCode("names-by-evidence", .info,
        "A list no heading explains holds names the taxonomy knows as muscles (or equipment); it was read as that field. Give it a heading to be sure.")
    static let fromRule = DiagnosticCode("from-rule", .info,
        "A field was filled by one of pipeline.json's `extract` rules (an XPath's matches, or a heading the rule names), over the automatic choice.")
    static let ruleMatchedNothing = DiagnosticCode("rule-matched-nothing", .warning,
        "An `extract.xpath` rule matched nothing on this page, so the field kept what the automatic recognition found. Check the expression against the page.")
    static let ignoredByRule = DiagnosticCode("ignored-by-rule", .info,
        "A section pipeline.json's `extract.sections.ignore` names was left out on purpose.")
}
