import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// report.html: the run's report for people, checked against report.json and the records, for
/// escaping, for loading nothing, and in a real browser.
@Suite struct ReportPageTests {
    /// A small site: pages (name → text) in `pages/`, written to `out/` by the json exporter.
    static func site(_ pages: [String: String]) throws -> URL {
        let dir = try Support.temporaryDirectory()
        for (name, text) in pages {
            let url = dir.appendingPathComponent("pages/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try #"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return dir
    }

    static func run(_ dir: URL, force: Bool = false) throws -> PipelineRunner.Outcome {
        var runner = try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json")))
        runner.force = force
        return try runner.run()
    }

    static func page(_ out: URL) throws -> String {
        try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    }

    /// The text of the element with this id (`<dd id="total-files">11</dd>` → "11").
    static func element(_ id: String, in html: String) -> String? {
        guard let r = html.range(of: "id=\"\(id)\">") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "<" })
    }

    /// One code's group, from its opening to its closing tag.
    static func group(_ code: String, in html: String) -> String? {
        guard let start = html.range(of: "<details class=\"group\" id=\"code-\(code)\""),
              let end = html.range(of: "</details>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Every src and href value of every tag (any quoting), to prove nothing is loaded from elsewhere.
    static func links(in html: String) -> [String] {
        let tag = try! NSRegularExpression(pattern: #"<[A-Za-z][^>]*>"#)
        let attribute = try! NSRegularExpression(pattern: #"\s(?:src|href|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#, options: [.caseInsensitive])
        let ns = html as NSString
        return tag.matches(in: html, range: NSRange(location: 0, length: ns.length)).flatMap { t in
            attribute.matches(in: html, range: t.range).map { m in
                (1...3).compactMap { m.range(at: $0).location == NSNotFound ? nil : ns.substring(with: m.range(at: $0)) }.first ?? ""
            }
        }
    }

    static func assertSelfContained(_ html: String) {
        #expect(!html.lowercased().contains("<script"))
        let remote = links(in: html).filter { link in ["http:", "https:", "//"].contains { link.lowercased().hasPrefix($0) } }
        #expect(remote.isEmpty, "\(remote)")
        #expect(links(in: html).allSatisfy { $0.hasPrefix("#") }, "only in-page links")
    }

    @Test func theBundledRunsPageMatchesItsReportAndRecords() throws {
        let (out, outcome) = try GoldenOutputTests.regenerate()
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try Self.page(out)
        let totals = try outcome.report.totals
        #expect(Self.element("total-files", in: html) == "\(totals.files)")
        #expect(Self.element("total-converted", in: html) == "\(totals.converted)")
        #expect(Self.element("total-failed", in: html) == "\(totals.failed)")
        #expect(Self.element("total-errors", in: html) == "\(totals.errors)")
        #expect(Self.element("total-warnings", in: html) == "\(totals.warnings)")
        #expect(Self.element("total-infos", in: html) == "\(totals.infos)")
        #expect(Self.element("total-records", in: html) == "11")
        #expect(totals.files == 11 && totals.warnings == 13 && totals.infos == 19)
        // A bar per field, counting the records that give it.
        let records = try outcome.records
        for field in ReportPage.fields {
            #expect(html.contains("data-field=\"\(field.rawValue)\" data-count=\"\(records.count(where: { $0.gives(field) }))\""), "\(field)")
        }
        #expect(html.contains(#"data-field="primaryMuscles" data-count="10""#))
        #expect(html.contains("<td>Gliding Discs</td><td>Equipment</td><td class=\"num\">1</td>"))
        // Every code of report.json has its group, holding each of its diagnostics' page.
        let diagnostics = try outcome.report.diagnostics
        for code in Set(diagnostics.map(\.code)) {
            let group = try #require(Self.group(code, in: html), "\(code)")
            for d in diagnostics where d.code == code {
                #expect(group.contains(ReportHTML.escape(d.line.map { "\(d.file):\($0)" } ?? d.file)), "\(code) \(d.file)")
            }
        }
        let unknown = try #require(Self.group("unknown-term", in: html))
        #expect(unknown.contains("<td class=\"file\">input/mobility/hip-flexor-stretch.markdown:8</td>"))
        #expect(unknown.contains("Gliding Discs"))
        Self.assertSelfContained(html)
    }

    @Test func anUnknownTermCarriesTheTaxonomysSuggestions() throws {
        let dir = try Self.site([
            "a.md": "# Rack Pull\n\nEquipment: Kettlebell rack, Trampoline\n\n## Steps\n\n1. Pull.\n",
            "b.md": "# Zercher Hold\n\nEquipment: kettlebell  RACK\n\n## Steps\n\n1. Hold.\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try Self.run(dir)
        let html = try Self.page(dir.appendingPathComponent("out"))
        // Counted once per record whatever the case or spacing, spelt as the first record by id
        // spells it; the suggestion is the one the diagnostic names.
        #expect(html.contains("<td>Kettlebell rack</td><td>Equipment</td><td class=\"num\">2</td><td class=\"suggest\"><code>kettlebell</code></td>"))
        #expect(outcome.reportedDiagnostics.contains { $0.code == "unknown-term" && $0.message.contains("(nearest: kettlebell)") })
        #expect(html.contains("<td>Trampoline</td><td>Equipment</td><td class=\"num\">1</td><td class=\"suggest\"><span class=\"quiet\">no close term</span></td>"))
        // The more frequent term first.
        #expect(html.range(of: "Kettlebell rack")!.lowerBound < html.range(of: "Trampoline")!.lowerBound)
    }

    @Test func hostilePathsAndMessagesAreEscaped() throws {
        let hostile = "<script>alert(1)</script> & \"x\" <img src=\"https://evil.example/x.png\">"
        let name = "a<b>&\"c'.md"
        let dir = try Self.site([name: "---\ntitle: Hostile Move\nequipment: ['\(hostile)']\n---\n\n# Hostile Move\n\n## Steps\n\n1. Do it.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try Self.run(dir)
        #expect(outcome.reportedDiagnostics.contains { $0.file == "pages/\(name)" && $0.message.contains(hostile) })
        let html = try Self.page(dir.appendingPathComponent("out"))
        Self.assertSelfContained(html)
        #expect(!html.contains("<img"))
        #expect(html.contains("pages/a&lt;b&gt;&amp;&quot;c'.md:3"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &lt;img src=&quot;https://evil.example/x.png&quot;&gt;"))
        #expect(ReportHTML.escape("a\u{0}b\u{1B}c\td\n") == "a\u{FFFD}b\u{FFFD}c\td\n")
    }

    @Test func theSameRunWritesTheSameBytes() throws {
        let pages = ["a.md": "# Rack Pull\n\nEquipment: Kettlebell rack\n\n## Steps\n\n1. Pull.\n", "b.md": "# B\n\n## Oddities\n\nText.\n\n## Steps\n\n1. Go.\n"]
        let one = try Self.site(pages), two = try Self.site(pages)
        defer { for d in [one, two] { try? FileManager.default.removeItem(at: d) } }
        _ = try Self.run(one)
        _ = try Self.run(two)
        #expect(try Self.page(one.appendingPathComponent("out")) == Self.page(two.appendingPathComponent("out")))
    }

    /// Many diagnostics of one code: the rows go through the spill file and come back in report
    /// order; past the cap they are counted, not listed.
    @Test func bigGroupsAreSpilledAndCapped() throws {
        let taxonomy = Support.taxonomy
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = OutputDirectory(folder)
        let page = try ReportPage(taxonomy: taxonomy, spillIn: folder)
        let n = ReportPage.rowsPerCode + 5
        for i in 0..<n { try page.add(Diagnostic(file: String(format: "p/%05d.md", i), line: 1, severity: .warning, code: "unused-content", message: "m\(i)")) }
        try page.write(RunReport.Totals(files: n, converted: n, failed: 0, skipped: 0, errors: 0, warnings: n, infos: 0), to: output)
        let html = try Self.page(folder)
        let rows = html.components(separatedBy: "<tr class=\"warning\">").dropFirst().map { String($0.prefix(40)) }
        #expect(rows.count == ReportPage.rowsPerCode)
        #expect(rows.first!.hasPrefix("<td class=\"file\">p/00000.md:1"))
        #expect(rows.last!.hasPrefix("<td class=\"file\">p/00999.md:1"))
        #expect(html.contains("5 more are not listed here; report.json lists every one."))
        #expect(html.contains("<span class=\"count\">1,005 (the first 1,000 listed)</span>"))
        #expect([0, 999, 1000, 20000, 1234567].map(ReportHTML.number) == ["0", "999", "1,000", "20,000", "1,234,567"])
        #expect(!html.contains("<details class=\"group\" id=\"code-unused-content\" open"))
    }

    @Test func noExporterMayClaimIt() {
        let found: [String]
        do {
            _ = try PipelineConfig.parse(Data(#"{"exporters": [{"format": "json-dataset", "path": "report.html"}]}"#.utf8), baseDirectory: Support.root)
            found = []
        } catch let e as ConfigErrors { found = e.errors.map(\.description) } catch { found = ["\(error)"] }
        #expect(found == ["exporters[0].path: 'report.html' is also written by the run's report.html; give each its own path"])
    }

    @Test func itIsInTheManifestAndAnOlderOutputFolderGetsIt() throws {
        let dir = try Self.site(["a.md": "# A\n\n## Steps\n\n1. Go.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try Self.run(dir).written == ["json/a.json", "report.html", "report.json"])
        // An unchanged rerun keeps it (the manifest lists it, so nothing is stale).
        let again = try Self.run(dir)
        #expect(again.unchanged && again.removed.isEmpty)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        // A folder a version before report.html wrote: its manifest does not list the page.
        let manifest = out.appendingPathComponent(OutputState.manifestPath)
        let lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").filter { !$0.hasSuffix("\treport.html") }
        try (lines.joined(separator: "\n") + "\n").write(to: manifest, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: out.appendingPathComponent("report.html"))
        let upgraded = try Self.run(dir, force: true)
        #expect(upgraded.exitCode == 0)
        #expect(upgraded.written == ["json/a.json", "report.html", "report.json"])
        #expect(try Self.page(out).contains("id=\"total-files\">1<"))
    }

    @Test func aReportHTMLTheToolDidNotWriteIsKept() throws {
        let dir = try Self.site(["a.md": "# A\n\n## Steps\n\n1. Go.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "<p>the site's own</p>".write(to: out.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        let outcome = try Self.run(dir)
        #expect(outcome.exitCode == 0)
        #expect(outcome.reportedDiagnostics.contains { $0.code == "report-page-kept" && $0.file == "report.html" })
        #expect(try Self.page(out) == "<p>the site's own</p>")
        #expect(outcome.written == ["json/a.json", "report.json"])
    }

    /// Chromium renders it: the screenshot is kept under .build/test-artifacts/ to look at.
    @Test func itRendersInHeadlessChromium() throws {
        let (out, _) = try GoldenOutputTests.regenerate()
        defer { try? FileManager.default.removeItem(at: out) }
        let artifacts = Support.root.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let png = artifacts.appendingPathComponent("report-page.png")
        try? FileManager.default.removeItem(at: png)
        let profile = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try Support.run("/usr/bin/env", ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                      "--user-data-dir=\(profile.path)", "--screenshot=\(png.path)", "--window-size=1200,2000",
                                                      out.appendingPathComponent("report.html").absoluteString], timeout: 180)
        let data = try #require(FileManager.default.contents(atPath: png.path), "no screenshot: \(result.stderr.suffix(500))")
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR: the width and height asked for; a blank page compresses to a few KB.
        let be = { (at: Int) in data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be(16) == 1200 && be(20) == 2000)
        #expect(data.count > 50_000, "\(data.count) bytes")
    }
}
