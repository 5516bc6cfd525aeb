import ExerciseModel
import Foundation

/// `sqlite`: every record in one SQLite database (default `exercises.sqlite`) — a row per
/// exercise, a table per list field keyed by position, the taxonomy in force as tables the link
/// tables reference with foreign keys, and an FTS5 full-text index. The tables are declared once,
/// in `SQLiteSchema` (SQLiteTables.swift); docs/sqlite.md is generated from them.
///
/// Same records, same bytes (for one SQLite version): a fixed page size, rows inserted in id
/// order in one transaction, no timestamps, the full-text index merged into one segment, and
/// `VACUUM` at the end. The database is built in a temporary file beside its target with the
/// journal off (so no `-journal` file ever appears; the temporary itself is the rollback), then
/// renamed into place like every other output.
public struct SQLiteExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "sqlite"
    public static let summary = "one SQLite database: exercises, a table per list, the taxonomy (foreign keys) and FTS5 search (path default: exercises.sqlite)"
    public var path: String

    public static let defaultPath = "exercises.sqlite"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        try SQLiteWriter(output, path, context: context)
    }
}

/// The database being filled: one connection, one prepared INSERT per table, one transaction
/// from `init` to `finish`.
final class SQLiteWriter: ExportWriter {
    /// Fixed before anything is written (page size is part of the bytes); nothing to roll back
    /// to and nothing to sync, as for the other outputs until they are renamed into place.
    static let settings = "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA encoding = 'UTF-8';"

    let output: OutputDirectory
    let relative: String
    let temporary: String
    let context: ExportContext
    let database: SQLiteDatabase
    /// The per-record tables with their INSERT statements.
    let inserts: [(rows: @Sendable (SQLiteRecord) -> [[SQLValue]], statement: SQLiteStatement)]
    private var placed = false

    init(_ output: OutputDirectory, _ relative: String, context: ExportContext) throws {
        self.output = output
        self.relative = relative
        self.context = context
        let (fd, temporary) = try AtomicFile.createTemporary(beside: try output.resolvePath(relative))
        close(fd)
        self.temporary = temporary
        do {
            database = try SQLiteDatabase(path: temporary, name: relative)
            try database.execute(Self.settings, "set the page size and journal mode")
            try database.execute(SQLiteSchema.createStatements.joined(separator: "\n"), "create the tables")
            try database.execute("PRAGMA user_version = \(SQLiteSchema.userVersion(Exercise.schemaVersion))", "set user_version")
            try database.execute("BEGIN", "begin the transaction")
            var inserts: [(rows: @Sendable (SQLiteRecord) -> [[SQLValue]], statement: SQLiteStatement)] = []
            for table in SQLiteSchema.tables {
                let statement = try database.prepare(table.insertStatement, "write a row of \(table.name)")
                switch table.rows {
                case .perRecord(let rows):
                    inserts.append((rows, statement))
                case .taxonomy(let kind, let row):
                    let vocabulary = context.taxonomy[kind]
                    for term in vocabulary.terms { try statement.run(row(term, vocabulary)) }
                }
            }
            self.inserts = inserts
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// The index merge, the key check and VACUUM at `finish` (see `ExportWriter.finishesSlowly`).
    var finishesSlowly: Bool { true }

    deinit {
        database.close()
        if !placed { unlink(temporary) }
    }

    func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
        for record in chunk.records {
            let rows = SQLiteRecord(record, taxonomy: context.taxonomy)
            for (tableRows, statement) in inserts {
                for row in tableRows(rows) { try statement.run(row) }
            }
            if !rows.unlinked.isEmpty {
                let values = rows.unlinked.map { "\($0.field.rawValue) '\($0.value)'" }.joined(separator: ", ")
                diagnostics.report(.notATaxonomyID, "record '\(record.id)': \(values) \(rows.unlinked.count == 1 ? "is not a taxonomy id" : "are not taxonomy ids"); the sqlite export lists them in exercise_unknown_terms, not in the link tables", file: record.source.path)
            }
        }
    }

    func finish(diagnostics: inout DiagnosticSink) throws {
        // One segment whatever the chunks were: the index's bytes depend on the records only.
        try database.execute("INSERT INTO exercises_fts (exercises_fts) VALUES ('optimize')", "merge the full-text index")
        // The link tables hold taxonomy ids only, so this never fires; if it did, the file would
        // be wrong, and no file is better.
        if let violation = try database.rows("PRAGMA foreign_key_check", "check the foreign keys").first {
            throw OutputError("\(relative): a row of \(violation[0] ?? "?") names a missing \(violation[2] ?? "?") (foreign key check)")
        }
        try database.execute("COMMIT", "commit the rows")
        try database.execute("VACUUM", "compact the file (VACUUM)")
        database.close()
        var st = stat()
        guard stat(temporary, &st) == 0, let digest = ContentHash.digest(ofFileAt: temporary) else {
            throw OutputError("cannot read back \(relative): \(String(cString: strerror(errno)))")
        }
        let entry = WriteLedger.Entry(path: relative, digest: digest, size: Int(st.st_size))
        placed = true
        try output.moveIntoPlace(temporary, entry)
        output.ledger.record(entry)
    }
}

