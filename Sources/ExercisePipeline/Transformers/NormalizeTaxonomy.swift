import ExerciseModel
import ExerciseTaxonomy

/// `normalize-taxonomy`: replaces the page's labels in body parts, equipment, muscles, difficulty
/// and category with canonical taxonomy ids. A label the taxonomy does not know is never dropped:
/// it moves to `unknownTerms.<field>` and is reported as a warning. Muscles, equipment and body
/// parts the page gave only as sentences (`prose`) are the terms named in them.
public struct NormalizeTaxonomy: TaxonomyStage {
    public static let name = "normalize-taxonomy"
    public static let summary = "map body parts, equipment, muscles, difficulty and category labels to taxonomy ids"
    let taxonomy: Taxonomy

    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }

    public func transform(_ item: ExtractedRecord, diagnostics: inout DiagnosticSink) -> ExtractedRecord {
        var r = item.record
        let lines = item.sourceMap
        func normalize(_ labels: [String], _ kind: TaxonomyKind, _ field: Exercise.Field) -> [String] {
            let vocabulary = taxonomy[kind]
            var ids: [String] = []
            for label in labels {
                let line = lines.line(of: label, in: field)
                let resolution = vocabulary.resolve(label)
                for match in resolution.matches {
                    if !ids.contains(match.id) { ids.append(match.id) }
                    switch match.how {
                    case .misspelling:
                        diagnostics.report(.assumedMisspelling, "\(kind.rawValue) '\(label)' is not in the taxonomy; assumed to mean '\(match.matched)' (\(match.id))", line: line)
                    case .scale, .qualifierDropped, .split, .groupWordDropped:
                        let code: DiagnosticCode = match.how == .scale ? .scaleDifficulty : (match.how == .split ? .splitLabel : .qualifierDropped)
                        diagnostics.report(code, "\(field.rawValue) '\(label)' read as '\(match.id)': \(match.explanation)", line: line)
                    default:
                        break
                    }
                }
                for part in resolution.unresolved {
                    r.unknownTerms[field.rawValue, default: []].append(part)
                    let nearest = vocabulary.suggestions(for: part)
                    diagnostics.report(.unknownTerm, "\(kind.rawValue) '\(part)' is not in the taxonomy; kept in unknownTerms.\(field.rawValue)" + (nearest.isEmpty ? "" : " (nearest: \(nearest.joined(separator: ", ")))"), line: line)
                }
            }
            return ids
        }
        // Given only as a sentence ("Muscles worked: this move hits your quads and glutes"): the
        // terms the taxonomy recognises in it, when the page lists none by name.
        func termsInProse(_ sentences: [String], _ kind: TaxonomyKind, _ field: Exercise.Field, attribute: String, listed: [String]) -> [String]? {
            guard !sentences.isEmpty, listed.isEmpty else { return nil }
            let sentence = sentences.joined(separator: "; ")
            let found = taxonomy[kind].terms(in: sentence).map(\.id)
            if found.isEmpty {
                diagnostics.report(.noTermsInText, "no \(kind.rawValue) named in '\(sentence)'; kept in attributes.\(attribute)", line: lines[field])
                return nil
            }
            diagnostics.report(.termsFromText, "\(field.rawValue) read from the sentence '\(sentence)': \(found.joined(separator: ", "))", line: lines[field])
            return found
        }
        if let found = termsInProse(item.prose.muscles, .muscle, .primaryMuscles, attribute: "musclesText", listed: r.primaryMuscles + r.secondaryMuscles + r.stabilizerMuscles) {
            r.primaryMuscles = found
        }
        if let found = termsInProse(item.prose.equipment, .equipment, .equipment, attribute: "equipmentText", listed: r.equipment) {
            r.equipment = found
        }
        if let found = termsInProse(item.prose.bodyParts, .bodyPart, .bodyParts, attribute: "bodyPartsText", listed: r.bodyParts) {
            r.bodyParts = found
        }
        // "Equipment: None", "No equipment": the page says none is needed, which is an empty list
        // (body weight is what a page says when it names body weight).
        let none = r.equipment.filter { Self.meansNoEquipment($0) }
        if !none.isEmpty {
            r.equipment.removeAll { Self.meansNoEquipment($0) }
            diagnostics.report(.noneGiven, "equipment '\(none[0])' says none is needed; equipment left empty", line: lines.line(of: none[0], in: .equipment))
        }
        // "Secondary Muscles - None": no muscles of that kind, which is an empty list.
        let lists: [(WritableKeyPath<Exercise, [String]>, Exercise.Field)] = [
            (\.primaryMuscles, .primaryMuscles), (\.secondaryMuscles, .secondaryMuscles), (\.stabilizerMuscles, .stabilizerMuscles), (\.bodyParts, .bodyParts),
        ]
        for (keyPath, field) in lists {
            if let none = r[keyPath: keyPath].first(where: Self.meansNone) {
                r[keyPath: keyPath].removeAll(where: Self.meansNone)
                diagnostics.report(.noneGiven, "\(field.rawValue) '\(none)' says there are none; left empty", line: lines.line(of: none, in: field))
            }
        }
        // (Ids found in a sentence map to themselves here.)
        r.bodyParts = normalize(r.bodyParts, .bodyPart, .bodyParts)
        r.equipment = normalize(r.equipment, .equipment, .equipment)
        r.primaryMuscles = normalize(r.primaryMuscles, .muscle, .primaryMuscles)
        // A muscle named as both target and secondary stays a target (and a secondary one is not
        // also a stabilizer).
        r.secondaryMuscles = normalize(r.secondaryMuscles, .muscle, .secondaryMuscles).filter { !r.primaryMuscles.contains($0) }
        r.stabilizerMuscles = normalize(r.stabilizerMuscles, .muscle, .stabilizerMuscles).filter { !r.primaryMuscles.contains($0) && !r.secondaryMuscles.contains($0) }
        r.difficulty = r.difficulty.flatMap { normalize([$0], .difficulty, .difficulty).first }
        r.category = r.category.flatMap { normalize([$0], .category, .category).first }
        var out = item
        out.record = r
        return out
    }
}

