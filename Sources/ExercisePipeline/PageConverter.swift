import ExerciseExtraction
import ExerciseModel
import ExerciseReaders

/// The work done for one file, as a pure function of its bytes and the configuration: read,
/// extract, then the per-record stages. Safe to run on many files at once.
public struct PageConverter: Sendable {
    public var recordStages: [any RecordTransformer]

    public init(recordStages: [any RecordTransformer]) {
        self.recordStages = recordStages
    }

    public struct Result: Sendable {
        public var record: Exercise?
        public var diagnostics: [Diagnostic]
    }

    /// `path` is what `source.path` and diagnostics say (relative to the pipeline.json's folder, or
    /// as given to `convert`). `defaultName` names a page that has no title of its own.
    public func convert(bytes: [UInt8], path: String, format: String, defaultName: String? = nil) -> Result {
        var sink = DiagnosticSink(file: path)
        guard let reader = ReaderRegistry.readers[format] else {
            sink.error("no-reader", "no reader for format '\(format)'; known: \(ReaderRegistry.formats.joined(separator: ", "))")
            return Result(record: nil, diagnostics: sink.diagnostics)
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) || bytes == [0xEF, 0xBB, 0xBF] {
            sink.error("empty-file", "file is empty; expected an exercise page")
            return Result(record: nil, diagnostics: sink.diagnostics)
        }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16 && bytes.prefix(8192).contains(0) {
            sink.error("binary-file", "file holds NUL bytes: it looks binary, not a \(format) page")
            return Result(record: nil, diagnostics: sink.diagnostics)
        }
        guard let document = reader.read(bytes, diagnostics: &sink) else {
            return Result(record: nil, diagnostics: sink.diagnostics)
        }
        let source = SourceInfo(path: path, format: format, sha256: SHA256.hex(bytes))
        guard var record = ExerciseExtractor().extract(document, source: source, defaultName: defaultName, diagnostics: &sink) else {
            return Result(record: nil, diagnostics: sink.diagnostics)
        }
        for stage in recordStages {
            record = stage.transform(record, diagnostics: &sink)
        }
        return Result(record: record, diagnostics: sink.diagnostics)
    }
}
