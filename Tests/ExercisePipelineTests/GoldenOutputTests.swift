import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// `output/` is the committed output of `input/` under the bundled pipeline.json. These tests
/// regenerate it and compare bytes; `make golden` re-records it after an intended change.
@Suite struct GoldenOutputTests {
    static func regenerate() throws -> (URL, PipelineRunner.Outcome) {
        let config = try PipelineConfig.load(from: Support.root.appendingPathComponent("pipeline.json"))
        let out = try Support.temporaryDirectory()
        let outcome = try PipelineRunner(config: config, outputOverride: out).run()
        return (out, outcome)
    }

    @Test func outputRegeneratesByteIdentical() throws {
        let (fresh, outcome) = try Self.regenerate()
        defer { try? FileManager.default.removeItem(at: fresh) }
        #expect(outcome.exitCode == 0)
        let committed = Support.root.appendingPathComponent("output")
        let committedFiles = Support.files(under: committed)
        #expect(Support.files(under: fresh) == committedFiles, "the set of output files changed; run `make golden` if intended")
        #expect(committedFiles.count == 60)  // 59 outputs (exercises.sqlite, compared byte for byte, and report.html among them) and the manifest
        #expect(committedFiles.contains("report.html"))
        for file in committedFiles {
            let a = try Data(contentsOf: committed.appendingPathComponent(file))
            let b = try Data(contentsOf: fresh.appendingPathComponent(file))
            #expect(a == b, "output/\(file) differs from a fresh run; run `make golden` if intended")
        }
    }

    /// Same input, same bytes: two runs, whatever the thread scheduling, write identical files.
    @Test func runsAreDeterministic() throws {
        let (first, _) = try Self.regenerate()
        let (second, _) = try Self.regenerate()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for file in Support.files(under: first) {
            #expect(try Data(contentsOf: first.appendingPathComponent(file)) == Data(contentsOf: second.appendingPathComponent(file)), "\(file)")
        }
    }

    /// No absolute paths or timestamps leak into output (searched as bytes: exercises.sqlite is
    /// not text).
    @Test func outputHoldsNoMachineSpecificText() throws {
        let committed = Support.root.appendingPathComponent("output")
        for file in Support.files(under: committed) {
            let bytes = try Data(contentsOf: committed.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Support.root.path.utf8)) == nil, "\(file) holds an absolute path")
        }
    }

    // CSV read-back, JSON Schema and the other formats: ExportFormatTests.

    @Test func jsonLDOfEveryBundledPagePassesTheValidator() throws {
        let dir = Support.root.appendingPathComponent("output/jsonld")
        let files = Support.files(under: dir).map { dir.appendingPathComponent($0).path }
        #expect(files.count == 11)
        let validator = Support.shared.appendingPathComponent("tools/jsonld-validator/validate_jsonld.py").path
        let result = try Support.pythonRun([validator, "--google"] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 error(s), 0 warning(s)"), "\(result.stdout)")
    }

    @Test func reportListsEveryInput() throws {
        let data = try Data(contentsOf: Support.root.appendingPathComponent("output/report.json"))
        let report = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(report.totals.files == 11)
        #expect(report.totals.converted == 11)
        #expect(report.files.map(\.path) == [
            "input/dumbbell-romanian-deadlift.md", "input/goblet-squat.md", "input/html/bird-dog.html",
            "input/html/cable-face-pull.html", "input/html/kettlebell-deadlift.html", "input/html/legacy/barbell-bench-press.htm",
            "input/html/side-plank.html", "input/html/walking-lunge.html", "input/mobility/hip-flexor-stretch.markdown",
            "input/plank.txt", "input/push-up.md",
        ])
        #expect(report.diagnostics.contains { $0.code == "unknown-term" && $0.file == "input/mobility/hip-flexor-stretch.markdown" })
    }
}
