import Foundation
@testable import ExercisePipeline
import Testing

/// Reruns that cost nothing: unchanged pages are not read or converted again.
@Suite struct IncrementalTests {
    func site() throws -> URL {
        let dir = try Support.temporaryDirectory()
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        for name in ["squat", "lunge", "row"] {
            try "# \(name.capitalized)\n\nA \(name) for the cache test.\n\n## Steps\n\n1. Do the \(name).\n".write(to: pages.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
        }
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "json"}, {"format": "json-dataset"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return dir
    }

    func run(_ dir: URL, force: Bool = false) throws -> PipelineRunner.Outcome {
        var runner = PipelineRunner(config: try PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json")))
        runner.force = force
        return try runner.run()
    }

    func modified(_ url: URL) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
    }

    @Test func aNoOpRerunDoesNothingAndOneChangedPageIsTheOnlyOneConverted() throws {
        let dir = try site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try run(dir)
        #expect(first.reused == 0 && !first.unchanged)
        let out = dir.appendingPathComponent("out")
        let before = try Support.snapshot(out)
        let squatTime = try modified(out.appendingPathComponent("json/squat.json"))

        let second = try run(dir)
        #expect(second.unchanged)
        #expect(second.reused == 3)
        #expect(try Support.snapshot(out) == before)
        #expect(try modified(out.appendingPathComponent("json/squat.json")) == squatTime)

        // One page changes: it alone is converted; its file and the dataset change.
        try "# Lunge\n\nA longer lunge for the cache test.\n\n## Steps\n\n1. Step long.\n".write(to: dir.appendingPathComponent("pages/lunge.md"), atomically: true, encoding: .utf8)
        let third = try run(dir)
        #expect(!third.unchanged && third.reused == 2)
        let after = try Support.snapshot(out)
        #expect(after["json/lunge.json"] != before["json/lunge.json"])
        #expect(after["exercises.json"] != before["exercises.json"])
        #expect(after["json/squat.json"] == before["json/squat.json"])
        #expect(try modified(out.appendingPathComponent("json/squat.json")) == squatTime)

        // The same output as a run from scratch.
        let fresh = dir.appendingPathComponent("fresh")
        _ = try PipelineRunner(config: try PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json")), outputOverride: fresh).run()
        #expect(try Support.snapshot(fresh) == after)
    }

    /// A rerun after one page changed renders only that page's files (and the dataset files):
    /// every other record's file is taken from the manifest, unread and unrendered. Seen by a
    /// same-size edit of an unchanged record's file, which the rerun keeps and `--force` undoes.
    @Test func unchangedRecordsAreNotRenderedAgain() throws {
        let dir = try site()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try run(dir)
        let out = dir.appendingPathComponent("out")
        let squat = out.appendingPathComponent("json/squat.json")
        let rendered = try String(contentsOf: squat, encoding: .utf8)
        let edited = rendered.replacingOccurrences(of: "Do the squat.", with: "Do the SQUAT.")
        try edited.write(to: squat, atomically: true, encoding: .utf8)
        try "# Row\n\nA row, changed.\n\n## Steps\n\n1. Row.\n".write(to: dir.appendingPathComponent("pages/row.md"), atomically: true, encoding: .utf8)
        let rerun = try run(dir)
        #expect(rerun.reused == 2)
        #expect(try String(contentsOf: squat, encoding: .utf8) == edited)
        #expect(try String(contentsOf: out.appendingPathComponent("json/row.json"), encoding: .utf8).contains("A row, changed."))
        _ = try run(dir, force: true)
        #expect(try String(contentsOf: squat, encoding: .utf8) == rendered)
    }

    /// Each run's store has a name of its own and the index names it: a store no index names (a
    /// run killed between renaming its store and writing its index) is removed, and the cache
    /// still holds.
    @Test func aStoreNoIndexNamesIsRemoved() throws {
        let dir = try site()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try run(dir)
        let out = dir.appendingPathComponent("out")
        let cache = out.appendingPathComponent(".exercise-pipeline/cache")
        let named = try #require(PageCache.indexedStore(out))
        try Data("half a store".utf8).write(to: cache.appendingPathComponent("pages-\(UUID().uuidString).dat"))
        let second = try run(dir)
        #expect(second.unchanged)
        #expect(second.removed.count == 1 && second.removed[0].hasPrefix(".exercise-pipeline/cache/pages-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == ["index.tsv", named])
        try "# Row\n\nA row, changed.\n\n## Steps\n\n1. Row.\n".write(to: dir.appendingPathComponent("pages/row.md"), atomically: true, encoding: .utf8)
        let third = try run(dir)
        #expect(third.reused == 2)
        let renamed = try #require(PageCache.indexedStore(out))
        #expect(renamed != named)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == ["index.tsv", renamed])
    }

    @Test func aChangedConfigOrForceConvertsEverything() throws {
        let dir = try site()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try run(dir)
        #expect(try run(dir, force: true).reused == 0)
        try #"{"input": "pages", "output": "out", "transformers": ["normalize-taxonomy", "assign-id"], "exporters": [{"format": "json"}, {"format": "json-dataset"}]}"#
            .write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let changed = try run(dir)
        #expect(changed.reused == 0 && !changed.unchanged)
        // A page whose time changed but whose bytes did not is not converted again.
        let squat = dir.appendingPathComponent("pages/squat.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: squat.path)
        let touched = try run(dir)
        #expect(!touched.unchanged && touched.reused == 3)
    }

    @Test func theSummarySaysWhatWasReused() throws {
        let dir = try site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pipeline.json").path
        _ = try Support.run(Support.cli, ["run", "--config", config])
        let again = try Support.run(Support.cli, ["run", "--config", config])
        #expect(again.stderr.contains("nothing changed since the last run"))
        let forced = try Support.run(Support.cli, ["run", "--config", config, "--force"])
        #expect(!forced.stderr.contains("reused") && forced.status == 0)
    }
}
