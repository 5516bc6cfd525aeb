/// Per-site rules from pipeline.json `extract`, for the long tail of layouts the automatic
/// recognition gets wrong: which headings name which field, which to ignore, and XPath 1.0
/// expressions (HTML) whose matches are a field's values. A rule wins over the automatic choice.
public struct ExtractRules: Sendable, Equatable {
    /// Heading (as written, compared case- and punctuation-insensitively) → record field name
    /// (`steps`, `tips`, `primaryMuscles`, …) or `ignore`.
    public var sections: [String: String]
    /// Record field name → XPath expression, in the order pipeline.json gives them.
    public var xpath: [XPathRule]

    public struct XPathRule: Sendable, Equatable {
        public var field: String
        public var expression: String
        /// The key path in pipeline.json, for diagnostics (`extract.xpath.steps`).
        public var keyPath: String
        public init(field: String, expression: String, keyPath: String) {
            self.field = field
            self.expression = expression
            self.keyPath = keyPath
        }
    }

    public init(sections: [String: String] = [:], xpath: [XPathRule] = []) {
        self.sections = sections
        self.xpath = xpath
    }

    public var isEmpty: Bool { sections.isEmpty && xpath.isEmpty }

    /// These rules with `other`'s on top (a rule for some inputs over the global ones).
    public func overlaid(with other: ExtractRules) -> ExtractRules {
        var out = self
        out.sections.merge(other.sections) { _, new in new }
        out.xpath = xpath.filter { rule in !other.xpath.contains { $0.field == rule.field } } + other.xpath
        return out
    }

    /// The fields a `sections` rule may name.
    public static let sectionFields = ["summary", "steps", "tips", "mistakes", "faq", "related", "variations",
                                       "primaryMuscles", "secondaryMuscles", "stabilizerMuscles", "equipment", "bodyParts", "ignore"]
    /// The fields an `xpath` rule may fill.
    public static let xpathFields = ["name", "summary", "steps", "tips", "mistakes", "variations", "primaryMuscles", "secondaryMuscles",
                                     "stabilizerMuscles", "equipment", "bodyParts", "difficulty", "category"]
}
