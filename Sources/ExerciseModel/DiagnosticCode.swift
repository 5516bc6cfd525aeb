/// The kind of a finding: a stable kebab-case name, the severity it is reported at, and what it
/// means for the user and what to do about it. Each code is declared as a constant beside the code
/// that emits it (as swift-format declares a rule's findings beside the rule); each module lists
/// its codes in one array, and `docs/diagnostics.md` is generated from those lists.
public struct DiagnosticCode: Sendable, Hashable {
    public let name: String
    public let severity: Diagnostic.Severity
    /// What the finding means and what to do about it (one or two sentences, for the docs).
    public let help: String

    public init(_ name: String, _ severity: Diagnostic.Severity, _ help: String) {
        self.name = name
        self.severity = severity
        self.help = help
    }
}

/// Collects the diagnostics of one stage of work: one file's read and extraction, a batch stage,
/// an exporter. The one way findings travel between stages.
public struct DiagnosticSink: Sendable {
    /// The file a diagnostic is about unless the call names another (batch stages and exporters
    /// name each record's own file).
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String = "") { self.file = file }

    /// Reports a finding at its code's severity; `severity` overrides it where the same kind of
    /// finding matters less in one place (an empty section is a note, a section with text a warning).
    public mutating func report(_ code: DiagnosticCode, _ message: String, line: Int? = nil, file: String? = nil, severity: Diagnostic.Severity? = nil) {
        diagnostics.append(Diagnostic(file: file ?? self.file, line: line, severity: severity ?? code.severity, code: code.name, message: message))
    }

    public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics += other }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Diagnostic {
    /// A finding that is the whole outcome of an operation on one file (reading it, say).
    public init(_ code: DiagnosticCode, file: String, line: Int? = nil, _ message: String) {
        self.init(file: file, line: line, severity: code.severity, code: code.name, message: message)
    }
}
