import ExerciseDocument
import ExerciseModel

/// One reader per input format, all producing the same `Document`.
public protocol DocumentReader: Sendable {
    /// The format name used in pipeline.json, `--from` and `source.format` (e.g. `markdown`).
    static var format: String { get }
    /// File extensions (lower case, no dot) this reader takes by default.
    static var defaultExtensions: [String] { get }
    /// Parses the bytes of one file. Problems the page has go into `diagnostics`; a page that
    /// cannot be read at all returns `nil` with an error diagnostic. `rules` are the per-site
    /// rules in force for the file (a reader evaluates those of its syntax: XPath for HTML).
    func read(_ bytes: [UInt8], rules: ExtractRules, diagnostics: inout DiagnosticSink) -> Document?
}

extension DocumentReader {
    public func read(_ bytes: [UInt8], diagnostics: inout DiagnosticSink) -> Document? {
        read(bytes, rules: ExtractRules(), diagnostics: &diagnostics)
    }
}

/// The findings the readers report, for `docs/diagnostics.md`.
public enum ReaderDiagnostics {
    public static let codes: [DiagnosticCode] = [
        .invalidUTF8, .unclosedFrontMatter, .frontMatterAlias, .frontMatterSyntax,
        .frontMatterShape, .unknownCharset, .charsetGuess, .invalidCharsetBytes, .htmlTruncated, .notHTML, .tooDeep, .includeNotRead, .shortcodeNotRead,
        .inlineScriptDropped,
    ]
}
