import ExerciseModel

/// One reader per input format, all producing the same `Document`.
public protocol DocumentReader: Sendable {
    /// The format name used in pipeline.json, `--from` and `source.format` (e.g. `markdown`).
    static var format: String { get }
    /// File extensions (lower case, no dot) this reader takes by default.
    static var defaultExtensions: [String] { get }
    /// Parses the bytes of one file. Problems the page has go into `diagnostics`; a page that
    /// cannot be read at all returns `nil` with an error diagnostic.
    func read(_ bytes: [UInt8], diagnostics: inout DiagnosticSink) -> Document?
}

/// The readers this build knows, by format name.
public enum ReaderRegistry {
    public static let readers: [String: any DocumentReader] = [
        MarkdownReader.format: MarkdownReader(),
        HTMLReader.format: HTMLReader(),
    ]
    public static var formats: [String] { readers.keys.sorted() }
    public static func defaultExtensions(of format: String) -> [String] {
        guard let reader = readers[format] else { return [] }
        return type(of: reader).defaultExtensions
    }
}
