import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Synchronization
import Testing

/// Memory that does not grow with the batch: the records reach the exporters from disk, in id
/// order, a few at a time; report.json and the manifest are streamed too, to the bytes the whole
/// documents would have.
@Suite struct StreamingTests {
    /// An exporter that writes nothing and remembers what it was handed.
    struct Probe: Exporter {
        static let format = "probe"
        static let summary = "test probe"
        static func options(_ context: ExportContext) -> [ConfigOption] { [] }
        final class Seen: Sendable {
            let chunks = Mutex<[[String]]>([])
        }
        let seen: Seen
        init(seen: Seen) { self.seen = seen }
        init(options: inout ConfigObject, context: ExportContext) throws { seen = Seen() }
        var outputs: [OutputClaim] { [] }

        final class Writer: ExportWriter {
            let seen: Seen
            init(seen: Seen) { self.seen = seen }
            func write(_ chunk: RecordChunk, diagnostics: inout DiagnosticSink) throws {
                seen.chunks.withLock { $0.append(chunk.records.map(\.id)) }
            }
            func finish(diagnostics: inout DiagnosticSink) throws {}
        }

        func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter { Writer(seen: seen) }
    }

    func site(pages: Int) throws -> URL {
        let dir = try Support.temporaryDirectory()
        let folder = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // File names in one order, names (hence ids) in another.
        for i in 0..<pages {
            let name = "Move \(String(UnicodeScalar(UInt8(97 + (i * 7) % 26)))) \((i * 37) % pages)"
            try "# \(name)\n\nA move.\n\n## Steps\n\n1. Move.\n".write(to: folder.appendingPathComponent(String(format: "%04d.md", i)), atomically: true, encoding: .utf8)
        }
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "json-dataset"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func recordsReachTheExportersInIdOrderAFewAtATime() throws {
        let dir = try site(pages: 150)
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = try PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))
        let seen = Probe.Seen()
        config.exporters.append(Probe(seen: seen))
        let outcome = try PipelineRunner(config: config).run()
        #expect(outcome.exitCode == 0)
        let chunks = seen.chunks.withLock { $0 }
        #expect(chunks.count == 3)
        #expect(chunks.allSatisfy { $0.count <= PipelineRunner.chunkSize })
        let ids = chunks.flatMap { $0 }
        #expect(ids.count == 150)
        #expect(ids == ids.sorted())
        // The dataset exporter was fed the same stream.
        let dataset = try JSONDecoder().decode([Exercise].self, from: Data(contentsOf: dir.appendingPathComponent("out/exercises.json")))
        #expect(dataset.map(\.id) == ids)
    }

    /// report.json is written page by page; its bytes are the ones the whole report encodes to,
    /// with diagnostics of every kind (a page's, discovery's, a batch stage's, an exporter's).
    @Test func theStreamedReportIsTheCanonicalDocument() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        for (name, text) in [("a.md", "# Squat\n\nA squat.\n\n## Steps\n\n1. Sit.\n"), ("b.md", "# Squat\n\nAnother.\n\n## Steps\n\n1. Sit.\n"),
                             ("c.md", ""), ("d.txt.bak", "x"), ("e.md", "# Curl\n\n- Category: balance\n\n## Steps\n\n1. Curl.\n")] {
            try text.write(to: pages.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "free-exercise-db"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let outcome = try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))).run()
        let written = try Data(contentsOf: dir.appendingPathComponent("out/report.json"))
        let report = try JSONDecoder().decode(RunReport.self, from: written)
        #expect(Set(report.diagnostics.map(\.code)).isSuperset(of: ["empty-file", "not-pages", "duplicate-id", "record-left-out"]))
        #expect(try CanonicalJSON.data(RunReport(files: report.files, diagnostics: report.diagnostics)) == written)
        #expect(report.totals == outcome.totals)
    }

    /// A folder whose manifest an earlier version wrote as JSON is still the tool's: its files are
    /// cleaned up as the manifest says, and the manifest is rewritten in the current form.
    @Test func aManifestOfTheEarlierFormIsRead() throws {
        let dir = try site(pages: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))
        let first = try PipelineRunner(config: config).run()
        let out = dir.appendingPathComponent("out")
        let state = out.appendingPathComponent(".exercise-pipeline")
        var files: [String: String] = [:]
        // (An earlier version wrote no report.html.)
        _ = OutputState.forEachOwnedFile(out) { path, file in if path != "report.html" { files[path] = file.digest.hex } }
        try FileManager.default.removeItem(at: out.appendingPathComponent("report.html"))
        #expect(files.count == 4)
        try JSONSerialization.data(withJSONObject: ["tool": "exercise-pipeline", "version": 1, "files": files]).write(to: state.appendingPathComponent("manifest.json"))
        try FileManager.default.removeItem(at: state.appendingPathComponent("manifest.tsv"))
        try FileManager.default.removeItem(at: state.appendingPathComponent("cache"))
        let gone = try #require(try first.records.first)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(gone.source.path))
        let second = try PipelineRunner(config: config).run()
        #expect(second.removed == ["json/\(gone.id).json"])
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("manifest.json").path))
        #expect(second.written == (try second.records).map { "json/\($0.id).json" }.sorted() + ["report.html", "report.json"])
    }
}
