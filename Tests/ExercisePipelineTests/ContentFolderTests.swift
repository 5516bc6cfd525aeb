import ExerciseModel
import ExercisePipeline
import Foundation
import Testing

/// A static site's content folder as it is: drafts are skipped unless asked for, index pages
/// (Hugo's `_index.md`, pages that only list other pages) are not exercises; each says so once
/// and counts as skipped, not failed.
@Suite struct ContentFolderTests {
    static let exercise = "## Steps\n\n1. Sit back.\n2. Stand up.\n"

    func site() throws -> URL {
        let dir = try Support.temporaryDirectory()
        let pages: [String: String] = [
            "content/legs/_index.md": "---\ntitle: Leg exercises\ndescription: All our leg exercises.\n---\n\nStrong legs start here.\n",
            "content/index.md": "# Exercises\n\nBrowse the library.\n\n- [Goblet Squat](legs/goblet-squat/)\n- [Push-Up](chest/push-up/)\n- [Plank](core/plank/)\n",
            "content/chest.html": "<html><body><h1>Chest exercises</h1><p>For the chest.</p><ul><li><a href=\"/bench.html\">Bench press</a></li><li><a href=\"/push-up.html\">Push-up</a></li><li><a href=\"/fly.html\">Dumbbell fly</a></li></ul></body></html>",
            "content/legs/goblet-squat/index.md": "---\ntitle: Goblet Squat\nequipment: Kettlebell\n---\n\n\(Self.exercise)\n## Related exercises\n\n- [Front Squat](../front-squat/)\n- [Split Squat](../split-squat/)\n- [Step-Up](../step-up/)\n",
            "content/legs/squat-draft.md": "---\ntitle: Box Squat\ndraft: true\n---\n\n\(Self.exercise)",
            "content/legs/toml-draft.md": "+++\ntitle = \"Pistol Squat\"\ndraft = true\n+++\n\n\(Self.exercise)",
            "content/legs/unpublished.md": "---\ntitle: Wall Sit\npublished: false\n---\n\n\(Self.exercise)",
            "content/README.md": "These pages are our exercise library.\n",
            "content/legs/LICENSE.txt": "CC-BY-4.0\n",
        ]
        for (path, text) in pages {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    @Test func draftsAndIndexPagesAreSkippedWithOneNoteEach() throws {
        let dir = try site()
        let result = try Support.run(Support.cli, ["run", "content", "-o", "out", "-v", "--only", "json"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("converted 1 of 7 files, 6 skipped (drafts, index pages); 0 errors"), "\(result.stderr)")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: dir.appendingPathComponent("out/report.json")))
        let status = Dictionary(uniqueKeysWithValues: report.files.map { ($0.path, $0.status) })
        #expect(status["content/legs/goblet-squat/index.md"] == .converted, "a page bundle's index.md is the exercise itself")
        for path in ["content/legs/_index.md", "content/index.md", "content/chest.html"] {
            #expect(status[path] == .skipped)
            #expect(report.diagnostics.filter { $0.file == path }.map(\.code) == ["index-page"], "\(path)")
        }
        for path in ["content/legs/squat-draft.md", "content/legs/toml-draft.md", "content/legs/unpublished.md"] {
            #expect(status[path] == .skipped)
            #expect(report.diagnostics.filter { $0.file == path }.map(\.code) == ["draft"], "\(path)")
        }
        #expect(report.diagnostics.first { $0.file == "content/index.md" }?.message == "page 'Exercises' lists 3 other pages and states nothing an exercise does: an index page, not an exercise; no record")
        #expect(report.totals.skipped == 6)
        #expect(report.totals.failed == 0)
        #expect(Support.files(under: dir.appendingPathComponent("out/json")) == ["goblet-squat.json"])
        // The folder's own README and LICENSE are not pages: one note names them.
        #expect(report.diagnostics.filter { $0.code == "not-pages" }.map(\.message) == [
            "2 files skipped as not pages (no importer reads them — known: .htm, .html, .markdown, .md, .mdx, .txt, .xhtml — or they are the folder's README, LICENSE, …): content/README.md, content/legs/LICENSE.txt; add an extension to an importer in pipeline.json to read them",
        ])
    }

    /// --include-drafts converts them (and a rerun with it is not taken for the run without).
    @Test func includeDraftsConvertsThem() throws {
        let dir = try site()
        #expect(try Support.run(Support.cli, ["run", "content", "-o", "out", "-q", "--only", "json"], cwd: dir).status == 0)
        let result = try Support.run(Support.cli, ["run", "content", "-o", "out", "-q", "--only", "json", "--include-drafts"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Support.files(under: dir.appendingPathComponent("out/json")) == ["box-squat.json", "goblet-squat.json", "pistol-squat.json", "wall-sit.json"])

        let one = try Support.run(Support.cli, ["convert", "content/legs/squat-draft.md"], cwd: dir)
        #expect(one.status == 1)
        #expect(one.stdout.isEmpty)
        #expect(one.stderr == "content/legs/squat-draft.md:3: info: the page is a draft ('draft' in its front matter): not converted; --include-drafts converts drafts too [draft]\n")
        let kept = try Support.run(Support.cli, ["convert", "content/legs/squat-draft.md", "--include-drafts"], cwd: dir)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(try JSONDecoder().decode(Exercise.self, from: Data(kept.stdout.utf8)).steps == ["Sit back.", "Stand up."])
    }
}
