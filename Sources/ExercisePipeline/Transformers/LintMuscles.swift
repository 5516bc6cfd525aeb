import ExerciseModel
import ExerciseTaxonomy

/// `lint-muscles`: muscles the page's text talks about (steps, tips, mistakes, FAQ) that its
/// declared muscles leave out are reported as warnings. The record is never changed: the page may
/// mention a muscle only to say it is *not* worked. Only anatomical muscles (terms with a Latin
/// name) are linted, and not when the words are also a body region: instructions say "brace your
/// core", "feet hip-width apart" or "keep your lower back flat" without meaning a muscle worked.
public struct LintMuscles: TaxonomyStage {
    public static let name = "lint-muscles"
    public static let summary = "warn when steps, tips or FAQ name muscles the record does not list (never changes the record)"
    let taxonomy: Taxonomy
    /// `isPlace` of every label of the muscle vocabulary, which is what a mention's `matched` is:
    /// asked once here, not once per mention of every page.
    private let placeLabels: [String: Bool]

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var places: [String: Bool] = [:]
        for term in taxonomy[.muscle].terms {
            for label in [term.id, term.name] + (term.latin.map { [$0] } ?? []) + term.synonyms where places[label] == nil {
                places[label] = Self.isPlace(label, taxonomy: taxonomy)
            }
        }
        placeLabels = places
    }

    private static let positions: Set<String> = ["upper", "lower", "mid", "middle", "inner", "outer", "top", "bottom"]
    // ("abs" as in "brace your abs", like "core": holding still, not the muscle worked.)
    private static let places: Set<String> = ["spine", "thigh", "thighs", "chest", "back", "hip", "hips", "knee", "knees", "shin", "shins", "neck", "waist",
                                              "abs", "abdominals", "abdomen", "stomach", "belly", "midsection"]

    /// "upper chest", "inner thigh", "spine", "lower back": words that say where, not which muscle.
    func isPlace(_ label: String) -> Bool { placeLabels[label] ?? Self.isPlace(label, taxonomy: taxonomy) }

    private static func isPlace(_ label: String, taxonomy: Taxonomy) -> Bool {
        var words = Vocabulary.key(label).spaceSeparatedWords.map(String.init)
        while let first = words.first, Self.positions.contains(first) { words.removeFirst() }
        let rest = words.joined(separator: " ")
        // A body part by its own id or name ("chest", "back", "core"), not by a synonym: the
        // body-part vocabulary also lists muscles ("glutes", "lats", "hamstrings") as synonyms, so
        // that "Target: glutes" gives a body part, and those are muscles in a step.
        if let part = taxonomy[.bodyPart].exactMatch(rest), part.how != .synonym { return true }
        return Self.places.contains(rest)
    }

    public func transform(_ item: ExtractedRecord, diagnostics: inout DiagnosticSink) -> ExtractedRecord {
        let record = item.record
        let muscles = taxonomy[.muscle]
        let declared = record.primaryMuscles + record.secondaryMuscles + record.stabilizerMuscles
        let texts: [(Exercise.Field, [String])] = [
            (.steps, record.steps), (.tips, record.tips), (.mistakes, record.mistakes),
            (.faq, record.faq.flatMap { [$0.question, $0.answer] }),
        ]
        var reported: Set<String> = []
        for (field, items) in texts {
            for text in items {
                for mention in muscles.terms(in: text) where !reported.contains(mention.id) {
                    guard muscles.term(mention.id)?.latin != nil, !isPlace(mention.matched) else { continue }
                    if declared.contains(where: { muscles.related($0, mention.id) }) { continue }
                    reported.insert(mention.id)
                    diagnostics.report(.undeclaredMuscle, "the \(field.rawValue) mention '\(mention.matched)' (\(mention.id)), which the page does not list among its muscles (\(declared.isEmpty ? "none listed" : declared.joined(separator: ", ")))", line: item.sourceMap[field])
                }
            }
        }
        return item
    }
}

extension DiagnosticCode {
    static let undeclaredMuscle = DiagnosticCode("undeclared-muscle", .warning,
        "The steps, tips or FAQ name a muscle the page does not list among its muscles. Add it to the page's muscles, or ignore this if the text says the muscle is not worked.")
}
