import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// `evaluate`: scores against labels whose rightness is known, the --min exit status, bad truth
/// input, and a run over every real-pages truth file (completion only; floors are set elsewhere).
@Suite struct EvaluateTests {
    static let goblet = """
    # Goblet Squat

    ## Quick answer

    The goblet squat is a squat holding one weight at the chest.

    - **Equipment:** Dumbbell
    - **Target Muscle:** Quads
    - **Secondary Muscles:** Glutes

    ## How to perform

    1. Hold the dumbbell at your chest.
    2. Sit down between your heels.
    3. Stand back up.

    ## Pro tips

    - Keep your chest up.

    ## Common mistakes

    - Letting the knees cave in.
    - Rising on the toes.

    ## FAQ

    ### Is it good for beginners?

    Yes, it teaches the squat.

    """

    /// Trampoline is not in the taxonomy: the record keeps it in unknownTerms.equipment.
    static let bounce = """
    <html><head><title>Bounce</title></head><body>
    <h1>Trampoline Bounce</h1>
    <p>A light bounce on a mini trampoline.</p>
    <ul><li>Equipment: Trampoline</li><li>Primary muscles: Calves</li></ul>
    <h2>Steps</h2>
    <ol><li>Stand in the middle.</li><li>Bounce gently.</li></ol>
    </body></html>

    """

    /// Each labelled field is marked right (✓) or wrong (✗) as the converter reads these pages.
    static let truth = [
        // name ✓, summary ✓ (white space differs), steps ✓, tips ✗, mistakes ✗ (order),
        // primaryMuscles ✓ (Quadriceps → quads), secondaryMuscles ✗, equipment ✓ (Dumbbells →
        // dumbbell), bodyParts ✓ (empty asserts empty), faq ✓
        #"{"file": "goblet.md", "name": "Goblet Squat", "summary": "The goblet  squat is a squat\nholding one weight at the chest.", "steps": ["Hold the dumbbell at your chest.", "Sit down  between your heels.", "Stand back up."], "tips": ["Keep your back straight."], "mistakes": ["Rising on the toes.", "Letting the knees cave in."], "primaryMuscles": ["Quadriceps"], "secondaryMuscles": ["Hamstrings"], "equipment": ["Dumbbells"], "bodyParts": [], "faq": [{"question": "Is it good for beginners?", "answer": "Yes, it teaches the squat."}]}"#,
        // name ✓, steps ✗ (one missing), tips ✓ (none), equipment ✓ (unknown, case aside),
        // primaryMuscles ✗ (glutes not in the record)
        #"{"file": "html/bounce.html", "name": "Trampoline Bounce", "steps": ["Stand in the middle."], "tips": [], "equipment": ["trampoline"], "primaryMuscles": ["Calves", "Glutes"]}"#,
        "",
        // a page that does not exist: name ✗, steps ✗
        #"{"file": "ghost.md", "name": "Ghost", "steps": ["Float."]}"#,
        // a second exercise on goblet.md, which gives one record: name ✗
        #"{"file": "goblet.md", "name": "Goblet Squat 2"}"#,
    ].joined(separator: "\n") + "\n"

