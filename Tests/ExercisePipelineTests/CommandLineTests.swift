import ExerciseModel
import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test(arguments: [
        ("markdown", "# Dead Bug\n\n- Equipment: Body weight\n\n## Steps\n\n1. Lie on your back.\n", "dead-bug", "body-weight"),
        ("html", "<html><body><h1>Jump Rope</h1><ul><li>Equipment: Jump rope</li></ul><ol><li>Jump.</li></ol></body></html>", "jump-rope", "jump-rope"),
    ])
    func convertReadsStdinWithFrom(format: String, page: String, id: String, equipment: String) throws {
        let result = try Support.run(Support.cli, ["convert", "-", "--from", format], stdin: Data(page.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let record = try JSONDecoder().decode(Exercise.self, from: Data(result.stdout.utf8))
        #expect(record.id == id)
        #expect(record.source == SourceInfo(path: "<stdin>", format: format, sha256: record.source.sha256))
        #expect(record.equipment == [equipment])
        #expect(record.steps.count == 1)
    }

    @Test func versionNamesTheToolAndTheRecordSchema() throws {
        let result = try Support.run(Support.cli, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "exercise-pipeline 0.1.0 (record schemaVersion \(Exercise.schemaVersion))\n")
    }

    /// Without --from, stdin is HTML when it starts with '<' (after white space), else markdown.
    @Test(arguments: [
        ("  <html><body><h1>Jump Rope</h1><ol><li>Jump.</li></ol></body></html>", "html"),
        ("# Dead Bug\n\n1. Lie on your back.\n", "markdown"),
    ])
    func convertTellsStdinsFormatByItsFirstCharacter(page: String, format: String) throws {
        let result = try Support.run(Support.cli, ["convert"], stdin: Data(page.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONDecoder().decode(Exercise.self, from: Data(result.stdout.utf8)).source.format == format)
    }

    @Test func convertToCSVAndJSONLD() throws {
        let csv = try Support.run(Support.cli, ["convert", Support.seed.path, "--to", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("id,name,summary,"))
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 3)

        let jsonld = try Support.run(Support.cli, ["convert", Support.seed.path, "--to", "jsonld", "--base-url", "https://example.com/x/"])
        #expect(jsonld.status == 0)
        #expect(jsonld.stdout.contains("\"@id\": \"https://example.com/x/band-single-leg-reverse-calf-raise#howto\""))
    }

    @Test func convertOfABadPageExitsOne() throws {
        let result = try Support.run(Support.cli, ["convert", "-", "--from", "markdown"], stdin: Data())
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>: error: file is empty; expected an exercise page [empty-file]\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func taxonomyLookupPrintsTheIdFirst() throws {
        let hit = try Support.run(Support.cli, ["taxonomy", "lookup", "equipment", "Resistance Band"])
        #expect(hit.status == 0)
        #expect(hit.stdout.split(separator: " ").first == "resistance-band")

        let trap = try Support.run(Support.cli, ["taxonomy", "lookup", "muscle", "Biceps Femoris"])
        #expect(trap.stdout.split(separator: " ").first == "biceps-femoris")

        let miss = try Support.run(Support.cli, ["taxonomy", "lookup", "muscle", "flux capacitor"])
        #expect(miss.status == 1)
        #expect(miss.stderr.contains("unknown muscle 'flux capacitor'"))

        let badKind = try Support.run(Support.cli, ["taxonomy", "lookup", "colour", "red"])
        #expect(badKind.status == 64)
    }

    /// A mistyped subcommand reaches `run` as a folder to convert; it is named as the likelier
    /// mistake. A refused run makes nothing: no output folder, no state folder, least of all
    /// inside the input.
    @Test func refusedRunsTouchNothing() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let typo = try Support.run(Support.cli, ["validate"], cwd: dir)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("'validate' is neither a subcommand nor a file or folder here; the subcommands: run, convert, merge, taxonomy, diagnostics, schema, evaluate"), "\(typo.stderr)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try Data("# Squat\n\n## Steps\n\n1. Squat.\n".utf8).write(to: dir.appendingPathComponent("pages/squat.md"))
        try Data(#"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let inside = try Support.run(Support.cli, ["run", "--config", "pipeline.json", "-o", "pages/out"], cwd: dir)
        #expect(inside.status == 64)
        #expect(inside.stderr.contains("is inside the input"), "\(inside.stderr)")
        let missing = try Support.run(Support.cli, ["run", "no-such-folder/", "-o", "out"], cwd: dir)
        #expect(missing.status == 64, "\(missing.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["pages", "pipeline.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("pages").path) == ["squat.md"])
    }

    @Test func runIsTheDefaultCommand() throws {
        let out = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Support.run(Support.cli, ["--output", out.path], cwd: Support.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("converted 11 of 11 files"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("exercises.json").path))
    }

    /// `run --profile` says where the run went, stage by stage, after the summary.
    @Test func profilePrintsTimePerStage() throws {
        let out = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Support.run(Support.cli, ["run", "--output", out.path, "--quiet", "--profile"], cwd: Support.root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let summary = try #require(lines.firstIndex { $0.hasPrefix("converted 11 of 11 files") })
        #expect(lines[summary + 1].hasPrefix("stage"))
        let stages = lines.dropFirst(summary + 2).compactMap { $0.split(separator: " ").first.map(String.init) }
        for stage in ["discover", "read", "extract", "lint-muscles", "store", "report.json", "manifest"] { #expect(stages.contains(stage), "no \(stage)") }
        // Every page is read once, and each of the 11 records goes through lint-muscles once.
        let read = try #require(lines.first { $0.hasPrefix("read ") })
        #expect(read.hasSuffix(" 11"))
        #expect(lines.contains { $0.hasPrefix("export html ") } && lines.contains { $0.hasPrefix("parse markdown ") })
    }

    @Test func helpTeachesTheExitCodes() throws {
        let result = try Support.run(Support.cli, ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("64  usage or configuration error"))
    }
}
