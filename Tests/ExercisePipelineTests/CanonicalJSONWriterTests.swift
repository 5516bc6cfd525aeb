@testable import ExerciseExporters
import ExerciseModel
@testable import ExercisePipeline
import Foundation
import Testing

/// The direct writer must give the bytes `JSONEncoder` + `CanonicalJSON.indent` gave, or every
/// output file would change: checked on the records of every sample and real page, their JSON-LD,
/// and values chosen to hit the ordering and escaping rules.
@Suite struct CanonicalJSONWriterTests {
    static func sampleRecords() throws -> [Exercise] {
        let folders = [Support.root.appendingPathComponent("input"), Support.shared.appendingPathComponent("corpus/real-pages")]
        var records: [Exercise] = []
        for folder in folders {
            for path in Support.allFiles(under: folder) where path.hasSuffix(".md") || path.hasSuffix(".html") {
                let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(path)))
                records += Support.convert(bytes: bytes, path: path, format: path.hasSuffix(".md") ? "markdown" : "html").records
            }
        }
        return records
    }

    static func expectSameBytes<T: Encodable>(_ value: T, _ label: String) throws {
        for pretty in [true, false] {
            let direct = try CanonicalJSON.data(value, pretty: pretty)
            let encoded = try CanonicalJSON.encoderData(value, pretty: pretty)
            #expect(direct == encoded, "\(label) (pretty: \(pretty)):\n\(String(decoding: direct, as: UTF8.self))\n---\n\(String(decoding: encoded, as: UTF8.self))")
        }
    }

    @Test func recordsAndTheirJSONLDMatchTheEncoder() throws {
        let records = try Self.sampleRecords()
        #expect(records.count > 200)
        var options = try ConfigObject(.object(["baseURL": "https://example.com/exercises/"]), path: "exporters[0]")
        let jsonLD = try JSONLDExporter(options: &options, context: Support.exportContext)
        for r in records {
            try Self.expectSameBytes(r, r.source.path)
            try Self.expectSameBytes(jsonLD.document(for: r, context: Support.exportContext), "JSON-LD of \(r.source.path)")
        }
        try Self.expectSameBytes(records, "all records as one array")
    }

    /// The JSON-LD exporter writes its documents directly; the bytes must be the canonical bytes
    /// of `document(for:)`, with and without a base URL and with a URL pattern, on every sample
    /// and real page and on a record with every part the document has.
    @Test func theJSONLDWriterWritesTheDocumentsBytes() throws {
        var full = Exercise(id: "full", name: "Full \"Record\" <b>", summary: "Sum & more", source: SourceInfo(path: "p.md", format: "markdown", sha256: "00"))
        full.bodyParts = ["legs", "back"]
        full.equipment = ["dumbbell"]
        full.unknownTerms = ["equipment": ["sandbag"]]
        full.primaryMuscles = ["quadriceps"]
        full.secondaryMuscles = ["gluteus-maximus"]
        full.stabilizerMuscles = ["erector-spinae"]
        full.difficulty = "beginner"
        full.category = "strength"
        full.steps = ["one", "two"]
        full.tips = ["tip"]
        full.mistakes = ["mistake"]
        full.faq = [FAQEntry(question: "Q?", answer: "A.")]
        full.related = [RelatedLink(title: "r", url: "https://example.org/r"), RelatedLink(title: "s", url: "/s")]
        full.media = [Media(url: "https://cdn.example.com/a.jpg", kind: .image, caption: "A"), Media(url: "/img/b.jpg", kind: .image),
                      Media(url: "c.jpg", kind: .image), Media(url: "https://video.example.com/v", kind: .video),
                      Media(url: "/v.mp4", kind: .video, caption: "V")]
        var bare = full
        bare.id = "bare"
        bare.bodyParts = []; bare.equipment = []; bare.unknownTerms = [:]; bare.primaryMuscles = []; bare.secondaryMuscles = []
        bare.stabilizerMuscles = []; bare.difficulty = nil; bare.category = nil; bare.summary = nil; bare.steps = []
        bare.tips = []; bare.mistakes = []; bare.faq = []; bare.related = []; bare.media = []
        let records = try Self.sampleRecords() + [full, bare]
        let exporters = [
            JSONLDExporter(),
            JSONLDExporter(baseURL: "https://example.com/exercises/"),
            JSONLDExporter(baseURL: "https://example.com:8080/x", urlPattern: "{bodyPart}/{category}/{id}"),
        ]
        for exporter in exporters {
            for r in records {
                let direct = String(decoding: exporter.canonicalBytes(for: r, context: Support.exportContext), as: UTF8.self)
                let built = String(decoding: CanonicalJSON.data(exporter.document(for: r, context: Support.exportContext)), as: UTF8.self)
                #expect(direct == built, "\(r.source.path) \(r.id), baseURL \(exporter.baseURL ?? "none")")
            }
        }
    }

    @Test func orderingAndEscapingMatchTheEncoder() throws {
        let awkward = "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{08} ff \u{0C} nul \u{00} us \u{1F} del \u{7F} ls \u{2028} é 🏋️"
        var r = Exercise(id: "a/b", name: awkward, summary: nil, source: SourceInfo(path: "p.md", format: "markdown", sha256: "00", fragment: "f", position: 2))
        r.attributes = ["a10": "x", "a9": "y", "B": "z", "É": "é", "_": "", "a": awkward]
        r.unknownTerms = ["muscles": ["b", "a"], "Équipement": []]
        r.media = [Media(url: "u", kind: .video), Media(url: "v", kind: .image, caption: "c")]
        r.variations = [Variation(title: "t"), Variation(title: "t", url: "u")]
        try Self.expectSameBytes(r, "awkward record")
        let value: JSONValue = .object(["z": [], "y": .object([:]), "x": [.null, true, false, 0, -12, [[]]], "": "empty key", "w": .double(1.5)])
        try Self.expectSameBytes(value, "awkward JSON value")
        try Self.expectSameBytes([String: [String]](), "empty map")
        try Self.expectSameBytes(Diagnostic(file: "p/é.md", line: 3, severity: .warning, code: "unknown-term", message: awkward), "diagnostic with a line")
        try Self.expectSameBytes(Diagnostic(file: "", severity: .info, code: "not-pages", message: ""), "diagnostic without one")
        try Self.expectSameBytes(RunReport.FileOutcome(path: awkward, status: .converted, id: "a/b"), "converted file")
        try Self.expectSameBytes(RunReport.FileOutcome(path: "p.md", status: .converted, id: "a", ids: ["a", awkward]), "file of several records")
        try Self.expectSameBytes(RunReport.FileOutcome(path: "", status: .failed, id: nil), "failed file")
        try Self.expectSameBytes(RunReport.FileOutcome(path: "x.md", status: .skipped, id: nil, ids: []), "skipped file")
    }

    /// Script-safe JSON is the canonical JSON with `& < >` U+2028 U+2029 escaped, and nothing else.
    @Test func scriptSafeJSONEscapesOnlyWhatCouldEndTheScript() throws {
        let text = "</script><!-- a & b > c \u{2028} \u{2029} \u{2027} \" \\ é"
        let value: JSONValue = .object(["name": .string(text), "<key>": [.string(text)]])
        var expected = String(decoding: try CanonicalJSON.encoderData(value), as: UTF8.self)
        for (raw, escaped) in [("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029")] {
            expected = expected.replacingOccurrences(of: raw, with: escaped)
        }
        #expect(HTMLSnippetExporter.scriptSafeJSON(value) == expected)
        #expect(!expected.contains("<") && expected.contains("\\u003c/script"))
        // The html exporter escapes the JSON-LD exporter's canonical bytes afterwards: the same text.
        #expect(HTMLSnippetExporter.scriptSafe(canonicalJSON: [UInt8](CanonicalJSON.data(value))) == expected)
        var options = try ConfigObject(.object(["baseURL": "https://example.com/exercises/"]), path: "exporters[0]")
        let jsonLD = try JSONLDExporter(options: &options, context: Support.exportContext)
        for r in try Self.sampleRecords() {
            let document = jsonLD.document(for: r, context: Support.exportContext)
            #expect(HTMLSnippetExporter.scriptSafe(canonicalJSON: [UInt8](CanonicalJSON.data(document))) == HTMLSnippetExporter.scriptSafeJSON(document), "\(r.source.path)")
        }
    }

    /// The writer skips text eight bytes at a time while none can need an escape: every character
    /// that is escaped (or, script-safe, every one that could end the script), at every offset
    /// into a word and next to multi-byte text, must still be caught.
    @Test func escapesAreFoundAtEveryOffset() throws {
        let special = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\", "&", "<", ">", "\u{2028}", "\u{2029}", "\u{7F}", "é", "\u{2027}"]
        let replacements = [("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029")]
        for character in special {
            for offset in 0..<17 {
                for filler in ["abcdefghijklmnopq", "ééééééééé"] {
                    let text = String(filler.prefix(offset)) + character + filler
                    try Self.expectSameBytes(text, "\(Array(character.unicodeScalars)) at \(offset)")
                    var expected = String(decoding: try CanonicalJSON.encoderData(text), as: UTF8.self)
                    for (raw, escaped) in replacements { expected = expected.replacingOccurrences(of: raw, with: escaped) }
                    #expect(HTMLSnippetExporter.scriptSafeJSON(.string(text)) == expected, "script-safe \(Array(character.unicodeScalars)) at \(offset)")
                }
            }
        }
    }

    /// An array streamed an element at a time, at any depth, reads as the array written whole.
    @Test func streamedArrayMatchesTheWholeArray() throws {
        let records = Array(try Self.sampleRecords().prefix(5))
        for depth in 1...3 {
            var stream = JSONArrayStream(depth: depth), byteStream = JSONArrayStream(depth: depth)
            var text = "", bytes: [UInt8] = []
            for r in records {
                text += try stream.text(for: r)
                bytes += byteStream.bytes(for: r)
            }
            text += stream.closing
            bytes += Array(byteStream.closing.utf8)
            let whole = String(decoding: try CanonicalJSON.encoderData(records).dropLast(), as: UTF8.self)
            let pad = String(repeating: "  ", count: depth - 1)
            #expect(text == whole.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad))
            #expect(String(decoding: bytes, as: UTF8.self) == text)
        }
    }
}