    /// A folder with the two pages and truth.jsonl.
    static func corpus(truth: String = truth) throws -> URL {
        let dir = try Support.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("html"), withIntermediateDirectories: true)
        try goblet.write(to: dir.appendingPathComponent("goblet.md"), atomically: true, encoding: .utf8)
        try bounce.write(to: dir.appendingPathComponent("html/bounce.html"), atomically: true, encoding: .utf8)
        try truth.write(to: dir.appendingPathComponent("truth.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func scoresEachFieldExactly() throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try Evaluation.run(truthURL: dir.appendingPathComponent("truth.jsonl"), config: Support.defaults)
        let scores = report.scores.map { "\($0.field) \($0.right)/\($0.checked)" }
        #expect(scores == [
            "name 2/4", "summary 1/1", "steps 1/3", "tips 1/2", "mistakes 0/1", "primaryMuscles 1/2",
            "secondaryMuscles 0/1", "equipment 2/2", "bodyParts 1/1", "faq 1/1",
        ])
        #expect(report.total == FieldScore(field: "total", right: 10, checked: 18))
        #expect(report.records == 4)
        // The missing page is worst (listed first), then the page missing one step.
        let steps = report.misses.filter { $0.field == "steps" }
        #expect(steps.map(\.file) == ["ghost.md", "html/bounce.html"])
        #expect(steps.map(\.line) == [4, 2])
        #expect(steps[0].got == "(file not found)")
        #expect(report.misses.first { $0.field == "name" && $0.line == 5 }?.got == "(no record #2: the page gave 1)")
        #expect(report.misses.first { $0.field == "primaryMuscles" }.map { ($0.expected, $0.got) } ?? ("", "") == ("Calves=calves, Glutes=glutes", "calves"))
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.contains("ghost.md: file not found") == true)
    }

    @Test func printsTheTableTotalAndWorstPagesAndHonoursMin() throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try Support.run(Support.cli, ["evaluate", "truth.jsonl", "--worst", "1"], cwd: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        let lines = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(3) == ["truth.jsonl: 4 labelled records", "field             right/checked  percent", "name                        2/4    50.0%"])
        #expect(lines.contains("total                     10/18    55.6%"))
        #expect(lines.contains("steps: 1/3 right; worst pages:"))
        #expect(lines.contains("  ghost.md (truth line 4)"))
        // bounce.html misses steps and primaryMuscles; --worst 1 lists it under primaryMuscles only.
        #expect(lines.filter { $0 == "  html/bounce.html (truth line 2)" }.count == 1, "--worst 1 lists one page per field")
        #expect(!plain.stdout.contains("equipment: "), "a field at 100% lists no pages")
        #expect(plain.stderr.contains("warning: truth.jsonl:4: ghost.md: file not found"))

        let strict = try Support.run(Support.cli, ["evaluate", "truth.jsonl", "--min", "0.5"], cwd: dir)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("total                     10/18"), "the report is printed before failing")
        #expect(strict.stderr.contains("under --min 0.5: steps 33.3%, mistakes 0.0%, secondaryMuscles 0.0%"))
        let lenient = try Support.run(Support.cli, ["evaluate", dir.appendingPathComponent("truth.jsonl").path, "--min", "0"])
        #expect(lenient.status == 0)

        let json = try Support.run(Support.cli, ["evaluate", "truth.jsonl", "--json"], cwd: dir)
        #expect(json.status == 0)
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(json.stdout.utf8))
        #expect(decoded.total.right == 10 && decoded.misses.count == 8)
    }

    @Test(arguments: [
        ("{\"file\": \"goblet.md\"}\nnot json\n", "truth.jsonl:2: not a JSON object"),
        ("{\"name\": \"Goblet Squat\"}\n", "truth.jsonl:1: no \"file\""),
        ("{\"file\": \"goblet.md\", \"steps\": \"Stand up.\"}\n", "truth.jsonl:1: 'steps' is a string"),
    ])
    func malformedTruthLinesAreUsageErrors(truth: String, message: String) throws {
        let dir = try Self.corpus(truth: truth)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Support.run(Support.cli, ["evaluate", "truth.jsonl"], cwd: dir)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func unreadableTruthFileAndBadMinAreUsageErrors() throws {
        let missing = try Support.run(Support.cli, ["evaluate", "/nonexistent/truth.jsonl"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("cannot read the truth file /nonexistent/truth.jsonl"))
        let badMin = try Support.run(Support.cli, ["evaluate", "truth.jsonl", "--min", "95"])
        #expect(badMin.status == 64)
    }

    @Test func unknownKeysAreWarnedAboutNotChecked() throws {
        let dir = try Self.corpus(truth: "{\"file\": \"goblet.md\", \"name\": \"Goblet Squat\", \"primaryMuscle\": [\"Quads\"]}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try Evaluation.run(truthURL: dir.appendingPathComponent("truth.jsonl"), config: Support.defaults)
        #expect(report.scores.map(\.field) == ["name"])
        #expect(report.warnings == ["\(dir.appendingPathComponent("truth.jsonl").path):1: key 'primaryMuscle' is not an evaluated field; ignored"])
    }

    /// Every real-pages source evaluates to the end through the command line.
    @Test func runsOverEveryRealPagesTruthFile() throws {
        let folder = Support.shared.appendingPathComponent("corpus/real-pages")
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/truth.jsonl").path) }
        #expect(sources.count >= 10)
        for source in sources {
            let result = try Support.run(Support.cli, ["evaluate", folder.appendingPathComponent("\(source)/truth.jsonl").path])
            #expect(result.status == 0, "\(source): \(result.stderr)")
            #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("total ") }, "\(source): no total line")
        }
    }

    /// The dev set of pages from ten outside sites: every field at least 95% right over all of
    /// them, and each source at least 90% in total (what was reached: 278 of 279 fields; the
    /// miss is a muscle the page lists as both target and secondary, which the record keeps as
    /// a target only). A drop below means a change broke a layout.
    @Test func realPagesFloors() throws {
        let folder = Support.shared.appendingPathComponent("corpus/real-pages")
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/truth.jsonl").path) }
        var totals: [String: (right: Int, checked: Int)] = [:]
        for source in sources {
            let report = try Evaluation.run(truthURL: folder.appendingPathComponent("\(source)/truth.jsonl"), config: Support.defaults)
            let right = report.scores.map(\.right).reduce(0, +), checked = report.scores.map(\.checked).reduce(0, +)
            #expect(Double(right) >= 0.9 * Double(checked), "\(source): \(right)/\(checked)")
            for s in report.scores {
                totals[s.field, default: (0, 0)].right += s.right
                totals[s.field, default: (0, 0)].checked += s.checked
            }
        }
        #expect(totals.count >= 9)
        for (field, t) in totals.sorted(by: { $0.key < $1.key }) {
            #expect(Double(t.right) >= 0.95 * Double(t.checked), "\(field): \(t.right)/\(t.checked)")
        }
        #expect(totals.values.map(\.right).reduce(0, +) >= 276)
    }
}