extension NormalizeTaxonomy {
    static func meansNone(_ label: String) -> Bool {
        ["none", "n a", "na", "nothing", "not applicable", "no"].contains(Vocabulary.key(label))
    }

    static func meansNoEquipment(_ label: String) -> Bool {
        let key = Vocabulary.key(label)
        return ["none", "no equipment", "no equipment needed", "no equipment required", "nothing", "n a", "no gear",
                "no equipment required for this exercise", "equipment free", "no equipment is needed"].contains(key)
    }
}

extension DiagnosticCode {
    static let noneGiven = DiagnosticCode("none-given", .info,
        "The page says a list has nothing in it (\"Equipment: None\", \"No equipment\", \"Secondary muscles: None\"); the field is left empty. A page that names body weight gets body-weight.")
    static let assumedMisspelling = DiagnosticCode("assumed-misspelling", .warning,
        "A label is not in the taxonomy but is one or two edits from exactly one term; that term was assumed. Fix the spelling, or add a synonym in a taxonomy extension.")
    static let scaleDifficulty = DiagnosticCode("scale-difficulty", .info,
        "A difficulty given on a scale (\"3/5\", \"level 2\") was read as the level it falls in.")
    static let qualifierDropped = DiagnosticCode("qualifier-dropped", .info,
        "A label matched once a qualifier or parenthetical was dropped (\"dumbbells (optional)\" → dumbbell).")
    static let splitLabel = DiagnosticCode("split-label", .info,
        "One label named several terms (\"dumbbell, exercise ball\"); each was mapped.")
    static let unknownTerm = DiagnosticCode("unknown-term", .warning,
        "A label the taxonomy does not know; it was kept in the record's `unknownTerms.<field>` with the nearest terms as suggestions. Add it with a taxonomy extension (docs/taxonomy-format.md).")
    static let termsFromText = DiagnosticCode("terms-from-text", .info,
        "Muscles, equipment or body parts were given only as a sentence; the terms named in it were taken.")
    static let noTermsInText = DiagnosticCode("no-terms-in-text", .warning,
        "Muscles, equipment or body parts were given only as a sentence that names no known term; the sentence is kept in `attributes` and the field left empty.")
}
