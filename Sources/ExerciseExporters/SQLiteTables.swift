import ExerciseModel
import ExerciseTaxonomy

/// The tables of the `sqlite` export, in the order they are created and filled: the taxonomy,
/// the exercises, then one table per list field (each row keyed by the exercise and the item's
/// position, so every list reads back in the record's order), then the full-text index.
/// docs/sqlite.md is generated from this list (`exercise-pipeline schema sqlite`).
public enum SQLiteSchema {
    static let tables: [SQLiteTable] = taxonomyTables + [exercises] + linkTables + listTables + [fullText]

    // MARK: The taxonomy in force

    static let taxonomyTables: [SQLiteTable] = [
        taxonomyTable("muscles", .muscle, "muscle", latin: true, example: "shoulders for rear-deltoid"),
        taxonomyTable("equipment", .equipment, "equipment", latin: false, example: "free-weights for dumbbell"),
        taxonomyTable("body_parts", .bodyPart, "body-part", latin: false, example: "legs for upper-legs"),
    ]

    static func taxonomyTable(_ name: String, _ kind: TaxonomyKind, _ noun: String, latin: Bool, example: String) -> SQLiteTable {
        var columns: [SQLiteColumn] = [
            .text("id", required: true, "The \(noun) taxonomy id, as records hold it."),
            .text("name", required: true, "English display name."),
        ]
        if latin {
            columns += [
                .text("latin", "Anatomical (Latin) name, where one exists."),
                .text("side", "front or back: the body chart the muscle shows on (NULL: both or neither)."),
            ]
        }
        columns += [
            .text("parent", references: name, "The broader term (NULL at the top of the hierarchy)."),
            .text("group_id", required: true, references: name, "The top of the term's hierarchy, the term itself when it has no parent (\(example))."),
        ]
        return SQLiteTable(name: name, description: "Every \(noun) term of the taxonomy in force (built-in plus pipeline.json extensions).",
                           columns: columns, storage: .keyed(["id"]), rows: .taxonomy(kind) { term, vocabulary in
            [.text(term.id), .text(term.name)] + (latin ? [SQLValue(term.latin), SQLValue(term.side)] : [])
                + [SQLValue(term.parent), .text(vocabulary.lineage(term.id).last ?? term.id)]
        })
    }

    // MARK: One row per exercise

    static let exercises = SQLiteTable(
        name: "exercises", description: "One row per record: its single-valued fields.",
        columns: [
            .text("id", required: true, Exercise.Field.id.meaning),
            .text("schema_version", required: true, "The record's schemaVersion (\"\(Exercise.schemaVersion)\"); PRAGMA user_version holds it as a number."),
            .text("name", required: true, Exercise.Field.name.meaning),
            .text("summary", Exercise.Field.summary.meaning + " NULL when the page gives none."),
            .text("difficulty", Exercise.Field.difficulty.meaning + " NULL when none."),
            .text("category", Exercise.Field.category.meaning + " NULL when none."),
            .text("source_path", required: true, "The input file, relative to the pipeline.json folder."),
            .text("source_format", required: true, "The reader that read it (its format in pipeline.json importers: markdown, html)."),
            .text("source_sha256", required: true, "SHA-256 of the input file's bytes, lower-case hex."),
            .text("source_fragment", "On a page holding several exercises: the exercise's heading as a URL fragment; NULL otherwise."),
            .integer("source_position", "On a page holding several exercises: the exercise's position on the page, from 1; NULL otherwise."),
        ],
        storage: .keyed(["id"]),
        rows: .perRecord { e in
            let r = e.record
            return [[.text(r.id), .text(Exercise.schemaVersion), .text(r.name), SQLValue(r.summary), SQLValue(r.difficulty), SQLValue(r.category),
                     .text(r.source.path), .text(r.source.format), .text(r.source.sha256), SQLValue(r.source.fragment),
                     r.source.position.map { .integer($0) } ?? .null]]
        }
    )

    static let exerciseID = SQLiteColumn.text("exercise_id", required: true, references: "exercises", "The exercise (exercises.id).")
    static let position = SQLiteColumn.integer("position", required: true, "The item's position in the record's list, from 1.")

    // MARK: Taxonomy links

    static let linkTables: [SQLiteTable] = [
        SQLiteTable(
            name: "exercise_muscles", description: "The muscle ids of the record's primaryMuscles, secondaryMuscles and stabilizerMuscles.",
            columns: [exerciseID,
                      .text("role", required: true, "primary (target), secondary or stabilizer: the list the muscle is in."),
                      .integer("position", required: true, "The muscle's position in that list, from 1."),
                      .text("muscle", required: true, references: "muscles", "The muscle (muscles.id).")],
            storage: .keyed(["exercise_id", "role", "position"]), indexes: [["muscle"]],
            rows: .perRecord { e in
                [("primary", Exercise.Field.primaryMuscles), ("secondary", .secondaryMuscles), ("stabilizer", .stabilizerMuscles)].flatMap { role, field in
                    (e.linked[field] ?? []).map { [.text(e.record.id), .text(role), .integer($0.position), .text($0.id)] }
                }
            }),
        link("exercise_equipment", .equipment, column: "equipment", references: "equipment"),
        link("exercise_body_parts", .bodyParts, column: "body_part", references: "body_parts"),
        SQLiteTable(
            name: "exercise_unknown_terms",
            description: "Labels the taxonomy in force has no id for, by record field: the record's unknownTerms, then (only when normalize-taxonomy did not run) each muscle, equipment or body-part value that is not a taxonomy id, and so has no row in the link tables.",
            columns: [exerciseID,
                      .text("field", required: true, "The record field (primaryMuscles, equipment, bodyParts, difficulty, category, …)."),
                      .integer("position", required: true, "The label's position among this table's labels of that field, from 1."),
                      .text("term", required: true, "The label as the page wrote it.")],
            storage: .keyed(["exercise_id", "field", "position"]),
            rows: .perRecord { e in e.unknownTerms.map { [.text(e.record.id), .text($0.field), .integer($0.position), .text($0.term)] } }),
    ]

