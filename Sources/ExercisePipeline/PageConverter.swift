import ExerciseDocument
import ExerciseExporters
import ExerciseExtraction
import ExerciseModel
import ExerciseReaders

/// The conversion `run` and `convert` share: per page, a pure function of its bytes and the
/// configuration (read, extract, the per-record stages, a safe id), safe to run on many pages at
/// once; then, over the batch's record keys, the batch stages and the runner's id rules.
public struct PageConverter: Sendable {
    public let recordStages: [any RecordTransformer]
    public let batchStages: [any BatchTransformer]
    public let extract: ExtractConfig
    /// The taxonomy in force, as evidence the extractor weighs for lists no heading explains.
    public let recognizer: (any LabelRecognizer)?
    /// Keep the extractor's explanation of each page (`convert --explain`).
    public var explaining = false
    /// Time each step into this clock (`run --profile`).
    public var clock: StageClock?
    /// Convert drafts too (`--include-drafts`).
    public var includeDrafts = false

    /// Splits the configured stages: the per-record ones run inside each page's job, in their
    /// order; the batch ones after, over the keys (see `Transformer`).
    public init(stages: [any Transformer], extract: ExtractConfig = ExtractConfig(), recognizer: (any LabelRecognizer)? = nil) {
        recordStages = stages.compactMap { $0 as? any RecordTransformer }
        batchStages = stages.compactMap { $0 as? any BatchTransformer }
        self.extract = extract
        self.recognizer = recognizer
    }

    public init(config: PipelineConfig) {
        self.init(stages: config.transformers, extract: config.extract, recognizer: config.taxonomy)
        includeDrafts = config.includeDrafts
    }

    public struct Result: Sendable, Codable {
        /// The page's records: one, or one per exercise on a page that holds several; empty when
        /// the page gave none (its diagnostics say why).
        public var extracted: [ExtractedRecord]
        public var diagnostics: [Diagnostic]
        /// The first record (the only one on a single-exercise page).
        public var record: Exercise? { extracted.first?.record }
        public var records: [Exercise] { extracted.map(\.record) }
        /// No record on purpose: a draft or an index page. (A page that gives no record otherwise
        /// always has an error saying why.)
        public var skipped: Bool { extracted.isEmpty && !diagnostics.contains { $0.severity == .error } }
    }

    /// One page through reading, extraction, the per-record stages and the id rules that need no
    /// other page (`RecordIDs.assign`). `path` is what `source.path` and diagnostics say;
    /// `defaultName` names a page that has no title of its own.
    /// `digest`: the bytes' SHA-256 when the caller has it already (the runner hashes every input
    /// for the cache), so the page is not hashed twice.
    public func convertPage(bytes: [UInt8], path: String, format: String, defaultName: String? = nil, digest: ContentHash.Digest? = nil) -> Result {
        var sink = DiagnosticSink(file: path)
        let items = extract(bytes: bytes, path: path, format: format, defaultName: defaultName, digest: digest, sink: &sink)
        return Result(extracted: items.map { item in
            var out = item
            for stage in recordStages {
                out = clock.measure(type(of: stage).name) { stage.transform(out, diagnostics: &sink) }
            }
            RecordIDs.assign(&out, diagnostics: &sink)
            return out
        }, diagnostics: sink.diagnostics)
    }

