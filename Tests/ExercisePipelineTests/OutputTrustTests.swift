import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// The output folder can be shared with other files: the tool removes and replaces only what it
/// wrote, one bad record costs nothing else, and a killed run leaves nothing behind.
@Suite struct OutputTrustTests {
    static let page = "# Goblet Squat\n\nA squat holding one dumbbell.\n\n## Steps\n\n1. Squat.\n"

    func site(_ pages: [String: String], output: String = "site", exporters: String = #"[{"format": "json"}, {"format": "json-dataset", "path": "all.json"}]"#) throws -> URL {
        let dir = try Support.temporaryDirectory()
        for (name, text) in pages {
            let url = dir.appendingPathComponent("pages/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try #"{"input": "pages", "output": "\#(output)", "exporters": \#(exporters)}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return dir
    }

    func run(_ dir: URL) throws -> PipelineRunner.Outcome {
        try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))).run()
    }

    @Test func filesTheToolNeverWroteAreNeverTouched() throws {
        let dir = try site(["goblet-squat.md": Self.page, "lunge.md": "# Lunge\n\nA step.\n\n## Steps\n\n1. Step.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("site")
        // A site folder that already holds the team's own files, some where the tool writes.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("json"), withIntermediateDirectories: true)
        for (path, text) in ["package.json": "{}", "index.html": "<html></html>", "json/my-notes.json": "{\"mine\": true}"] {
            try text.write(to: out.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        let first = try run(dir)
        #expect(first.exitCode == 0)
        #expect(first.written == ["all.json", "json/goblet-squat.json", "json/lunge.json", "report.html", "report.json"])
        // The lunge page goes: its file goes with it, the planted files stay.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("pages/lunge.md"))
        let second = try run(dir)
        #expect(second.removed == ["json/lunge.json"])
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("json/lunge.json").path))
        for path in ["package.json", "index.html", "json/my-notes.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), "\(path) was removed")
        }
        #expect(try String(contentsOf: out.appendingPathComponent("json/my-notes.json"), encoding: .utf8) == "{\"mine\": true}")
    }

    @Test func aFileInTheWayIsNotReplacedAndTheRestIsWritten() throws {
        let dir = try site(["goblet-squat.md": Self.page, "lunge.md": "# Lunge\n\nA step.\n\n## Steps\n\n1. Step.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("json"), withIntermediateDirectories: true)
        try "hand-written".write(to: out.appendingPathComponent("json/lunge.json"), atomically: true, encoding: .utf8)
        let outcome = try run(dir)
        #expect(outcome.exitCode == 1)
        let error = try #require(outcome.reportedDiagnostics.first { $0.code == "write-failed" })
        #expect(error.file == "pages/lunge.md")
        #expect(error.message.hasPrefix("record 'lunge' was not written by the json exporter: json/lunge.json exists and was not written by exercise-pipeline"))
        #expect(try String(contentsOf: out.appendingPathComponent("json/lunge.json"), encoding: .utf8) == "hand-written")
        // Every other record and exporter, and the report, were written.
        #expect(outcome.written == ["all.json", "json/goblet-squat.json", "report.html", "report.json"])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
    }

    @Test func temporaryFilesOfAKilledRunAreRemoved() throws {
        let dir = try site(["goblet-squat.md": Self.page])
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try run(dir)
        let out = dir.appendingPathComponent("site")
        let leftovers = [".all.json.\(UUID().uuidString).tmp", "json/.goblet-squat.json.\(UUID().uuidString).tmp"]
        for path in leftovers { try "half".write(to: out.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        try "not ours".write(to: out.appendingPathComponent(".notes.tmp"), atomically: true, encoding: .utf8)
        let outcome = try run(dir)
        #expect(outcome.removed.sorted() == leftovers.sorted())
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".notes.tmp").path))
    }

    @Test func aChangedFileOfAnEarlierRunIsKept() throws {
        let dir = try site(["goblet-squat.md": Self.page, "lunge.md": "# Lunge\n\nA step.\n\n## Steps\n\n1. Step.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try run(dir)
        let out = dir.appendingPathComponent("site")
        try "edited by hand".write(to: out.appendingPathComponent("json/lunge.json"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("pages/lunge.md"))
        let outcome = try run(dir)
        #expect(outcome.removed.isEmpty)
        let reported = outcome.reportedDiagnostics
        #expect(reported.contains { $0.code == "stale-kept" && $0.file == "json/lunge.json" })
    }
}

/// Where a pipeline writes is checked when pipeline.json is read; every problem at once.
@Suite struct OutputLayoutTests {
    func errors(_ json: String) -> [String] {
        do {
            _ = try PipelineConfig.parse(Data(json.utf8), baseDirectory: Support.root)
            return []
        } catch let e as ConfigError {
            return [e.description]
        } catch let e as ConfigErrors {
            return e.errors.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func overlappingExporterPathsAreListedTogether() {
        let found = errors(#"{"exporters": [{"format": "json-dataset", "path": "all.json"}, {"format": "ndjson", "path": "all.json"}, {"format": "json-dataset", "path": "report.json"}, {"format": "csv", "datapackage": "exercises.csv"}, {"format": "json", "path": "json"}, {"format": "taxonomy", "path": "json/all.json"}]}"#)
        #expect(found == [
            "exporters[1].path: 'all.json' is also written by exporters[0] (json-dataset); give each its own path",
            "exporters[2].path: 'report.json' is also written by the run's report.json; give each its own path",
            "exporters[3].datapackage: 'exercises.csv' is also written by exporters[3] (csv); give each its own path",
            "exporters[5].path: 'json/all.json' is inside the folder 'json' that exporters[4] (json) fills; give it a path of its own",
        ])
        #expect(errors(#"{"exporters": [{"format": "json", "path": "."}]}"#).first?.hasPrefix("exporters[0].path: the folder '.' would hold the run's report.json") == true)
        #expect(errors(#"{"exporters": [{"format": "json", "path": ".exercise-pipeline/x"}]}"#) == ["exporters[0].path: '.exercise-pipeline/x' is inside the folder '.exercise-pipeline' that the tool's own state fills; give it a path of its own"])
    }

    @Test func anOutputInsideAnInputIsRefusedUnlessExcluded() throws {
        #expect(errors(#"{"input": "input", "output": "input/out", "exporters": [{"format": "json"}]}"#)
                == [#"output: 'input/out' is inside the input 'input': each run would read the last one's files back as pages; move it, or leave it out with "input": {"paths": ["input"], "exclude": ["input/out/*"]}"#])
        #expect(errors(#"{"input": {"paths": ["input"], "exclude": ["input/out/*"]}, "output": "input/out", "exporters": [{"format": "json"}]}"#) == [])
        #expect(errors(#"{"input": "output/pages", "output": "output", "exporters": [{"format": "json"}]}"#)
                == ["input: 'output/pages' is inside the output folder 'output', which the tool cleans up; keep pages outside it"])
        // The command line prints every problem and exits 64.
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"exporters": [{"format": "ndjson", "path": "a.json"}, {"format": "json-dataset", "path": "a.json"}, {"format": "taxonomy", "path": "report.json"}]}"#
            .write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let result = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("pipeline.json").path])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 2, "\(result.stderr)")
    }
}

/// Input entries that are not regular files are said, never read silently or skipped silently.
@Suite struct SpecialInputTests {
    @Test func fifosDanglingLinksAndLinkedFilesEachGetTheirWord() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try OutputTrustTests.page.write(to: dir.appendingPathComponent("elsewhere.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("linked.md").path, withDestinationPath: dir.appendingPathComponent("elsewhere.md").path)
        try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("gone.md").path, withDestinationPath: dir.appendingPathComponent("missing.md").path)
        try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("loop").path, withDestinationPath: pages.path)
        #expect(mkfifo(pages.appendingPathComponent("pipe.md").path, 0o644) == 0)
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let outcome = try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))).run()
        #expect(try outcome.records.map(\.source.path) == ["pages/linked.md"])
        let said = outcome.reportedDiagnostics.filter { $0.code == "not-a-file" }.map { "\($0.file) \($0.severity.rawValue)" }
        #expect(said == ["pages/gone.md warning", "pages/loop info", "pages/pipe.md warning"])
    }
}