    static func link(_ name: String, _ field: Exercise.Field, column: String, references: String) -> SQLiteTable {
        SQLiteTable(
            name: name, description: "The taxonomy ids of the record's \(field.rawValue).",
            columns: [exerciseID, .integer("position", required: true, "The id's position in the record's \(field.rawValue), from 1."),
                      .text(column, required: true, references: references, "The term (\(references).id).")],
            storage: .keyed(["exercise_id", "position"]), indexes: [[column]],
            rows: .perRecord { e in (e.linked[field] ?? []).map { [.text(e.record.id), .integer($0.position), .text($0.id)] } })
    }

    // MARK: The other lists

    static let listTables: [SQLiteTable] = [
        texts("exercise_steps", .steps, "The step"),
        texts("exercise_tips", .tips, "The tip"),
        texts("exercise_mistakes", .mistakes, "The mistake"),
        items("exercise_faq", .faq, [.text("question", required: true, "The question."), .text("answer", required: true, "The answer.")]) { r in
            r.faq.map { [.text($0.question), .text($0.answer)] }
        },
        items("exercise_related", .related, [.text("title", required: true, "The link's text."), .text("url", required: true, "The link, as the page gives it.")]) { r in
            r.related.map { [.text($0.title), .text($0.url)] }
        },
        items("exercise_variations", .variations, [.text("title", required: true, "The variation's name or description."), .text("url", "Its link, when the page gives one.")]) { r in
            r.variations.map { [.text($0.title), SQLValue($0.url)] }
        },
        items("exercise_media", .media, [.text("url", required: true, "As the page gives it (absolute, or relative to the page); embeds as their video page url."),
                                         .text("kind", required: true, "image or video."), .text("caption", "Alt text or caption, when the page gives one.")]) { r in
            r.media.map { [.text($0.url), .text($0.kind.rawValue), SQLValue($0.caption)] }
        },
        SQLiteTable(
            name: "exercise_attributes", description: "Facts the page states that have no field of their own (the record's attributes).",
            columns: [exerciseID, .text("key", required: true, "The page's own label, lower case."), .text("value", required: true, "The value as the page gives it.")],
            storage: .keyed(["exercise_id", "key"]),
            rows: .perRecord { e in e.record.attributes.keys.sorted().map { [.text(e.record.id), .text($0), .text(e.record.attributes[$0]!)] } }),
    ]

    static func texts(_ name: String, _ field: Exercise.Field, _ noun: String) -> SQLiteTable {
        SQLiteTable(name: name, description: field.meaning, columns: [exerciseID, position, .text("text", required: true, "\(noun), plain text.")],
                    storage: .keyed(["exercise_id", "position"]), rows: .perRecord { e in e.numbered(SQLiteRecord.values(e.record, field)) })
    }

    static func items(_ name: String, _ field: Exercise.Field, _ columns: [SQLiteColumn], _ values: @escaping @Sendable (Exercise) -> [[SQLValue]]) -> SQLiteTable {
        SQLiteTable(name: name, description: String(field.meaning.prefix { $0 != ":" }) + ".", columns: [exerciseID, position] + columns,
                    storage: .keyed(["exercise_id", "position"]), rows: .perRecord { e in
            values(e.record).enumerated().map { [.text(e.record.id), .integer($0.offset + 1)] + $0.element }
        })
    }

    // MARK: Full-text search

    static let fullText = SQLiteTable(
        name: "exercises_fts",
        description: "FTS5 full-text index of each exercise's name, summary, steps and tips (Porter stemming, case and accents folded): `SELECT id FROM exercises_fts WHERE exercises_fts MATCH 'calf raise band' ORDER BY rank`.",
        columns: [.text("id", required: true, "The exercise (exercises.id); not indexed."),
                  .text("name", "The exercise's name."), .text("summary", "Its summary."),
                  .text("steps", "Its steps, one per line."), .text("tips", "Its tips, one per line.")],
        storage: .fullText(tokenize: "porter unicode61 remove_diacritics 2"),
        rows: .perRecord { e in
            let r = e.record
            return [[.text(r.id), .text(r.name), SQLValue(r.summary), .text(r.steps.joined(separator: "\n")), .text(r.tips.joined(separator: "\n"))]]
        }
    )
}