    private func extract(bytes: [UInt8], path: String, format: String, defaultName: String?, digest: ContentHash.Digest?, sink: inout DiagnosticSink) -> [ExtractedRecord] {
        guard let reader = Catalogue.reader(for: format) else {
            sink.report(.noReader, "no reader for format '\(format)'; known: \(Catalogue.readerFormats.sorted().joined(separator: ", "))")
            return []
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) || bytes == [0xEF, 0xBB, 0xBF] {
            sink.report(.emptyFile, "file is empty; expected an exercise page")
            return []
        }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        var text = bytes
        if !utf16 && bytes.prefix(8192).contains(0) {
            guard let bigEndian = Self.utf16WithoutBOM(bytes) else {
                sink.report(.binaryFile, "file holds NUL bytes: it looks binary, not a \(format) page")
                return []
            }
            // Read as the UTF-16 it plainly is, as if it had its mark (its hash stays the file's).
            sink.report(.utf16WithoutBOM, "no byte order mark, but every other byte is NUL: read as UTF-16\(bigEndian ? "BE" : "LE"); other tools may not, re-save it as UTF-8")
            text = (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + bytes
        }
        let rules = extract.rules(for: path)
        guard let document = clock.measure("parse \(format)", { reader.read(text, rules: rules, diagnostics: &sink) }) else { return [] }
        let source = SourceInfo(path: path, format: format, sha256: digest?.hex ?? ContentHash.hex(bytes))
        return clock.measure("extract") {
            ExerciseExtractor(rules: rules, recognizer: recognizer, explaining: explaining, includeDrafts: includeDrafts).extractAll(document, source: source, defaultName: defaultName, diagnostics: &sink)
        }
    }

    /// The batch stages, then the runner's guarantee: unique ids, keys in id order.
    public func finish(_ keys: consuming [RecordKey], diagnostics: inout DiagnosticSink) -> [RecordKey] {
        // (A loop, not reduce: each stage gets the only copy of the keys and changes them in place.)
        var staged = keys
        for stage in batchStages { staged = stage.transform(keys: staged, diagnostics: &diagnostics) }
        return RecordIDs.enforce(staged, diagnostics: &diagnostics)
    }

    /// One page on its own, exactly as `run` would convert it in a batch of one (`convert`).
    public func convert(bytes: [UInt8], path: String, format: String, defaultName: String? = nil) -> Result {
        var page = convertPage(bytes: bytes, path: path, format: format, defaultName: defaultName)
        guard !page.extracted.isEmpty else { return page }
        var sink = DiagnosticSink(file: path)
        for key in finish(page.keys(page: 0), diagnostics: &sink) { page.extracted[key.index].record.id = key.id }
        page.diagnostics += sink.diagnostics
        return page
    }
}

extension PageConverter.Result {
    /// The keys of the page's records, for the batch stages.
    func keys(page: Int) -> [RecordKey] {
        extracted.enumerated().map { i, item in
            RecordKey(id: item.record.id, path: item.record.source.path, position: item.record.source.position ?? 0,
                      nameLine: item.sourceMap[.name], page: page, index: i)
        }
    }
}

extension PageConverter {
    /// UTF-16 saved without its byte order mark, told by its NULs: in the first 8 KiB (at least
    /// 16 bytes), nearly every high byte of a pair is NUL and nearly no low byte is, as in mostly
    /// ASCII text. True for big-endian; nil when the bytes do not look so.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let count = min(bytes.count, 8192) & ~1
        guard count >= 16 else { return nil }
        var evenNULs = 0, oddNULs = 0
        for i in stride(from: 0, to: count, by: 2) {
            if bytes[i] == 0 { evenNULs += 1 }
            if bytes[i + 1] == 0 { oddNULs += 1 }
        }
        let pairs = count / 2
        if oddNULs * 10 >= pairs * 9 && evenNULs * 20 <= pairs { return false }
        if evenNULs * 10 >= pairs * 9 && oddNULs * 20 <= pairs { return true }
        return nil
    }
}

extension DiagnosticCode {
    static let noReader = DiagnosticCode("no-reader", .error,
        "No importer reads files with this extension (or no reader has this format); the file was not converted. Add the extension to an importer in pipeline.json, or exclude the file with `input.exclude`.")
    static let emptyFile = DiagnosticCode("empty-file", .error,
        "The file is empty (or white space only); no record.")
    static let binaryFile = DiagnosticCode("binary-file", .error,
        "The file holds NUL bytes: it is binary, not a page; no record. Exclude it in pipeline.json `input.exclude`.")
    static let utf16WithoutBOM = DiagnosticCode("utf16-without-bom", .warning,
        "The file has no byte order mark, but every other byte of its start is NUL, as in UTF-16 text: it was read as UTF-16 (little- or big-endian, as the NULs say). Re-save it as UTF-8 so that other tools read it too.")
}
