import ExerciseModel
import ExercisePipeline
import Foundation
import Testing

/// `convert` as pandoc users expect it (-f/-t/-o, files and folders, every format, --config) and
/// `run` without a pipeline.json (`run DIR -o OUT`, --only/--skip, --jobs). Where both can make the
/// same file, the bytes must be the bundled run's: the committed output/.
@Suite struct PandocStyleCommandTests {
    let golden = Support.root.appendingPathComponent("output")

    func cli(_ arguments: [String], stdin: Data? = nil, cwd: URL = Support.root) throws -> Support.ProcessResult {
        try Support.run(Support.cli, arguments, stdin: stdin, cwd: cwd)
    }

    /// A folder converted to a dataset format gives the bundled run's dataset file, byte for byte.
    @Test(arguments: [("ndjson", "exercises.ndjson"), ("json-dataset", "exercises.json"), ("csv", "exercises.csv"), ("free-exercise-db", "free-exercise-db/exercises.json")])
    func convertOfAFolderIsTheRunsDataset(format: String, file: String) throws {
        let result = try cli(["convert", "input", "-t", format])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try String(contentsOf: golden.appendingPathComponent(file), encoding: .utf8)))
    }

    @Test func convertWritesTheOutputFileAndTakesTheFormatFromItsExtension() throws {
        let dir = try Support.temporaryDirectory()
        let target = dir.appendingPathComponent("page.jsonld")
        let result = try cli(["convert", "input/goblet-squat.md", "-o", target.path, "--base-url", "https://example.com/exercises/"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try Data(contentsOf: target) == (try Data(contentsOf: golden.appendingPathComponent("jsonld/goblet-squat.jsonld"))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["page.jsonld"], "no temporary is left beside it")
    }

    /// An -o that cannot be written: one plain sentence and exit 73, nothing else touched.
    @Test func anUnwritableOutputFileIsOnePlainSentence() throws {
        let dir = try Support.temporaryDirectory()
        try Data("a file".utf8).write(to: dir.appendingPathComponent("blocker"))
        let result = try cli(["convert", Support.root.appendingPathComponent("input/goblet-squat.md").path, "-o", "blocker/x.json"], cwd: dir)
        #expect(result.status == 73)
        #expect(result.stderr == "exercise-pipeline: the output cannot be written: blocker/x.json: no such file or directory\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("blocker"), encoding: .utf8) == "a file")
    }

    /// Several files and a folder are one batch: ids unique across them, one JSON array.
    @Test func convertOfSeveralInputsIsOneBatch() throws {
        let result = try cli(["convert", "input/html", "input/goblet-squat.md", Support.seed.path, "-t", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try JSONDecoder().decode([Exercise].self, from: Data(result.stdout.utf8))
        let htmlPages = Support.files(under: Support.root.appendingPathComponent("input/html")).count
        #expect(records.count >= htmlPages + 2)
        #expect(Set(records.map(\.id)).count == records.count)
        #expect(records.map(\.id) == records.map(\.id).sorted())
        #expect(records.contains { $0.source.path == "input/goblet-squat.md" })
    }

    @Test func everyExporterIsAConvertFormat() throws {
        for format in Catalogue.exporterFormats {
            let result = try cli(["convert", Support.seed.path, "--to", format])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(format) printed nothing")
        }
        let html = try cli(["convert", Support.seed.path, "-t", "html"])
        #expect(html.stdout.hasPrefix("<script type=\"application/ld+json\">"))
    }

    /// --base-url is checked as pipeline.json's baseURL is, and refused where it means nothing.
    @Test func baseURLIsValidated() throws {
        let relative = try cli(["convert", Support.seed.path, "-t", "jsonld", "--base-url", "example.com"])
        #expect(relative.status == 64)
        #expect(relative.stderr == "exercise-pipeline: --base-url: expected an absolute http(s) URL such as \"https://example.com/exercises/\", found \"example.com\"\n")
        let json = try cli(["convert", Support.seed.path, "-t", "json", "--base-url", "https://example.com/"])
        #expect(json.status == 64)
        #expect(json.stderr.contains("--base-url: applies to --to html and jsonld only, not json"))
    }

    /// A base URL that would put a query, a fragment or a space in every page URL is refused.
    @Test func baseURLMustOnlyPrefixPaths() throws {
        for bad in ["https://fit.example/ex/?q=1", "https://fit.example/ex/#top", "https://fit.example/ü bung/", "https:///ex/"] {
            let result = try cli(["convert", Support.seed.path, "-t", "jsonld", "--base-url", bad])
            #expect(result.status == 64, "\(bad)")
            #expect(result.stderr.contains("cannot prefix page URLs"), "\(bad): \(result.stderr)")
        }
    }

    /// Related links as media: absolute ones and site-root paths (on the base URL's site) are the
    /// WebPage's relatedLink; a page-relative one stays out, with a note.
    @Test func relatedLinksResolveAsMediaDo() throws {
        let page = Data("# Biceps Curl\n\nA curl.\n\n## Steps\n\n1. Curl.\n\n## Related exercises\n\n- [Concentration Curl](/exercises/concentration-curl)\n- [Preacher Curl](../preacher-curl)\n- [Hammer Curl](https://other.example/hammer-curl)\n".utf8)
        let result = try cli(["convert", "-f", "markdown", "-t", "jsonld", "--base-url", "https://fit.example/ex/", "-v"], stdin: page)
        #expect(result.status == 0, "\(result.stderr)")
        let graph = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["@graph"] as? [[String: Any]])
        let webPage = try #require(graph.first { $0["@type"] as? String == "WebPage" })
        #expect(webPage["relatedLink"] as? [String] == ["https://fit.example/exercises/concentration-curl", "https://other.example/hammer-curl"])
        #expect(result.stderr.contains("<stdin>: info: jsonld: related link '../preacher-curl' left out of record 'biceps-curl': schema.org needs absolute URLs, and a page-relative path depends on where the site serves the page [relative-link]"), "\(result.stderr)")
    }

    /// A cell longer than spreadsheets keep is written whole, with a warning naming the column.
    @Test func aCSVCellTooLongForSpreadsheetsIsWarnedOf() throws {
        let summary = String(repeating: "Slow and steady. ", count: 2_000)  // 34,000 characters
        let page = Data("# Wall Sit\n\n\(summary)\n\n## Steps\n\n1. Sit against the wall.\n".utf8)
        let result = try cli(["convert", "-f", "markdown", "-t", "csv"], stdin: page)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(PlainText.collapse(summary)))
        #expect(result.stderr.contains("<stdin>: warning: csv: record 'wall-sit' has 33999 characters in exercises.summary; Excel and Google Sheets keep at most 32767 in a cell and cut the rest [cell-too-long]"), "\(result.stderr)")
    }

    /// A urlPattern placeholder the record has no value for says so, naming the URL it made.
    @Test func aURLPlaceholderWithoutAValueIsNoted() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try Data("# Biceps Curl\n\nA curl.\n\n## Steps\n\n1. Curl.\n".utf8).write(to: dir.appendingPathComponent("pages/curl.md"))
        try Data(#"{"input": "pages", "output": "out", "exporters": [{"format": "jsonld", "baseURL": "https://fit.example/ex/", "urlPattern": "{bodyPart}/{category}/{id}.html"}]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let result = try cli(["run", "--config", dir.appendingPathComponent("pipeline.json").path, "-v"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("pages/curl.md: info: jsonld: record 'biceps-curl' has no body part and no category for urlPattern's {bodyPart} and {category}; its page URL has 'exercises' there: https://fit.example/ex/exercises/exercises/biceps-curl.html [url-placeholder-fallback]"), "\(result.stderr)")
    }

    /// With a base URL, a site-root image is on that site; a page-relative one stays out.
    @Test func siteRootMediaResolveAgainstTheBaseURLsOrigin() throws {
        let page = Data("# Push-Up\n\n![Top](/img/push-up.jpg)\n![Bottom](bottom.png)\n\n## Steps\n\n1. Push.\n".utf8)
        let result = try cli(["convert", "-f", "markdown", "-t", "jsonld", "--base-url", "https://fit.example:8080/ex/"], stdin: page)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"contentUrl\": \"https://fit.example:8080/img/push-up.jpg\""))
        #expect(!result.stdout.contains("bottom.png"))
        #expect(result.stderr.contains("jsonld: 'bottom.png' left out of record 'push-up': schema.org needs absolute URLs, and a page-relative path depends on where the site serves the page [relative-media]") == false,
                "a note, shown with -v only")
        let noted = try cli(["convert", "-f", "markdown", "-t", "jsonld", "--base-url", "https://fit.example:8080/ex/", "-v"], stdin: page)
        #expect(noted.stderr.contains("<stdin>: info: jsonld: 'bottom.png' left out of record 'push-up': schema.org needs absolute URLs, and a page-relative path depends on where the site serves the page [relative-media]"), "\(noted.stderr)")
        let without = try cli(["convert", "-f", "markdown", "-t", "jsonld", "-v"], stdin: page)
        #expect(!without.stdout.contains("push-up.jpg"), "without a base URL no relative media is written")
        #expect(without.stderr.contains("'/img/push-up.jpg', 'bottom.png' left out of record 'push-up': schema.org needs absolute URLs; give the exporter a baseURL to place site-root paths (/img/…) [relative-media]"), "\(without.stderr)")
    }

    /// --base-url replaces only the configured exporter's base URL: its urlPattern stays.
    @Test func baseURLKeepsTheConfiguredURLPattern() throws {
        let dir = try Support.temporaryDirectory()
        try Data(#"{"exporters": [{"format": "jsonld", "baseURL": "https://a.example/", "urlPattern": "{bodyPart}/{id}"}]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let result = try cli(["convert", Support.seed.path, "-t", "jsonld", "--config", dir.appendingPathComponent("pipeline.json").path, "--base-url", "https://b.example/ex"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"@id\": \"https://b.example/ex/legs/band-single-leg-reverse-calf-raise\""))
    }

    /// -o's extension names the format, or the command says it cannot tell (never JSON in a .xml).
    @Test func outputExtensionChoosesTheFormatOrIsRefused() throws {
        let dir = try Support.temporaryDirectory()
        let db = dir.appendingPathComponent("seed.sqlite")
        #expect(try cli(["convert", Support.seed.path, "-o", db.path]).status == 0)
        #expect(try Data(contentsOf: db).starts(with: Data("SQLite format 3\0".utf8)))
        let unknown = try cli(["convert", Support.seed.path, "-o", dir.appendingPathComponent("seed.xml").path])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("cannot tell the output format from"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("seed.xml").path))
    }

    /// A folder gives a JSON array however many records it holds (scripts run `jq '.[]'`).
    @Test func aFolderGivesAnArrayEvenOfOne() throws {
        let dir = try Support.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("one"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("input/goblet-squat.md"), to: dir.appendingPathComponent("one/goblet-squat.md"))
        let result = try cli(["convert", "one", "-t", "json"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONDecoder().decode([Exercise].self, from: Data(result.stdout.utf8)).map(\.id) == ["goblet-squat"])
    }

    /// --config brings the pipeline's taxonomy extensions (and so its vocabulary) to convert.
    @Test func convertUsesTheConfiguredTaxonomy() throws {
        let dir = try Support.temporaryDirectory()
        try Data(#"{"kind": "equipment", "version": 1, "terms": [{"id": "gliding-discs", "name": "Gliding discs", "parent": "other", "synonyms": ["sliders"]}]}"#.utf8)
            .write(to: dir.appendingPathComponent("gym-terms.json"))
        try Data(#"{"exporters": [{"format": "json"}], "taxonomy": ["gym-terms.json"]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let page = Data("# Slider Lunge\n\n- Equipment: Sliders\n\n## Steps\n\n1. Slide back.\n".utf8)
        let plain = try cli(["convert", "-f", "markdown"], stdin: page)
        #expect(try JSONDecoder().decode(Exercise.self, from: Data(plain.stdout.utf8)).equipment == [])
        let configured = try cli(["convert", "-f", "markdown", "--config", dir.appendingPathComponent("pipeline.json").path], stdin: page)
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(try JSONDecoder().decode(Exercise.self, from: Data(configured.stdout.utf8)).equipment == ["gliding-discs"])
    }

    @Test func onePageOptionsRefuseSeveralPages() throws {
        let result = try cli(["convert", "input", "--explain"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--explain explains one page"))
    }

    /// MDX pages (Docusaurus) are markdown by default, their imports and tabs read as DocsSiteSyntax says.
    @Test func mdxPagesAreMarkdown() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("row.mdx")
        try Data("import Tabs from '@theme/Tabs';\n\n# Cable Row\n\nA seated pull.\n\n## Steps\n\n1. Sit tall.\n2. Pull.\n".utf8).write(to: page)
        let result = try cli(["convert", page.path, "-t", "ndjson"])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(record["name"] as? String == "Cable Row")
        #expect(record["summary"] as? String == "A seated pull.")
    }

    /// A page whose extension names no reader is refused before it is read, with convert's usage.
    @Test func anUnknownExtensionNeedsFrom() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("squat.rst")
        try Data("# Squat\n\n## Steps\n\n1. Squat.\n".utf8).write(to: page)
        let result = try cli(["convert", page.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("cannot tell the format of '\(page.path)' from its extension; pass --from (markdown, html)"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: exercise-pipeline convert"), "\(result.stderr)")
        #expect(try cli(["convert", page.path, "--from", "markdown", "-t", "ndjson"]).status == 0)
    }

    /// `run DIR -o OUT` with no pipeline.json: the bundled defaults, the same records as the
    /// bundled pipeline.json gives.
    @Test func runWithoutAConfigUsesTheBundledDefaults() throws {
        let dir = try Support.temporaryDirectory()
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("input"), to: dir.appendingPathComponent("input"))
        let result = try cli(["run", "input", "-o", "out", "-q"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("out")
        for file in ["exercises.json", "exercises.csv", "exercises.ndjson", "taxonomy.json", "json/goblet-squat.json"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(file)) == (try Data(contentsOf: golden.appendingPathComponent(file))), "\(file)")
        }
        let formats = PipelineConfig.bundledExporters.map(\.format)
        let bundled = try PipelineConfig.load(from: Support.root.appendingPathComponent("pipeline.json"))
        #expect(bundled.exporters.map { type(of: $0).format } == formats, "pipeline.json and the bundled defaults list the same exporters")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pipeline.json").path))
    }

    /// Shards of a run without a pipeline.json merge into that run's output, byte for byte; a
    /// merge under another configuration is refused rather than mixing the two.
    @Test func shardsOfABundledRunMergeAsOneRun() throws {
        let dir = try Support.temporaryDirectory()
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("input"), to: dir.appendingPathComponent("input"))
        #expect(try cli(["run", "input", "-o", "whole", "-q"], cwd: dir).status == 0)
        for k in 1...2 { #expect(try cli(["run", "input", "--shard", "\(k)/2", "--output", "part-\(k)", "-q"], cwd: dir).status == 0) }
        let merged = try cli(["merge", "--output", "merged", "part-1", "part-2", "-q"], cwd: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
        let whole = try Support.snapshot(dir.appendingPathComponent("whole")).filter { !$0.key.hasPrefix(".exercise-pipeline/") }
        #expect(try Support.snapshot(dir.appendingPathComponent("merged")).filter { !$0.key.hasPrefix(".exercise-pipeline/") } == whole)

        try Support.writeBundledConfig(into: dir, input: "input")
        let mixed = try cli(["merge", "--config", "pipeline.json", "--output", "mixed", "part-1", "part-2"], cwd: dir)
        #expect(mixed.status == 64)
        #expect(mixed.stderr.contains("was converted with another configuration than this merge's"), "\(mixed.stderr)")
    }

    /// An output inside the input, without a pipeline.json: the remedy is -o, not input.exclude.
    @Test func anOutputInsideTheInputSaysToMoveIt() throws {
        let dir = try Support.temporaryDirectory()
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("input"), to: dir.appendingPathComponent("input"))
        let result = try cli(["run", "input", "-o", "input/out"], cwd: dir)
        #expect(result.status == 64)
        #expect(result.stderr == "exercise-pipeline: --output: 'input/out' is inside the input 'input': each run would read the last one's files back as pages; give -o a folder outside it\n")
    }

    @Test func runWithNothingToRunSaysHow() throws {
        let dir = try Support.temporaryDirectory()
        let result = try cli(["run"], cwd: dir)
        #expect(result.status == 64)
        #expect(result.stderr == "pipeline.json: there is no pipeline.json here; name the folders to convert (exercise-pipeline run content/ -o out/) or give --config FILE\n")
    }

    /// --only writes only the named exporters and keeps every other exporter's files, still listed
    /// as the tool's (a later full run cleans them as usual); --skip leaves one out.
    @Test func onlyAndSkipKeepTheOtherExportersFiles() throws {
        let dir = try Support.temporaryDirectory()
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("input"), to: dir.appendingPathComponent("input"))
        let out = dir.appendingPathComponent("out")
        #expect(try cli(["run", "input", "-o", "out", "-q"], cwd: dir).status == 0)
        let full = try Support.snapshot(out)
        // A page changes; only JSON is written again.
        let page = dir.appendingPathComponent("input/goblet-squat.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\n## Tips\n\n- Keep the chest up.\n").write(to: page, atomically: true, encoding: .utf8)
        let only = try cli(["run", "input", "-o", "out", "-q", "--only", "json,ndjson"], cwd: dir)
        #expect(only.status == 0, "\(only.stderr)")
        let after = try Support.snapshot(out)
        #expect(Set(after.keys) == Set(full.keys), "no exporter's file was removed")
        #expect(after["json/goblet-squat.json"] != full["json/goblet-squat.json"])
        #expect(after["exercises.ndjson"] != full["exercises.ndjson"])
        #expect(after["exercises.json"] == full["exercises.json"], "json-dataset was skipped: its file is as the last run wrote it")
        // The next full run takes the kept files over as the tool's own.
        #expect(try cli(["run", "input", "-o", "out", "-q"], cwd: dir).status == 0)
        #expect(try Support.snapshot(out)["exercises.json"] != full["exercises.json"])

        let skipped = try cli(["run", "input", "-o", "fresh", "-q", "--skip", "html", "--skip", "jsonld"], cwd: dir)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let fresh = Support.files(under: dir.appendingPathComponent("fresh"))
        #expect(!fresh.contains { $0.hasPrefix("html/") || $0.hasPrefix("jsonld/") })
        #expect(fresh.contains("exercises.json"))

        let unknown = try cli(["run", "input", "-o", "out", "--only", "yaml"], cwd: dir)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--only: there is no exporter format 'yaml'; it has: json, json-dataset"))
    }

    /// --jobs changes how many pages convert at once, never the bytes.
    @Test func jobsDoNotChangeTheOutput() throws {
        let dir = try Support.temporaryDirectory()
        try Support.writeBundledConfig(into: dir, input: Support.root.appendingPathComponent("input").path)
        let one = try cli(["run", "--config", dir.appendingPathComponent("pipeline.json").path, "-o", dir.appendingPathComponent("one").path, "--jobs", "1", "-q"])
        #expect(one.status == 0, "\(one.stderr)")
        let many = try cli(["run", "--config", dir.appendingPathComponent("pipeline.json").path, "-o", dir.appendingPathComponent("three").path, "--jobs", "3", "-q"])
        #expect(many.status == 0)
        #expect(try Support.snapshot(dir.appendingPathComponent("one")) == (try Support.snapshot(dir.appendingPathComponent("three"))))
        for bad in ["0", "-3"] {
            let refused = try cli(["run", "--jobs", bad])
            #expect(refused.status == 64)
            #expect(refused.stderr.hasPrefix("Error: --jobs takes a number of pages at a time, 1 or more; found \(bad)"), "\(refused.stderr)")
        }
    }
}
