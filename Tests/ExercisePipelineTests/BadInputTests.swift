import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// Bad pages get one clear diagnostic each; the rest of the batch still converts; exit status 1.
@Suite struct BadInputTests {
    static let goodPage = "# Good Squat\n\n- Equipment: Barbell\n\n## Steps\n\n1. Squat.\n"

    func makeBatch() throws -> URL {
        let dir = try Support.temporaryDirectory()
        let input = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: input.appendingPathComponent(name))
        }
        try write("good.md", Array(Self.goodPage.utf8))
        try write("empty.md", [])
        try write("no-title.md", Array("Just a paragraph.\n\n## Steps\n\n1. Do it.\n".utf8))
        try write("latin1.md", Array("# Caf".utf8) + [0xE9] + Array(" Curl\n".utf8))
        try write("notes.pdf", Array("%PDF-1.4".utf8))
        try write("binary.md", [0x23, 0x20, 0x00, 0x01, 0x02])
        try write("about.md", Array("# About this folder\n".utf8))
        try write("bad-facts.md", Array("# Lunge\n\n- **Equipment:** Dumbbell\n- Target Muscle Quads\n\n## Steps\n\n1. Step.\n".utf8))
        try Data("""
            {"input": "pages", "output": "out", "exporters": [{"format": "json"}, {"format": "json-dataset"}]}
            """.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        return dir
    }

    @Test func eachBadFileGetsOneDiagnosticAndTheRestConvert() throws {
        let dir = try makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))
        let outcome = try PipelineRunner(config: config).run()

        #expect(outcome.exitCode == 1)
        // A page with no title of its own is named from its file name, and says so.
        #expect(try outcome.records.map(\.id) == ["good-squat", "lunge", "no-title"])
        #expect(try outcome.records.last?.name == "No Title")
        let reported = outcome.reportedDiagnostics
        #expect(reported.contains { $0.file == "pages/no-title.md" && $0.code == "name-from-file-name" && $0.line == 1 })
        #expect(outcome.totals.failed == 4)
        let errors = outcome.reportedDiagnostics.filter { $0.severity == .error }.map { "\($0.file):\($0.line.map(String.init) ?? "-") \($0.code)" }
        #expect(errors == [
            "pages/about.md:1 not-an-exercise",
            "pages/binary.md:- binary-file",
            "pages/empty.md:- empty-file",
            "pages/latin1.md:1 invalid-utf8",
        ])
        // A file no importer reads, beside the pages, is not a page: skipped with one note.
        #expect(reported.contains { $0.file == "pages" && $0.code == "not-pages" && $0.severity == .info
            && $0.message == "1 file skipped as not pages (no importer reads them — known: .htm, .html, .markdown, .md, .mdx, .txt, .xhtml — or they are the folder's README, LICENSE, …): pages/notes.pdf; add an extension to an importer in pipeline.json to read them" })
        let warnings = outcome.reportedDiagnostics.filter { $0.severity == .warning }.map { "\($0.file):\($0.line ?? 0) \($0.code)" }
        #expect(warnings == ["pages/bad-facts.md:4 malformed-fact"])
        // The good pages were written despite the failures.
        let written = Support.files(under: dir.appendingPathComponent("out"))
        #expect(written == [".exercise-pipeline/manifest.tsv", "exercises.json", "json/good-squat.json", "json/lunge.json", "json/no-title.json", "report.html", "report.json"])
    }

    @Test func theCommandLineExitsOneAndPrintsCompilerStyleDiagnostics() throws {
        let dir = try makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("pipeline.json").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("pages/latin1.md:1: error: invalid UTF-8 at byte offset 5 (0xE9); expected UTF-8 text — re-save the file as UTF-8 [invalid-utf8]"))
        #expect(result.stderr.contains("pages/bad-facts.md:4: warning: fact list item 'Target Muscle Quads' is not of the form 'Key: value'; it was not used [malformed-fact]"))
        #expect(result.stderr.contains("converted 3 of 7 files, 4 failed"))
    }

    /// `--quiet` still says what failed (errors and the summary, not warnings); with `--verbose`
    /// it is a usage error.
    @Test func quietKeepsErrorsAndRefusesVerbose() throws {
        let dir = try makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pipeline.json").path
        let quiet = try Support.run(Support.cli, ["run", "--config", config, "-q"])
        #expect(quiet.status == 1)
        #expect(quiet.stderr.contains("pages/latin1.md:1: error: invalid UTF-8"))
        #expect(!quiet.stderr.contains("warning:"))
        #expect(quiet.stderr.contains("converted 3 of 7 files, 4 failed"))
        let both = try Support.run(Support.cli, ["run", "--config", config, "-q", "-v"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--verbose and --quiet ask for opposite things: give one of them"))
    }

    /// `--diagnostics json` is one object a line; `github` is workflow commands for annotations.
    @Test func diagnosticsForScriptsAndForCI() throws {
        let dir = try makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pipeline.json").path
        let json = try Support.run(Support.cli, ["run", "--config", config, "--diagnostics", "json"])
        let objects = json.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.contains { $0["file"] as? String == "pages/latin1.md" && $0["code"] as? String == "invalid-utf8" && $0["line"] as? Int == 1 && $0["severity"] as? String == "error" })
        #expect(objects.count == json.stderr.split(separator: "\n").count, "every line is an object, the summary too")
        let summary = try #require(objects.last)
        #expect((summary["summary"] as? String)?.hasPrefix("converted ") == true, "\(summary)")
        #expect((summary["totals"] as? [String: Any])?["errors"] as? Int == objects.filter { $0["severity"] as? String == "error" }.count)
        #expect(summary["output"] as? String == "out/")
        // (An unchanged rerun: the last run's diagnostics are given again.)
        let github = try Support.run(Support.cli, ["run", "--config", config, "--diagnostics", "github"])
        #expect(github.stderr.contains("nothing changed since the last run"))
        #expect(github.stderr.contains("::error file=pages/latin1.md,line=1,title=invalid-utf8::invalid UTF-8 at byte offset 5"))
        #expect(github.stderr.contains("::warning file=pages/bad-facts.md,line=4,title=malformed-fact::fact list item"))
    }

    /// `--strict`: warnings fail the run too.
    @Test func strictMakesWarningsFail() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try Data("# Lunge\n\n- **Equipment:** Dumbbell\n- Target Muscle Quads\n\n## Steps\n\n1. Step.\n".utf8).write(to: pages.appendingPathComponent("lunge.md"))
        try Data(#"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let config = dir.appendingPathComponent("pipeline.json").path
        #expect(try Support.run(Support.cli, ["run", "--config", config]).status == 0)
        let strict = try Support.run(Support.cli, ["run", "--config", config, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict: 1 warning count as failure"))
    }

    @Test func pathologicalMarkdownDoesNotCrash() {
        let deepQuotes = String(repeating: ">", count: 5000) + " deep\n"
        let deepLists = (0..<2000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        let manyHeadings = (0..<3000).map { "\(String(repeating: "#", count: $0 % 6 + 1)) H\($0)\n\ntext" }.joined(separator: "\n\n")
        let pages = ["# T\n\n" + deepQuotes, "# T\n\n## Steps\n\n" + deepLists, manyHeadings, "---\n---\n", "# \n", String(repeating: "*", count: 100_000)]
        for page in pages {
            let result = Support.convert(page)
            #expect(result.record != nil || result.diagnostics.contains { $0.severity == .error })
        }
    }

    /// UTF-16 saved without its byte order mark is read as what its NULs say it is, with a
    /// warning; NULs in no such pattern are still a binary file.
    @Test(arguments: [false, true])
    func utf16WithoutItsMarkIsRead(bigEndian: Bool) throws {
        let page = "# Band Pull-Apart\n\n## Steps\n\n1. Hold the band at shoulder height.\n2. Pull it apart.\n"
        let bytes = Array(page.utf16).flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let r = Support.convert(bytes: bytes, path: "band.md")
        #expect(r.record?.name == "Band Pull-Apart")
        #expect(r.record?.steps == ["Hold the band at shoulder height.", "Pull it apart."])
        let d = try #require(r.diagnostics.first { $0.code == "utf16-without-bom" })
        #expect(d.message == "no byte order mark, but every other byte is NUL: read as UTF-16\(bigEndian ? "BE" : "LE"); other tools may not, re-save it as UTF-8")
        #expect(r.record?.source.sha256 == ContentHash.hex(bytes), "the hash is the file's own bytes")
        let binary = Support.convert(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0], path: "image.md")
        #expect(binary.diagnostics.map(\.code) == ["binary-file"])
    }
}
