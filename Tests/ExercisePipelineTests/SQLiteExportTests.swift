@testable import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// The `sqlite` export, read the way a consumer reads it: Python's sqlite3 module
/// (check_sqlite.py) rebuilds every record from the tables and compares it with the json-dataset
/// file of the same run, checks integrity, foreign keys, user_version and full-text search.
@Suite(.serialized) struct SQLiteExportTests {
    static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("check_sqlite.py").path
    static let exporters = #"[{"format": "json-dataset"}, {"format": "taxonomy"}, {"format": "sqlite", "path": "exercises.sqlite"}]"#

    /// The CLI's `run` over `inputs` into `dir/out`, with a pipeline.json written into `dir`.
    static func run(_ inputs: [String], in dir: URL, exporters: String = exporters, transformers: String? = nil, shell: String? = nil) throws -> Support.ProcessResult {
        let list = inputs.map { "\"\($0)\"" }.joined(separator: ", ")
        let stages = transformers.map { #", "transformers": \#($0)"# } ?? ""
        try Data(#"{"input": [\#(list)], "output": "out", "exporters": \#(exporters)\#(stages)}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let config = dir.appendingPathComponent("pipeline.json").path
        if let shell { return try Support.run("/bin/bash", ["-c", "\(shell); exec \"$0\" run --config \"$1\" --quiet", Support.cli, config]) }
        return try Support.run(Support.cli, ["run", "--config", config, "--quiet"])
    }

    /// check_sqlite.py over `out`'s database against its exercises.json and taxonomy.json.
    static func check(_ out: URL, taxonomy: Bool = true, matches: [String] = []) throws {
        let result = try Support.pythonRun([checker, out.appendingPathComponent("exercises.sqlite").path, out.appendingPathComponent("exercises.json").path]
                                           + (taxonomy ? ["--taxonomy", out.appendingPathComponent("taxonomy.json").path] : []) + matches.flatMap { ["--match", $0] })
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok records:"), "\(result.stdout)")
    }

    static func size(_ file: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? -1
    }

    /// Files a database engine or an unfinished write could leave behind.
    static func strays(in dir: URL) -> [String] {
        Support.allFiles(under: dir).filter { file in ["-journal", "-wal", "-shm", ".tmp"].contains { file.hasSuffix($0) } }
    }

    @Test func bundledInputAndTheSeedPageReadBackAsTheirRecords() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.run([Support.root.appendingPathComponent("input").path, Support.seed.path], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("out")
        // The seed page is the band single leg reverse calf raise (SeedPageTests).
        try Self.check(out, matches: ["calf raise band=band-single-leg-reverse-calf-raise"])
        print("sqlite export of input/ and the seed page: \(try Self.size(out.appendingPathComponent("exercises.sqlite"))) bytes")
    }

    @Test func everkineticCorpusReadsBackAsItsRecords() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.run([Support.shared.appendingPathComponent("corpus/everkinetic/dist/md").path], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("out")
        let records = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("exercises.json"))) as? [Any]
        #expect(records?.count == 288)
        try Self.check(out)
        print("sqlite export of everkinetic (288 records): \(try Self.size(out.appendingPathComponent("exercises.sqlite"))) bytes")
    }

