@testable import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// Every export, checked the way the receiving tool reads it: JSON Schema, free-exercise-db's
/// schema, CSV through Python's csv module and pandas, schema.org with the validator's --google
/// rules, preview pages in headless Chromium.
@Suite(.serialized) struct ExportFormatTests {
    static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("check_exports.py").path
    static let validator = Support.shared.appendingPathComponent("tools/jsonld-validator/validate_jsonld.py").path

    /// The bundled pipeline's exporters over another input folder.
    static func exportAll(input: String, freeExerciseDBFallback: String? = nil) throws -> (URL, PipelineRunner.Outcome) {
        var json = try String(contentsOf: Support.root.appendingPathComponent("pipeline.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: #""input": "input""#, with: #""input": "\#(input)""#)
        if let fallback = freeExerciseDBFallback {
            json = json.replacingOccurrences(of: #""format": "free-exercise-db","#, with: #""format": "free-exercise-db", "fallback": \#(fallback),"#)
        }
        let config = try PipelineConfig.parse(Data(json.utf8), baseDirectory: Support.root)
        let out = try Support.temporaryDirectory()
        return (out, try PipelineRunner(config: config, outputOverride: out).run())
    }

    static func checkFolder(_ out: URL) throws {
        let checked = try Support.pythonRun([checker, out.path, Support.shared.path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let ld = Support.files(under: out.appendingPathComponent("jsonld")).map { out.appendingPathComponent("jsonld/\($0)").path }
        let html = Support.files(under: out.appendingPathComponent("html")).map { out.appendingPathComponent("html/\($0)").path }
        let validated = try Support.pythonRun([validator, "--google"] + ld + html)
        #expect(validated.status == 0, "\(validated.stdout)")
        #expect(validated.stdout.contains("0 error(s), 0 warning(s)"), "\(validated.stdout.suffix(2000))")
    }

    @Test func bundledOutputPassesEveryChecker() throws {
        try Self.checkFolder(Support.root.appendingPathComponent("output"))
    }

    @Test func everkineticCorpusExportsPassEveryChecker() throws {
        // everkinetic pages state no difficulty or category, which free-exercise-db requires: the
        // pipeline supplies them explicitly, so all 288 records reach that format and its schema.
        let (out, outcome) = try Self.exportAll(input: Support.shared.appendingPathComponent("corpus/everkinetic/dist/md").path,
                                                freeExerciseDBFallback: #"{"level": "beginner", "category": "strength"}"#)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try outcome.records.count == 288)
        try Self.checkFolder(out)
        let fdb = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("free-exercise-db/exercises.json"))) as! [Any]
        print("everkinetic exports: \(try outcome.records.count) records; free-exercise-db format: \(fdb.count)")
        #expect(fdb.count == 288)
        let (pages, failures) = try Self.browserCheck(out)
        #expect(pages == 288)
        #expect(failures == "0")
        let reported = outcome.reportedDiagnostics
        #expect(reported.filter { $0.code == "fallback-used" }.count == 2 * 288)
    }

    /// everkinetic pages name no body part, so ExerciseDB's `body_part` is null for every one of
    /// them — unless the pipeline gives a fallback, which is written and noted.
    @Test func exerciseDBFallbackFillsWhatAnEverkineticPageLacks() throws {
        let page = Support.shared.appendingPathComponent("corpus/everkinetic/dist/md/ab-rollout-on-knees-with-barbell.md").path
        func run(_ options: String) throws -> ([String: Any], [Diagnostic]) {
            let json = #"{"input": "\#(page)", "exporters": [{"format": "exercisedb"\#(options)}]}"#
            let out = try Support.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: out) }
            let outcome = try PipelineRunner(config: PipelineConfig.parse(Data(json.utf8), baseDirectory: Support.root), outputOverride: out).run()
            let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("exercisedb/exercises.json"))) as! [[String: Any]]
            return (rows[0], outcome.reportedDiagnostics)
        }
        let (plain, plainDiagnostics) = try run("")
        #expect(plain["body_part"] is NSNull)
        #expect(plain["target"] as? String == "abs")
        #expect(!plainDiagnostics.contains { $0.code == "fallback-used" })
        let (filled, diagnostics) = try run(#", "fallback": {"body_part": "waist", "target": "pectorals"}"#)
        #expect(filled["body_part"] as? String == "waist")
        // A fallback fills only what the record lacks: the page's own target stays.
        #expect(filled["target"] as? String == "abs")
        #expect(diagnostics.filter { $0.code == "fallback-used" }.map(\.message) == ["exercisedb body part 'waist' from the exporter's fallback (the record has no mappable body part)"])
    }

    /// Script-safe JSON: page text cannot close the script element or start another.
    @Test func untrustedTextCannotBreakOutOfTheScriptElement() throws {
        let hostile = "</script><script>document.title='pwned'</script> & <!-- \u{2028}\u{2029}"
        let record = Exercise(id: "x", name: "Evil \(hostile)", summary: hostile, steps: [hostile], faq: [FAQEntry(question: "Q \(hostile)?", answer: hostile)],
                              source: SourceInfo(path: "x.md", format: "markdown", sha256: String(repeating: "0", count: 64)))
        let exporter = HTMLSnippetExporter(jsonLD: JSONLDExporter(baseURL: "https://example.com/e/"))
        let context = Support.exportContext
        let snippet = exporter.snippet(for: record, context: context)
        #expect(!snippet.dropLast("</script>\n".count).contains("</script"))
        #expect(!snippet.contains("<!--"))
        #expect(!snippet.contains("\u{2028}") && !snippet.contains("\u{2029}"))
        // The escaped JSON still means the same text.
        let body = String(snippet.dropFirst("<script type=\"application/ld+json\">\n".count).dropLast("</script>\n".count))
        let parsed = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        let graph = parsed["@graph"] as! [[String: Any]]
        #expect(graph.contains { ($0["name"] as? String) == "Evil \(hostile)" })

        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("evil.html")
        try Data(exporter.page(for: record, context: context).utf8).write(to: page)
        let status = try Self.browserStatus(page)
        #expect(status == ["blocks": "1", "errors": "0", "scripts": "2"], "\(status)")
    }

    /// Chromium opens each preview page; the page's own script parses every ld+json block and
    /// counts the script elements; the test reads the result from the dumped DOM.
    @Test func previewPagesParseInARealBrowser() throws {
        let (pages, failures) = try Self.browserCheck(Support.root.appendingPathComponent("output"))
        #expect(pages == 11)
        #expect(failures == "0")
    }

    /// All preview pages of an output folder in one browser run: a harness page frames each one
    /// and collects its status (blocks parsed, errors, script count) once everything has loaded.
    static func browserCheck(_ out: URL) throws -> (pages: Int, failures: String) {
        let pages = Support.files(under: out.appendingPathComponent("html")).filter { !$0.hasSuffix(".jsonld.html") }
        let frames = pages.map { "<iframe src=\"html/\($0)\"></iframe>" }.joined(separator: "\n")
        let harness = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            \(frames)
            <p id="jsonld-status">pending</p>
            <script>
            window.addEventListener('load', function () {
              var bad = [];
              document.querySelectorAll('iframe').forEach(function (f) {
                var s = f.contentDocument && f.contentDocument.getElementById('jsonld-status');
                if (!s || s.getAttribute('data-blocks') !== '1' || s.getAttribute('data-errors') !== '0' || s.getAttribute('data-scripts') !== '2') {
                  bad.push(f.getAttribute('src') + (s ? ' ' + s.textContent : ' no status'));
                }
              });
              var p = document.getElementById('jsonld-status');
              p.setAttribute('data-blocks', String(document.querySelectorAll('iframe').length));
              p.setAttribute('data-errors', String(bad.length));
              p.setAttribute('data-scripts', bad.join(' | '));
            });
            </script></body></html>
            """
        let page = out.appendingPathComponent(".browser-check.html")
        try Data(harness.utf8).write(to: page)
        defer { try? FileManager.default.removeItem(at: page) }
        let status = try browserStatus(page, extraFlags: ["--allow-file-access-from-files", "--virtual-time-budget=60000"])
        return (Int(status["blocks"] ?? "") ?? 0, status["errors"] == "0" ? "0" : "\(status["errors"] ?? "?"): \(status["scripts"] ?? "")")
    }

    static func browserStatus(_ page: URL, extraFlags: [String] = []) throws -> [String: String] {
        let profile = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try Support.run("/usr/bin/env", ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                      "--user-data-dir=\(profile.path)"] + extraFlags + ["--dump-dom", page.absoluteString], timeout: 180)
        guard let line = result.stdout.split(separator: "\n").first(where: { $0.contains("id=\"jsonld-status\"") }) else {
            Issue.record("no status in the dumped DOM of \(page.lastPathComponent): \(result.stderr.suffix(500))")
            return [:]
        }
        var out: [String: String] = [:]
        for key in ["blocks", "errors", "scripts"] {
            if let r = line.range(of: "data-\(key)=\"") {
                out[key] = String(line[r.upperBound...].prefix { $0 != "\"" })
            }
        }
        return out
    }

    @Test func csvOptions() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pipeline = #"{"input": "\#(Support.root.path)/input", "output": "\#(dir.path)/out", "exporters": [{"format": "csv", "bom": true, "formulaProtection": false}]}"#
        let config = try PipelineConfig.parse(Data(pipeline.utf8), baseDirectory: dir)
        _ = try PipelineRunner(config: config).run()
        let bytes = try Data(contentsOf: dir.appendingPathComponent("out/exercises.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(CSVExporter.protect("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVExporter.protect("-5 reps") == "'-5 reps")
        #expect(CSVExporter.protect("'=x") == "''=x")
        #expect(CSVExporter.protect("Stand tall") == "Stand tall")
        func csv(formulaProtection: Bool) throws -> String {
            let folder = dir.appendingPathComponent("protect-\(formulaProtection)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var sink = DiagnosticSink()
            try CSVExporter(formulaProtection: formulaProtection).export([Exercise(id: "a", name: "@cmd", source: SourceInfo(path: "p", format: "markdown", sha256: ""))],
                                                                         to: OutputDirectory(folder), context: Support.exportContext, diagnostics: &sink)
            return try String(contentsOf: folder.appendingPathComponent("exercises.csv"), encoding: .utf8)
        }
        #expect(try csv(formulaProtection: true).contains("\r\na,'@cmd,"))
        #expect(try csv(formulaProtection: false).contains("\r\na,@cmd,"))
    }
}

/// The html exporter's escaping and the csv exporter's quoting copy runs of bytes; they must
/// give what the plain rules give, on every line of the real pages and the samples and corners.
@Suite struct TextEscapingTests {
    @Test func htmlEscapingAndCSVQuotingFollowTheirRules() throws {
        var texts: Set<String> = ["", "&", "<>", "\"'", "a&b<c>d\"e'f", "&&&&", "plain", "é & ü", "x,y", "say \"hi\"", "a\r\nb", "\"", ",", "end\""]
        for folder in [Support.shared.appendingPathComponent("corpus/real-pages"), Support.root.appendingPathComponent("input")] {
            for path in Support.allFiles(under: folder) where [".md", ".html"].contains(where: path.hasSuffix) {
                texts.formUnion(String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self).split(separator: "\n").prefix(200).map(String.init))
            }
        }
        #expect(texts.count > 2000)
        for text in texts {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(HTMLSnippetExporter.escape(text) == escaped, "\(text.debugDescription)")
            let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            let quoted = needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            #expect(CSVExporter.quote(text) == quoted, "\(text.debugDescription)")
        }
    }
}

/// Output paths are checked and joined on their bytes; the answer must be the Character split's.
@Suite struct OutputPathTests {
    @Test func pathsInsideTheOutputFolderAsByCharacters() {
        let paths = ["json/a.json", "a", "a/", "/a", "a//b", "..", "a/../b", "../a", "a/..", "...", ".../a", "./a", "a/./b", "", "/", "//", "a/b/c.d",
                     "é/ü.json", "a\u{301}/b", "a/\u{301}b", "x/\r\n/y", "..\u{301}/a", "html/squat-2.html", "a/ /b", " ", "a b/c"]
        for path in paths {
            let parts = path.split(separator: "/")
            let expected = path.hasPrefix("/") || parts.contains("..") || parts.isEmpty ? nil : parts.joined(separator: "/")
            #expect(OutputDirectory.inside(path) == expected, "\(path.debugDescription)")
        }
    }
}
