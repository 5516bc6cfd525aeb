/// One finding about one input (or the configuration): what `report.json` lists and stderr prints
/// as `path:line: severity: message [code]`.
public struct Diagnostic: Codable, Sendable, Equatable, Hashable {
    public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
        /// The file produced no record.
        case error
        /// The record was produced, but something on the page was not used or not understood.
        case warning
        /// Kept and converted, worth knowing (e.g. a fact kept in `attributes`).
        case info

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .info: 2
            }
        }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var file: String
    public var line: Int?
    public var severity: Severity
    /// Stable, kebab-case identifier of the kind of finding, for filtering (e.g. `unknown-section`).
    public var code: String
    public var message: String

    public init(file: String, line: Int? = nil, severity: Severity, code: String, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// The compiler-style one-line form: `input/a.md:12: warning: message [code]`.
    public var formatted: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(severity.rawValue): \(message) [\(code)]"
    }
}

extension Diagnostic: Comparable {
    /// Report order: by file, then line (file-level findings first), then severity, code, message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

/// A single diagnostic can be the failure of an operation on one file (reading it, say).
extension Diagnostic: Error {}
