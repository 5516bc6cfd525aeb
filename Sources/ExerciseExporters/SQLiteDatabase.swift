import CSQLite3
import Foundation

/// A value bound to a statement's parameter: the only types the `sqlite` export writes.
enum SQLValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case null

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
}

/// SQLite said no: its message, and the operating system's reason when there is one ("disk I/O
/// error (No space left on device)"), so a full disk reads as such in the run's diagnostics.
struct SQLiteError: Error, CustomStringConvertible {
    var description: String
}

/// One connection to one database file, over the C API: no more than the exporter needs
/// (statements run once, prepared statements run per row, a query read as text). Statements are
/// finalized before the connection closes, so `close()` never leaves the file open.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [SQLiteStatement] = []
    /// What errors call the file: the output path, not the temporary's name.
    let name: String

    init(path: String, name: String) throws {
        self.name = name
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        handle = db
        guard code == SQLITE_OK else {
            let error = failure("open the file")
            close()
            throw error
        }
    }

    deinit { close() }

    /// SQLite's last error on this connection, saying what it was doing (`what`: "create the tables").
    func failure(_ what: String) -> SQLiteError {
        let context = "\(name): SQLite could not \(what)"
        guard let handle else { return SQLiteError(description: "\(context): out of memory") }
        var message = "\(context): \(String(cString: sqlite3_errmsg(handle)))"
        let system = sqlite3_system_errno(handle)
        if system != 0 { message += " (\(String(cString: strerror(system))))" }
        return SQLiteError(description: message)
    }

    /// Runs statements that return no rows (several, separated by `;`); `what` they do, for errors.
    func execute(_ sql: String, _ what: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure(what) }
    }

    /// A statement to run per row; `what` it does, for errors ("write a row of exercise_steps").
    func prepare(_ sql: String, _ what: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure("prepare to \(what)") }
        let prepared = SQLiteStatement(statement, what, database: self)
        statements.append(prepared)
        return prepared
    }

    /// Every row of a query, each column as text (NULL as nil).
    func rows(_ sql: String, _ what: String) throws -> [[String?]] {
        let statement = try prepare(sql, what)
        defer { statement.finalize() }
        return try statement.query()
    }

    func close() {
        for statement in statements { statement.finalize() }
        statements.removeAll()
        if let handle { sqlite3_close(handle) }
        handle = nil
    }
}

/// A prepared statement, run once per row with that row's values.
final class SQLiteStatement {
    private var handle: OpaquePointer?
    private let what: String
    private unowned let database: SQLiteDatabase

    init(_ handle: OpaquePointer, _ what: String, database: SQLiteDatabase) {
        self.handle = handle
        self.what = what
        self.database = database
    }

    func run(_ values: [SQLValue]) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        guard sqlite3_step(handle) == SQLITE_DONE else { throw database.failure(what) }
    }

    func query() throws -> [[String?]] {
        defer { sqlite3_reset(handle) }
        var rows: [[String?]] = []
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW:
                rows.append((0..<sqlite3_column_count(handle)).map { i in sqlite3_column_text(handle, i).map { String(cString: $0) } })
            case SQLITE_DONE:
                return rows
            default:
                throw database.failure(what)
            }
        }
    }

    private func bind(_ values: [SQLValue]) throws {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let code: Int32 = switch value {
            // The byte count, not strlen: text holding a NUL is written whole.
            case .text(let s): s.withCString { csqlite_bind_text(handle, index, $0, Int32(s.utf8.count)) }
            case .integer(let n): sqlite3_bind_int64(handle, index, sqlite3_int64(n))
            case .null: sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw database.failure(what) }
        }
    }

    func finalize() {
        if let handle { sqlite3_finalize(handle) }
        handle = nil
    }
}
