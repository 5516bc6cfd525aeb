import Foundation
import Testing

/// The hostile corpus (`HostileCorpus`) in one batch beside good pages, through the command line
/// with the bundled pipeline.json (every exporter): each bad file gets its one diagnostic, every
/// other page converts, every exporter runs, report.json is written, and nothing is written outside
/// the output folder.
@Suite struct HostileCorpusTests {
    struct Report: Decodable {
        struct File: Decodable { var path: String; var status: String; var id: String? }
        struct Finding: Decodable { var file: String?; var code: String; var severity: String; var message: String }
        var files: [File]
        var diagnostics: [Finding]
    }

    @Test func hostileInputsBesideGoodPagesInOneBatch() throws {
        let dir = try Support.temporaryDirectory()
        let pages = dir.appendingPathComponent("pages")
        defer {
            chmod(pages.appendingPathComponent("unreadable.md").path, 0o644)
            try? FileManager.default.removeItem(at: dir)
        }
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let good = ["good-one.md", "good-two.md", "good-three.md"]
        for (i, name) in good.enumerated() {
            try Data(HostileCorpus.goodPage.replacingOccurrences(of: "Good Squat", with: "Good Squat \(i + 1)").utf8).write(to: pages.appendingPathComponent(name))
        }
        let cases = HostileCorpus.cases
        #expect(cases.count >= 40)
        for c in cases { try c.write(pages) }
        try Support.writeBundledConfig(into: dir, input: "pages")
        let beside = try Self.everythingBut("output", in: dir)

        let result = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("pipeline.json").path, "--quiet"], timeout: 600)
        #expect(result.status == 1, "errors were expected: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Crash"), "\(result.stderr)")

        let out = dir.appendingPathComponent("output")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        func findings(_ path: String) -> [Report.Finding] {
            report.diagnostics.filter { $0.file == "pages/\(path)" && ($0.severity == "error" || $0.severity == "warning") }
        }
        func status(_ path: String) -> String? { report.files.first { $0.path == "pages/\(path)" }?.status }
        for name in good { #expect(status(name) == "converted", "\(name): \(findings(name).map(\.message))") }
        for c in cases {
            // One clear diagnostic (or none): exactly the expected one, no second error or warning.
            #expect(findings(c.name).map(\.code) == (c.expected.map { [$0] } ?? []), "\(c.name): \(findings(c.name).map { "\($0.code): \($0.message)" })")
            if c.converts { #expect(status(c.name) == "converted", "\(c.name) did not convert") }
        }
        #expect(status("folder.md/inside.md") == "converted")

        // Every exporter ran: each of the bundled pipeline.json's outputs is there.
        let written = Set(Support.files(under: out))
        for path in ["exercises.json", "exercises.ndjson", "exercises.csv", "datapackage.json", "schema/exercise.schema.json", "taxonomy.json",
                     "free-exercise-db/exercises.json", "exercisedb/exercises.json", "report.json", "report.html", ".exercise-pipeline/manifest.tsv"] {
            #expect(written.contains(path), "\(path) was not written")
        }
        let ids = report.files.compactMap(\.id)
        #expect(Set(ids).count == ids.count, "two pages share an id")
        for id in ids {
            #expect(written.contains("json/\(id).json") && written.contains("jsonld/\(id).jsonld") && written.contains("html/\(id).html"), "\(id) lacks a per-record file")
            #expect(!id.contains("/") && !id.hasPrefix(".") && id.utf8.count <= 200, "unsafe id \(id)")
        }
        // Page text cannot leave the JSON-LD script element.
        for path in written where path.hasSuffix(".jsonld.html") {
            let snippet = try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
            #expect(snippet.components(separatedBy: "</script").count == 2, "\(path) holds page text that closes the script")
        }
        // Entities are not expanded into bombs, and no external entity is fetched.
        let dataset = try String(contentsOf: out.appendingPathComponent("exercises.json"), encoding: .utf8)
        #expect(!dataset.contains("root:x:0:0"), "an external entity was read")
        #expect(!dataset.contains(String(repeating: "a", count: 1000)), "an entity bomb was expanded")
        // Nothing outside the output folder was written, moved or removed.
        #expect(try Self.everythingBut("output", in: dir) == beside)
    }

    /// An output folder that cannot be made (a file stands where it would go): one plain error,
    /// exit status 1, no crash, nothing written anywhere.
    @Test func anOutputThatCannotBeMadeIsOneClearError() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try Data(HostileCorpus.goodPage.utf8).write(to: pages.appendingPathComponent("good.md"))
        try Data("not a folder".utf8).write(to: dir.appendingPathComponent("blocker"))
        try Data(#"{"input": "pages", "output": "blocker/out", "exporters": [{"format": "json-dataset"}]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        let before = try Self.everythingBut("", in: dir)
        let result = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("pipeline.json").path])
        #expect(result.status == 73, "status \(result.status)")
        // One plain sentence: the path and the system's reason, not Foundation's error dump.
        #expect(result.stderr == "exercise-pipeline: the output cannot be written: \(dir.path)/blocker/out: not a directory (a file stands where a folder is needed)\n")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(try Self.everythingBut("", in: dir) == before)
    }

    /// A full disk, simulated with a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored: writes past it
    /// fail with EFBIG as they would with ENOSPC): the run ends with errors naming the files, not
    /// a crash, leaves no temporary files, and every file it lists in its manifest is whole.
    /// (Not under ThreadSanitizer, whose own runtime dies with SIGBUS under a file-size limit.)
    @Test(.disabled(if: ProcessInfo.processInfo.environment["EXERCISE_PIPELINE_SANITIZER"] == "thread", "ThreadSanitizer's runtime does not survive RLIMIT_FSIZE"))
    func aFullDiskEndsInErrorsNotACrashAndLeavesOnlyWholeFiles() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        for i in 0..<60 {
            try Data(HostileCorpus.page("Full Disk Squat \(i)", extra: String(repeating: "Keep the chest up and the back flat. ", count: 20)).utf8).write(to: pages.appendingPathComponent("page-\(i).md"))
        }
        try Support.writeBundledConfig(into: dir, input: "pages")
        let config = dir.appendingPathComponent("pipeline.json").path
        let result = try Support.run("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 48; exec \"$0\" run --config \"$1\" --quiet", Support.cli, config])
        // 1: some files could not be written (write-failed); 73 (EX_CANTCREAT): the run's own
        // page store could not be, and the run stopped. Either way the message names the cause.
        #expect(result.status == 1 || result.status == 73, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("File too large"), "\(result.stderr)")
        let out = dir.appendingPathComponent("output")
        let files = Support.allFiles(under: out)
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "temporary files left: \(files.filter { $0.hasSuffix(".tmp") })")
        // Each file the manifest lists is there at the size it gives (no half-written file).
        if let manifest = try? String(contentsOf: out.appendingPathComponent(".exercise-pipeline/manifest.tsv"), encoding: .utf8) {
            for line in manifest.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 3, let size = Int(fields[1]) else { continue }
                let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(String(fields[2])).path)
                #expect((attributes[.size] as? NSNumber)?.intValue == size, "\(fields[2]) is not whole")
            }
        }
        // Once there is room again, the same run completes.
        let rerun = try Support.run(Support.cli, ["run", "--config", config, "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
    }

    /// The names and bytes (links by target) of everything under `dir` except the folder `skip`.
    static func everythingBut(_ skip: String, in dir: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ url: URL, _ relative: String) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where !relative.isEmpty || name != skip {
                let child = url.appendingPathComponent(name)
                let path = relative.isEmpty ? name : relative + "/" + name
                let attributes = try FileManager.default.attributesOfItem(atPath: child.path)
                switch attributes[.type] as? FileAttributeType {
                case .typeSymbolicLink?: out[path] = "link to " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: child.path)) ?? "?")
                case .typeDirectory?: out[path] = "folder"; try walk(child, path)
                case .typeRegular?:
                    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                    out[path] = size > 1 << 20 || (attributes[.posixPermissions] as? NSNumber)?.intValue == 0
                        ? "file of \(size) bytes" : "file " + ((try? Data(contentsOf: child).base64EncodedString()) ?? "?")
                default: out[path] = "special"
                }
            }
        }
        try walk(dir, "")
        return out
    }
}
