import ExerciseModel
import ExerciseTaxonomy

/// `normalize-taxonomy`: replaces the page's labels in body parts, equipment, muscles, difficulty
/// and category with canonical taxonomy ids. A label the taxonomy does not know is never dropped:
/// it moves to `unknownTerms.<field>` and is reported as a warning.
public struct NormalizeTaxonomy: TaxonomyStage {
    public static let name = "normalize-taxonomy"
    public static let summary = "map body parts, equipment, muscles, difficulty and category labels to taxonomy ids"
    let taxonomy: Taxonomy

    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }

    public func transform(_ record: Exercise, diagnostics: inout DiagnosticSink) -> Exercise {
        var r = record
        func normalize(_ labels: [String], _ kind: TaxonomyKind, _ field: Exercise.Field) -> [String] {
            let vocabulary = taxonomy[kind]
            var ids: [String] = []
            for label in labels {
                let resolution = vocabulary.resolve(label)
                for match in resolution.matches {
                    if !ids.contains(match.id) { ids.append(match.id) }
                    switch match.how {
                    case .misspelling:
                        diagnostics.warning("assumed-misspelling", "\(kind.rawValue) '\(label)' is not in the taxonomy; assumed to mean '\(match.matched)' (\(match.id))", line: r.labelLine(field, label))
                    case .scale, .qualifierDropped, .split:
                        let code = match.how == .scale ? "scale-difficulty" : (match.how == .split ? "split-label" : "qualifier-dropped")
                        diagnostics.info(code, "\(field.rawValue) '\(label)' read as '\(match.id)': \(match.explanation)", line: r.labelLine(field, label))
                    default:
                        break
                    }
                }
                for part in resolution.unresolved {
                    r.unknownTerms[field.rawValue, default: []].append(part)
                    let nearest = vocabulary.suggestions(for: part)
                    diagnostics.warning("unknown-term", "\(kind.rawValue) '\(part)' is not in the taxonomy; kept in unknownTerms.\(field.rawValue)" + (nearest.isEmpty ? "" : " (nearest: \(nearest.joined(separator: ", ")))"), line: r.labelLine(field, label))
                }
            }
            return ids
        }
        // Muscles or equipment given only as a sentence ("Muscles worked: this move hits your
        // quads and glutes"): the terms the taxonomy recognises in it.
        for (key, kind, field) in [("musclesText", TaxonomyKind.muscle, Exercise.Field.primaryMuscles), ("equipmentText", .equipment, .equipment)] {
            guard let sentence = r.attributes[key] else { continue }
            let present = field == .equipment ? r.equipment : r.primaryMuscles + r.secondaryMuscles
            guard present.isEmpty else { continue }
            let found = taxonomy[kind].terms(in: sentence).map(\.id)
            if found.isEmpty {
                diagnostics.warning("no-terms-in-text", "no \(kind.rawValue) named in '\(sentence)'; kept in attributes.\(key)", line: r.lines[field])
            } else {
                diagnostics.info("terms-from-text", "\(field.rawValue) read from the sentence '\(sentence)': \(found.joined(separator: ", "))", line: r.lines[field])
                if field == .equipment { r.equipment = found } else { r.primaryMuscles = found }
            }
        }
        r.bodyParts = normalize(r.bodyParts, .bodyPart, .bodyParts)
        // (Ids found in a sentence above map to themselves here.)
        r.equipment = normalize(r.equipment, .equipment, .equipment)
        r.primaryMuscles = normalize(r.primaryMuscles, .muscle, .primaryMuscles)
        // A muscle named as both target and secondary stays a target.
        r.secondaryMuscles = normalize(r.secondaryMuscles, .muscle, .secondaryMuscles).filter { !r.primaryMuscles.contains($0) }
        r.difficulty = r.difficulty.flatMap { normalize([$0], .difficulty, .difficulty).first }
        r.category = r.category.flatMap { normalize([$0], .category, .category).first }
        return r
    }
}
