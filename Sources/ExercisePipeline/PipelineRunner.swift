import ExerciseExporters
import ExerciseModel
import Foundation
import Synchronization

/// Runs a configured pipeline: discover → read/extract/per-record stages (in parallel, one pure
/// job per file) → batch stages → export → report.
public struct PipelineRunner: Sendable {
    public var config: PipelineConfig
    /// Replaces the configured output folder (tests, `run --output`).
    public var outputOverride: URL?
    /// Called after each file with (done, total); from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(config: PipelineConfig, outputOverride: URL? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.config = config
        self.outputOverride = outputOverride
        self.progress = progress
    }

    public struct Outcome: Sendable {
        public var report: RunReport
        public var records: [Exercise]
        public var written: [String]
        public var outputDirectory: URL
        /// 0 when every input converted, 1 when some failed (the rest were still written).
        public var exitCode: Int32 { report.totals.failed > 0 ? 1 : 0 }
    }

    public func run() throws -> Outcome {
        let discovered = try Discovery(config: config).files()
        var diagnostics = discovered.diagnostics
        var outcomes: [RunReport.FileOutcome] = discovered.rejected.map { .init(path: $0, status: "failed", id: nil) }

        // Stages up to the first batch stage run inside each file's job.
        let recordStages = config.transformers.prefix { $0 is any RecordTransformer }.compactMap { $0 as? any RecordTransformer }
        let batchStages = config.transformers.dropFirst(recordStages.count)
        let converter = PageConverter(recordStages: recordStages)

        let jobs = discovered.accepted
        let results = Mutex<[PageConverter.Result?]>(Array(repeating: nil, count: jobs.count))
        let done = Atomic<Int>(0)
        let progress = self.progress
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let result: PageConverter.Result
            switch InputFile.read(job.url, reportedAs: job.path) {
            case .success(let bytes): result = converter.convert(bytes: bytes, path: job.path, format: job.format)
            case .failure(let diagnostic): result = .init(record: nil, diagnostics: [diagnostic])
            }
            results.withLock { $0[i] = result }
            let n = done.add(1, ordering: .relaxed).newValue
            progress?(n, jobs.count)
        }

        var records: [Exercise] = []
        for (job, result) in zip(jobs, results.withLock { $0 }) {
            guard let result else { continue }
            diagnostics += result.diagnostics
            if let record = result.record { records.append(record) }
            outcomes.append(.init(path: job.path, status: result.record == nil ? "failed" : "converted", id: nil))
        }
        for stage in batchStages {
            records = stage.transform(batch: records, diagnostics: &diagnostics)
        }
        records.sort { $0.id < $1.id }
        let idByPath = Dictionary(records.map { ($0.source.path, $0.id) }, uniquingKeysWith: { a, _ in a })
        outcomes = outcomes.map { o in var o = o; o.id = idByPath[o.path]; return o }

        let outputURL = outputOverride ?? config.outputURL
        let output = OutputDirectory(outputURL)
        try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        let context = ExportContext(taxonomy: config.taxonomy)
        var written: [String] = []
        for exporter in config.exporters {
            written += try exporter.export(records, to: output, context: context)
        }
        diagnostics += context.log.all
        let report = RunReport(files: outcomes, diagnostics: diagnostics)
        try output.write(try CanonicalJSON.data(report), to: "report.json")
        written.append("report.json")
        return Outcome(report: report, records: records, written: written, outputDirectory: outputURL)
    }
}

/// Finds the input files and picks a reader for each by extension.
struct Discovery {
    let config: PipelineConfig

    struct Job: Sendable {
        var url: URL
        /// Relative to the pipeline.json's folder (as `source.path` says it).
        var path: String
        var format: String
    }

    struct Result {
        var accepted: [Job] = []
        /// Paths that no reader takes: each has an error diagnostic.
        var rejected: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    func files() throws -> Result {
        var result = Result()
        var seen = Set<String>()
        for input in config.inputs {
            let root = input.hasPrefix("/") ? URL(fileURLWithPath: input) : config.baseDirectory.appendingPathComponent(input)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
                throw ConfigError("input", "'\(input)' does not exist (resolved to \(root.path))")
            }
            var found: [(URL, String)] = []
            if isDirectory.boolValue {
                // Path-based walk: per-file URL resource lookups cost more than reading the pages.
                let walker = FileManager.default.enumerator(atPath: root.path)
                while let sub = walker?.nextObject() as? String {
                    // Hidden files and folders (.git, .DS_Store, editor swap files) are not content.
                    if sub.split(separator: "/").last?.hasPrefix(".") == true {
                        if walker?.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker?.skipDescendants() }
                        continue
                    }
                    guard walker?.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
                    found.append((root.appendingPathComponent(sub), Self.join(input, sub)))
                }
            } else {
                found.append((root, Self.join(input, "")))
            }
            for (url, path) in found where !seen.contains(path) && !excluded(path) {
                seen.insert(path)
                let ext = url.pathExtension.lowercased()
                if let format = config.importers[ext] {
                    result.accepted.append(Job(url: url, path: path, format: format))
                } else {
                    result.rejected.append(path)
                    let known = config.importers.keys.sorted().map { ".\($0)" }.joined(separator: ", ")
                    result.diagnostics.append(Diagnostic(file: path, severity: .error, code: "no-reader",
                        message: "no importer reads '\(ext.isEmpty ? "(no extension)" : "." + ext)' files (known: \(known)); add the extension to an importer or exclude the file in pipeline.json input.exclude"))
                }
            }
        }
        result.accepted.sort { $0.path < $1.path }
        result.rejected.sort()
        return result
    }

    func excluded(_ path: String) -> Bool {
        config.exclude.contains { pattern in fnmatch(pattern, path, 0) == 0 || fnmatch(pattern, (path as NSString).lastPathComponent, 0) == 0 }
    }

    static func join(_ input: String, _ sub: String) -> String {
        var base = input
        while base.hasSuffix("/") && base.count > 1 { base.removeLast() }
        if base.hasPrefix("./") { base.removeFirst(2) }
        if sub.isEmpty { return base }
        return base == "." ? sub : "\(base)/\(sub)"
    }
}
