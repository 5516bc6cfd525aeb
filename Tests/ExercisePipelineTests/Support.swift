import ExerciseModel
import Foundation
import Testing
@testable import ExercisePipeline
import ExerciseTaxonomy
import ExerciseExporters

/// Paths and helpers shared by the tests.
enum Support {
    /// The package root (this file is Tests/ExercisePipelineTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` beside the checkout: the corpus, the seed page and the validator.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static let seed = shared.appendingPathComponent("seed/000_a9738b15a4fc8d39.txt")

    static var taxonomy: Taxonomy {
        switch Taxonomy.shared {
        case .success(let t): return t
        case .failure(let e): fatalError("built-in taxonomy does not load: \(e)")
        }
    }

    /// The default configuration, as `convert` uses it (the catalogue's stages and readers).
    static let defaults: PipelineConfig = try! PipelineConfig.defaults(baseDirectory: root)
    /// The conversion `convert` and `run` share, with the default stages.
    static let converter = PageConverter(config: defaults)
    static var exportContext: ExportContext { defaults.exportContext }

    /// Converts one page in memory exactly as `convert` does.
    static func convert(_ text: String, path: String = "page.md", format: String = "markdown") -> PageConverter.Result {
        convert(bytes: Array(text.utf8), path: path, format: format)
    }

    static func convert(bytes: [UInt8], path: String = "page.md", format: String = "markdown", defaultName: String? = nil) -> PageConverter.Result {
        converter.convert(bytes: bytes, path: path, format: format, defaultName: defaultName)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exercise-pipeline-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion, feeding `stdin`; output is read concurrently so large outputs
    /// cannot dead-lock on a full pipe.
    /// A process still running after `timeout` seconds is killed (status 9 from the signal), so a
    /// hang fails the test instead of stalling the suite.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil, cwd: URL? = nil, timeout: Double = 120) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inPipe
        try p.run()
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try inPipe.fileHandleForWriting.close()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let watchdog = DispatchWorkItem { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        watchdog.cancel()
        return ProcessResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The built `exercise-pipeline` executable (swift test builds it beside the test bundle).
    static var cli: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("exercise-pipeline")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/exercise-pipeline").path
    }

    static var python: String { "/usr/bin/env" }

    static func pythonRun(_ args: [String], stdin: Data? = nil) throws -> ProcessResult {
        try run(python, ["python3"] + args, stdin: stdin)
    }

    /// The bundled pipeline.json, reading `input` instead of `input/`, written into `dir`.
    static func writeBundledConfig(into dir: URL, input: String) throws {
        var config = try String(contentsOf: root.appendingPathComponent("pipeline.json"), encoding: .utf8)
        config = config.replacingOccurrences(of: #""input": "input""#, with: #""input": "\#(input)""#)
        try config.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
    }

    /// Every file under a folder with its bytes, for comparing two outputs.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        Dictionary(uniqueKeysWithValues: try files(under: folder).map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    /// Every regular file under a folder, as sorted relative paths, the incremental cache aside
    /// (its index holds the inputs' modification times, which differ between checkouts).
    static func files(under dir: URL) -> [String] {
        allFiles(under: dir).filter { !$0.hasPrefix(".exercise-pipeline/cache/") }
    }

    static func allFiles(under dir: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])
        var out: [String] = []
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                out.append(String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1)))
            }
        }
        return out.sorted()
    }
}

extension PipelineRunner.Outcome {
    /// report.json's diagnostics; a report that cannot be read fails the test.
    var reportedDiagnostics: [Diagnostic] {
        do { return try report.diagnostics } catch {
            Issue.record("report.json cannot be read: \(error)")
            return []
        }
    }
}