/// An output folder an earlier version wrote (no manifest yet) upgrades in place.
@Suite struct EarlierVersionOutputTests {
    @Test func aFolderFromBeforeTheManifestIsTakenOver() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try OutputTrustTests.page.write(to: dir.appendingPathComponent("pages/goblet-squat.md"), atomically: true, encoding: .utf8)
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        // What an earlier version left: its report.json, an older record, and someone's file.
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("json"), withIntermediateDirectories: true)
        try CanonicalJSON.data(RunReport(files: [], diagnostics: [])).write(to: out.appendingPathComponent("report.json"))
        try #"{"schemaVersion": "1.0"}"#.write(to: out.appendingPathComponent("json/goblet-squat.json"), atomically: true, encoding: .utf8)
        try "mine".write(to: out.appendingPathComponent("json/notes.json"), atomically: true, encoding: .utf8)
        let outcome = try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))).run()
        #expect(outcome.exitCode == 0, "\(outcome.reportedDiagnostics.map(\.formatted))")
        let reported = outcome.reportedDiagnostics
        #expect(reported.contains { $0.code == "earlier-version-output" })
        #expect(try String(contentsOf: out.appendingPathComponent("json/goblet-squat.json"), encoding: .utf8).contains("\"schemaVersion\": \"1.1\""))
        #expect(try String(contentsOf: out.appendingPathComponent("json/notes.json"), encoding: .utf8) == "mine")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".exercise-pipeline/manifest.tsv").path))
    }
}
