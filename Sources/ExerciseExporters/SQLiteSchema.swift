import ExerciseModel
import ExerciseTaxonomy

/// The shape of the `sqlite` export, declared once (`SQLiteSchema.tables`): the CREATE
/// statements, the INSERT statements, the rows and docs/sqlite.md are all made from it.
struct SQLiteColumn: Sendable {
    enum SQLType: String, Sendable {
        case text = "TEXT"
        case integer = "INTEGER"
    }

    var name: String
    var type: SQLType
    /// NOT NULL.
    var required: Bool
    /// `table` or `table.column` (default: `id`) this column's values must be found in.
    var references: String?
    var description: String

    static func text(_ name: String, required: Bool = false, references: String? = nil, _ description: String) -> SQLiteColumn {
        SQLiteColumn(name: name, type: .text, required: required, references: references, description: description)
    }

    static func integer(_ name: String, required: Bool = false, _ description: String) -> SQLiteColumn {
        SQLiteColumn(name: name, type: .integer, required: required, references: nil, description: description)
    }

    /// The referenced table and column.
    var foreignKey: (table: String, column: String)? {
        guard let references else { return nil }
        let parts = references.split(separator: ".").map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "id")
    }
}

/// One table: its columns, key and indexes, and where its rows come from.
struct SQLiteTable: Sendable {
    enum Storage: Sendable {
        /// An ordinary table clustered on its primary key (WITHOUT ROWID: the key is the row's
        /// place, so no hidden rowid and no second index for it).
        case keyed([String])
        /// An FTS5 full-text index over its columns (the first, the exercise id, UNINDEXED).
        case fullText(tokenize: String)
    }

    enum Rows: Sendable {
        /// Rows made from each record, in record (id) order.
        case perRecord(@Sendable (SQLiteRecord) -> [[SQLValue]])
        /// The taxonomy in force: one row per term of the vocabulary, in its order.
        case taxonomy(TaxonomyKind, @Sendable (TaxonomyTerm, Vocabulary) -> [SQLValue])
    }

    var name: String
    var description: String
    var columns: [SQLiteColumn]
    var storage: Storage
    /// Secondary indexes, each a list of columns (for looking up exercises by term).
    var indexes: [[String]] = []
    var rows: Rows

    var primaryKey: [String] {
        if case .keyed(let key) = storage { return key }
        return []
    }

    /// The CREATE statements (table, then its indexes). Column descriptions go in as `--`
    /// comments, which SQLite keeps in `sqlite_schema.sql`: `.schema` in the sqlite3 shell shows
    /// what each column means without these docs.
    var createStatements: [String] {
        switch storage {
        case .keyed(let key):
            var lines = columns.map { c in
                var line = "  \(c.name) \(c.type.rawValue)"
                if c.required { line += " NOT NULL" }
                if let fk = c.foreignKey { line += " REFERENCES \(fk.table) (\(fk.column))" }
                return line + ", -- \(c.description)"
            }
            lines.append("  PRIMARY KEY (\(key.joined(separator: ", ")))")
            let table = "CREATE TABLE \(name) (\n\(lines.joined(separator: "\n"))\n) WITHOUT ROWID;"
            return [table] + indexes.map { "CREATE INDEX \(name)_by_\($0.joined(separator: "_")) ON \(name) (\($0.joined(separator: ", ")));" }
        case .fullText(let tokenize):
            // No comments inside a virtual table's arguments: they would reach the FTS5 module.
            let arguments = columns.enumerated().map { i, c in i == 0 ? "\(c.name) UNINDEXED" : c.name } + ["tokenize = '\(tokenize)'"]
            return ["CREATE VIRTUAL TABLE \(name) USING fts5(\n  \(arguments.joined(separator: ",\n  "))\n);"]
        }
    }

    var insertStatement: String {
        "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}

/// One record as the tables see it: the record, and its taxonomy fields split into the ids the
/// taxonomy in force knows (which the link tables hold, so their foreign keys always resolve) and
/// everything else (`unknownTerms`, which holds the record's own unknown terms and, when
/// normalize-taxonomy did not run, the page's labels).
struct SQLiteRecord {
    let record: Exercise
    /// Per id field: each value the taxonomy knows, with its position in the field (from 1).
    private(set) var linked: [Exercise.Field: [(position: Int, id: String)]] = [:]
    /// (field, position from 1, term): the record's `unknownTerms` by field name, then the values
    /// of id fields that are no taxonomy id, after them in their field.
    private(set) var unknownTerms: [(field: String, position: Int, term: String)] = []
    /// The values of id fields that are no taxonomy id, for the record's diagnostic.
    private(set) var unlinked: [(field: Exercise.Field, value: String)] = []

    static let linkedFields: [(Exercise.Field, TaxonomyKind)] = [
        (.primaryMuscles, .muscle), (.secondaryMuscles, .muscle), (.stabilizerMuscles, .muscle), (.equipment, .equipment), (.bodyParts, .bodyPart),
    ]

    /// A list field's values (the taxonomy fields, steps, tips, mistakes).
    static func values(_ record: Exercise, _ field: Exercise.Field) -> [String] {
        switch field {
        case .primaryMuscles: record.primaryMuscles
        case .secondaryMuscles: record.secondaryMuscles
        case .stabilizerMuscles: record.stabilizerMuscles
        case .equipment: record.equipment
        case .bodyParts: record.bodyParts
        case .steps: record.steps
        case .tips: record.tips
        case .mistakes: record.mistakes
        default: []
        }
    }

    init(_ record: Exercise, taxonomy: Taxonomy) {
        self.record = record
        var counts: [String: Int] = [:]
        for field in record.unknownTerms.keys.sorted() {
            for term in record.unknownTerms[field]! {
                counts[field, default: 0] += 1
                unknownTerms.append((field, counts[field]!, term))
            }
        }
        for (field, kind) in Self.linkedFields {
            for (i, value) in Self.values(record, field).enumerated() {
                if taxonomy[kind].term(value) != nil {
                    linked[field, default: []].append((i + 1, value))
                } else {
                    unlinked.append((field, value))
                    counts[field.rawValue, default: 0] += 1
                    unknownTerms.append((field.rawValue, counts[field.rawValue]!, value))
                }
            }
        }
        unknownTerms.sort { ($0.field, $0.position) < ($1.field, $1.position) }
    }

    /// `[id, position, text]` rows of a list of texts.
    func numbered(_ texts: [String]) -> [[SQLValue]] {
        texts.enumerated().map { [.text(record.id), .integer($0.offset + 1), .text($0.element)] }
    }
}

extension SQLiteSchema {
    /// `PRAGMA user_version`: the record's schemaVersion "MAJOR.MINOR" as MAJOR × 1000 + MINOR
    /// ("1.1" → 1001), so a consumer can check the record shape with one integer comparison.
    static func userVersion(_ schemaVersion: String) -> Int {
        let parts = schemaVersion.split(separator: ".").map { Int($0) ?? 0 }
        return (parts.first ?? 0) * 1000 + (parts.count > 1 ? parts[1] : 0)
    }

    /// Every statement that makes the empty database, in order.
    static var createStatements: [String] { tables.flatMap(\.createStatements) }
}
