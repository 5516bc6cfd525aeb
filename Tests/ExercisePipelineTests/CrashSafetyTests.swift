import ExercisePipeline
import Foundation
import Testing

/// `kill -9` at any moment, then a rerun: the output folder is exactly that of a clean run (whole
/// files or none, the killed run's temporary files removed, nothing extra).
@Suite struct CrashSafetyTests {
    static func makeSite() throws -> URL {
        let dir = try Support.temporaryDirectory()
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let moves = ["Squat", "Lunge", "Row", "Press", "Curl", "Bridge", "Plank", "Crunch", "Deadlift", "Raise"]
        let kit = ["Dumbbell", "Barbell", "Kettlebell", "Cable", "Band"]
        for i in 0..<400 {
            let name = "\(kit[i % kit.count]) \(moves[i % moves.count]) \(i)"
            let page = """
            # \(name)

            ## Quick answer

            The \(name.lowercased()) is an exercise written for this test, number \(i).

            - **Equipment:** \(kit[i % kit.count])
            - **Target Muscle:** Quads
            - **Difficulty:** Beginner

            ## How to perform

            1. Set up with the \(kit[i % kit.count].lowercased()).
            2. Move under control.
            3. Return and repeat.

            """
            try page.write(to: pages.appendingPathComponent("page-\(i).md"), atomically: true, encoding: .utf8)
        }
        try Support.writeBundledConfig(into: dir, input: "pages")
        return dir
    }

    @Test func killedRunsThenARerunLeaveTheCleanOutput() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let config = site.appendingPathComponent("pipeline.json").path
        let clean = site.appendingPathComponent("clean")
        let started = Date()
        _ = try Support.run(Support.cli, ["run", "--config", config, "--output", clean.path, "-q"])
        let runTime = Date().timeIntervalSince(started)
        let reference = try Support.snapshot(clean)
        #expect(reference.count > 1600)

        // Several moments spread over a run's length (as measured just now, so a faster build still
        // gets killed mid-run), each into a fresh folder. A run that finished before its kill (the
        // machine got faster than the measured run) is tried again at half the delay.
        var killedMidRun = 0
        for (n, planned) in [0.05, 0.2, 0.4, 0.6, 0.8].map({ $0 * runTime }).enumerated() {
            let out = site.appendingPathComponent("killed-\(n)")
            var delay = planned
            for _ in 0..<4 {
                try? FileManager.default.removeItem(at: out)
                let p = Process()
                p.executableURL = URL(fileURLWithPath: Support.cli)
                p.arguments = ["run", "--config", config, "--output", out.path, "-q"]
                p.standardError = FileHandle.nullDevice
                try p.run()
                Thread.sleep(forTimeInterval: delay)
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                if p.terminationReason == .uncaughtSignal { killedMidRun += 1; break }
                delay /= 2
            }
            let rerun = try Support.run(Support.cli, ["run", "--config", config, "--output", out.path, "-q"])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let after = try Support.snapshot(out)
            #expect(after.keys.sorted() == reference.keys.sorted(), "killed after \(delay) s: the files differ")
            #expect(after == reference, "killed after \(delay) s: some bytes differ")
        }
        // The kills must land while the run works, or the test proves nothing.
        #expect(killedMidRun >= 3, "only \(killedMidRun) of 5 runs were still running when killed")
    }

    /// The last moment a run can be killed: its reports written, its manifest not. The next run
    /// knows the reports for its own by their content and replaces them (before, it refused
    /// report.json as a file it had not written, exit 73); a user's file of the same name stays.
    @Test func reportsWrittenJustBeforeAKillAreTheToolsToReplace() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let config = site.appendingPathComponent("pipeline.json").path
        let out = site.appendingPathComponent("out")
        #expect(try Support.run(Support.cli, ["run", "--config", config, "--output", out.path, "-q"]).status == 0)
        let reference = try Support.snapshot(out)
        // As a killed run leaves it: no manifest, and reports that say something else.
        try FileManager.default.removeItem(at: out.appendingPathComponent(".exercise-pipeline/manifest.tsv"))
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        try JSONEncoder().encode(report).write(to: out.appendingPathComponent("report.json"))
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        try (page + "<!-- a killed run's -->").write(to: out.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        let rerun = try Support.run(Support.cli, ["run", "--config", config, "--output", out.path, "-q", "--force"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try Support.snapshot(out) == reference)

        // A report.html that is not the tool's is still the user's.
        try FileManager.default.removeItem(at: out.appendingPathComponent(".exercise-pipeline/manifest.tsv"))
        try Data("<html>my notes</html>".utf8).write(to: out.appendingPathComponent("report.html"))
        let kept = try Support.run(Support.cli, ["run", "--config", config, "--output", out.path, "--force"])
        #expect(kept.stderr.contains("report.html exists and was not written by exercise-pipeline"), "\(kept.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8) == "<html>my notes</html>")
    }
}
