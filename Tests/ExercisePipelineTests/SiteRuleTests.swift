import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// pipeline.json `extract`: rules for the pages the automatic choice gets wrong.
@Suite struct SiteRuleTests {
    static let markdownPage = "# Ladder Drill\n\nQuick feet through an agility ladder.\n\n## The Drill\n\n1. Face the ladder.\n2. Step both feet into each square.\n\n## Perfect For\n\nFootballers and sprinters.\n"
    static let htmlPage = """
    <html><body><main><h1>Farmer Carry</h1><p>Walk holding heavy weights at your sides.</p>
    <div class="pills"><span class="pill" data-kind="muscle">Forearms</span><span class="pill" data-kind="muscle">Traps</span><span class="pill">Strength</span><span class="pill">Outdoor</span><span class="pill">Beginner</span></div>
    <div class="how"><p>Pick up the weights with a tall chest.</p><p>Walk with short, quick steps.</p></div></main></body></html>
    """

    func run(config extract: String) throws -> (PipelineRunner.Outcome, URL) {
        let dir = try Support.temporaryDirectory()
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try Self.markdownPage.write(to: pages.appendingPathComponent("ladder-drill.md"), atomically: true, encoding: .utf8)
        try Self.htmlPage.write(to: pages.appendingPathComponent("farmer-carry.html"), atomically: true, encoding: .utf8)
        let json = #"{"input": "pages", "output": "out", "exporters": [{"format": "json-dataset"}]"# + (extract.isEmpty ? "" : #", "extract": "# + extract) + "}"
        try json.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return (try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))).run(), dir)
    }

    @Test func rulesFixPagesTheAutomaticChoiceGetsWrong() throws {
        // Without rules: the drill's steps are in a section nobody knows; the chips mix muscles with
        // other tags, so they are not read as muscles, and the how-to paragraphs are not steps.
        let (before, dir1) = try run(config: "")
        defer { try? FileManager.default.removeItem(at: dir1) }
        let ladder0 = try #require(before.records.first { $0.id == "ladder-drill" })
        #expect(ladder0.steps.isEmpty)
        #expect(before.reportedDiagnostics.contains { $0.code == "unknown-section" && $0.message.contains("The Drill") })
        let carry0 = try #require(before.records.first { $0.id == "farmer-carry" })
        #expect(carry0.primaryMuscles.isEmpty)

        let (after, dir2) = try run(config: #"{"sections": {"steps": ["The Drill"], "ignore": ["Perfect For"]}, "for": [{"paths": ["*.html"], "xpath": {"primaryMuscles": "//span[@data-kind='muscle']", "steps": "//div[@class='how']/p"}}]}"#)
        defer { try? FileManager.default.removeItem(at: dir2) }
        let ladder = try #require(after.records.first { $0.id == "ladder-drill" })
        #expect(ladder.steps == ["Face the ladder.", "Step both feet into each square."])
        #expect(after.reportedDiagnostics.contains { $0.code == "ignored-by-rule" && $0.message.contains("Perfect For") })
        #expect(!after.reportedDiagnostics.contains { $0.code == "unknown-section" })
        let carry = try #require(after.records.first { $0.id == "farmer-carry" })
        #expect(carry.primaryMuscles == ["forearms", "traps"])
        #expect(carry.steps == ["Pick up the weights with a tall chest.", "Walk with short, quick steps."])
        #expect(after.reportedDiagnostics.contains { $0.code == "from-rule" && $0.message.hasPrefix("primaryMuscles from extract.for[0].xpath.primaryMuscles") })
    }

    @Test func ruleThatMatchesNothingIsAWarning() throws {
        let (outcome, dir) = try run(config: #"{"xpath": {"tips": "//div[@class='tips']/li"}}"#)
        defer { try? FileManager.default.removeItem(at: dir) }
        let reported = outcome.reportedDiagnostics
        #expect(reported.contains { $0.file == "pages/farmer-carry.html" && $0.code == "rule-matched-nothing" })
    }

    @Test(arguments: [
        (#"{"xpath": {"steps": "//div[@class='step'"}}"#, "extract.xpath.steps: '//div[@class='step'' is not a valid XPath 1.0 expression"),
        (#"{"xpath": {"stepz": "//li"}}"#, "extract.xpath.stepz: unknown key; did you mean 'steps'? expected one of:"),
        (#"{"sections": {"warmup": ["Warm up"]}}"#, "extract.sections.warmup: unknown key; expected one of:"),
        (#"{"for": [{"xpath": {"steps": "//li"}}]}"#, "extract.for[0].paths: is required"),
    ])
    func badRulesNameTheirKeyPath(extract: String, message: String) throws {
        let json = #"{"exporters": [{"format": "json"}], "extract": "# + extract + "}"
        do {
            _ = try PipelineConfig.parse(Data(json.utf8), baseDirectory: Support.root)
            Issue.record("accepted \(extract)")
        } catch let e as ConfigError {
            #expect(e.description.hasPrefix(message), "\(e.description)")
        }
        // The command line says it and exits 64.
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try json.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let result = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("pipeline.json").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message))
    }
}

/// `convert --explain`: where each part of a page went, and why.
@Suite struct ExplainTests {
    @Test func explainSaysWhereEachPartWentAndWhy() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("ladder-drill.md")
        try SiteRuleTests.markdownPage.write(to: page, atomically: true, encoding: .utf8)
        let result = try Support.run(Support.cli, ["convert", page.path, "--explain"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "    1  heading 'Ladder Drill' → name (the first level-1 heading)")
        #expect(lines.contains("    3  paragraph 'Quick feet through an agility ladder.' → summary (the first paragraph of prose)"))
        #expect(lines.contains("    5  section 'The Drill' → left out (its heading names no field)"))
        #expect(lines.contains("   10  section 'Perfect For' → left out (its heading names no field)"))
        // No record is printed with --explain.
        #expect(!result.stdout.contains("\"schemaVersion\""))
    }
}