    /// Same records, same bytes: two runs into two folders, and nothing beside the outputs.
    @Test func twoRunsGiveIdenticalBytesAndNoJournal() throws {
        var files: [Data] = []
        for _ in 0..<2 {
            let dir = try Support.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let result = try Self.run([Support.root.appendingPathComponent("input").path], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            let out = dir.appendingPathComponent("out")
            files.append(try Data(contentsOf: out.appendingPathComponent("exercises.sqlite")))
            #expect(Support.files(under: out).filter { !$0.hasPrefix(".exercise-pipeline/") } == ["exercises.json", "exercises.sqlite", "report.html", "report.json", "taxonomy.json"])
            #expect(Self.strays(in: dir).isEmpty, "\(Self.strays(in: dir))")
        }
        #expect(files[0] == files[1])
    }

    /// The bytes depend on the records, not on how the runner cut them into chunks.
    @Test func chunkingDoesNotChangeTheBytes() throws {
        let records = try JSONDecoder().decode([Exercise].self, from: Data(contentsOf: Support.root.appendingPathComponent("output/exercises.json")))
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var sink = DiagnosticSink()
        try SQLiteExporter(path: "whole.sqlite").export(records, to: OutputDirectory(dir), context: Support.exportContext, diagnostics: &sink)
        let writer = try SQLiteExporter(path: "one-by-one.sqlite").open(OutputDirectory(dir), context: Support.exportContext)
        for record in records { try writer.write(RecordChunk([record]), diagnostics: &sink) }
        try writer.finish(diagnostics: &sink)
        #expect(try Data(contentsOf: dir.appendingPathComponent("whole.sqlite")) == Data(contentsOf: dir.appendingPathComponent("one-by-one.sqlite")))
        #expect(sink.diagnostics.isEmpty)
    }

    /// Text SQL or C would trip on (quotes, a NUL, line breaks, U+2028, emoji, a would-be
    /// injection) is bound, never spliced, and reads back exactly.
    @Test func awkwardTextReadsBackExactly() throws {
        let awkward = "It's \"quoted\"; DROP TABLE exercises; -- \u{0}nul \u{2028} 💪 line\nbreak"
        let record = Exercise(id: "awkward", name: "Awkward \(awkward)", summary: awkward, bodyParts: ["legs"], primaryMuscles: ["calves"],
                              steps: [awkward, "Second"], faq: [FAQEntry(question: awkward, answer: awkward)], variations: [Variation(title: awkward)],
                              media: [Media(url: "a.png", kind: .image)], attributes: ["x": awkward], unknownTerms: ["equipment": [awkward]],
                              source: SourceInfo(path: "a.md", format: "markdown", sha256: String(repeating: "0", count: 64), fragment: "a", position: 2))
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var sink = DiagnosticSink()
        try SQLiteExporter().export([record], to: OutputDirectory(dir), context: Support.exportContext, diagnostics: &sink)
        try JSONDatasetExporter().export([record], to: OutputDirectory(dir), context: Support.exportContext, diagnostics: &sink)
        try Self.check(dir, taxonomy: false)
    }

    /// Without normalize-taxonomy the fields hold the pages' labels: they go to
    /// exercise_unknown_terms (with a note), never into a link table whose foreign key they would
    /// break, and no label is lost.
    @Test func labelsOutsideTheTaxonomyKeepTheForeignKeys() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.run([Support.root.appendingPathComponent("input").path], in: dir, transformers: "[]")
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("out")
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1]); records = json.load(open(sys.argv[2]))
            assert db.execute("PRAGMA foreign_key_check").fetchall() == [], "foreign keys"
            links = {"primaryMuscles": "SELECT muscle FROM exercise_muscles WHERE role = 'primary' AND exercise_id = ?",
                     "equipment": "SELECT equipment FROM exercise_equipment WHERE exercise_id = ?",
                     "bodyParts": "SELECT body_part FROM exercise_body_parts WHERE exercise_id = ?"}
            unlinked = 0
            for r in records:
                for field, sql in links.items():
                    linked = [v for (v,) in db.execute(sql, (r["id"],))]
                    unknown = [v for (v,) in db.execute("SELECT term FROM exercise_unknown_terms WHERE exercise_id = ? AND field = ?", (r["id"], field))]
                    assert sorted(linked + unknown) == sorted(r[field] + r.get("unknownTerms", {}).get(field, [])), (r["id"], field)
                    unlinked += len(unknown)
            print("unlinked", unlinked)
            """
        let checked = try Support.pythonRun(["-c", script, out.appendingPathComponent("exercises.sqlite").path, out.appendingPathComponent("exercises.json").path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(!checked.stdout.contains("unlinked 0"), "\(checked.stdout)")
        let report = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains("\"not-a-taxonomy-id\""))
    }

    /// A folder where the database would go: the exporter's error names it, the run goes on, and
    /// nothing is left behind.
    @Test func aFolderInTheWayIsAnErrorNotACrash() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out/exercises.sqlite"), withIntermediateDirectories: true)
        let result = try Self.run([Support.root.appendingPathComponent("input").path], in: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("exercises.sqlite") && result.stderr.contains("sqlite exporter"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/exercises.json").path))
        #expect(Self.strays(in: dir).isEmpty, "\(Self.strays(in: dir))")
    }

    /// A path whose folder cannot be made (a file stands there): an error naming it.
    @Test func anUnwritablePathIsAnErrorNotACrash() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        try Data("a file".utf8).write(to: dir.appendingPathComponent("out/db"))
        let result = try Self.run([Support.root.appendingPathComponent("input").path], in: dir,
                                  exporters: #"[{"format": "json-dataset"}, {"format": "sqlite", "path": "db/exercises.sqlite"}]"#)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("sqlite exporter") && result.stderr.contains("Not a directory"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// A full disk (a file-size limit, as in HostileCorpusTests): SQLite's error, the other
    /// exporters' files written, no temporary or journal left, and a later run with room writes
    /// the database.
    @Test(.disabled(if: ProcessInfo.processInfo.environment["EXERCISE_PIPELINE_SANITIZER"] == "thread", "ThreadSanitizer's runtime does not survive RLIMIT_FSIZE"))
    func aFullDiskIsAnErrorAndLeavesNothingBehind() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = [Support.root.appendingPathComponent("input").path]
        let full = try Self.run(inputs, in: dir, shell: "trap '' XFSZ; ulimit -f 64")
        #expect(full.status == 1, "\(full.stderr)")
        #expect(full.stderr.contains("the sqlite exporter stopped: exercises.sqlite: SQLite could not"), "\(full.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/exercises.json").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/exercises.sqlite").path))
        #expect(Self.strays(in: dir).isEmpty, "\(Self.strays(in: dir))")
        let rerun = try Self.run(inputs, in: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        try Self.check(dir.appendingPathComponent("out"))
    }

    /// As for every exporter: a key it does not know is an error naming the keys it does.
    @Test func unknownOptionsAreRejected() {
        var message = ""
        do { _ = try PipelineConfig.parse(Data(#"{"exporters": [{"format": "sqlite", "pageSize": 1024}]}"#.utf8), baseDirectory: Support.root) } catch {
            message = "\(error)"
        }
        #expect(message == "exporters[0].pageSize: unknown key; expected one of: format, path")
    }

    @Test func userVersionIsMajorTimesThousandPlusMinor() {
        #expect(SQLiteSchema.userVersion(Exercise.schemaVersion) == 1001)
        #expect(SQLiteSchema.userVersion("2.0") == 2000)
        #expect(SQLiteSchema.userVersion("1.12") == 1012)
    }

    /// docs/sqlite.md is the generated page; `make docs` regenerates it.
    @Test func referencePageIsCurrent() throws {
        let committed = try String(contentsOf: Support.root.appendingPathComponent("docs/sqlite.md"), encoding: .utf8)
        #expect(committed == SQLiteSchema.referencePage, "docs/sqlite.md is stale: run `make docs`")
        for table in SQLiteSchema.tables { #expect(committed.contains("### `\(table.name)`")) }
    }
}
