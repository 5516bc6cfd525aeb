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
    /// Convert every page again, whatever the cache says (`run --force`).
    public var force = false

    public init(config: PipelineConfig, outputOverride: URL? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.config = config
        self.outputOverride = outputOverride
        self.progress = progress
    }

    public struct Outcome: Sendable {
        public var report: RunReport
        /// The records this run wrote; empty when nothing had changed (`unchanged`), as nothing
        /// was converted.
        public var records: [Exercise]
        public var written: [String]
        public var outputDirectory: URL
        /// Paths removed from the output folder: files of records that are gone, temporary files
        /// of a killed run.
        public var removed: [String] = []
        /// Pages taken from the cache (not read or converted again), of `pages`.
        public var reused = 0
        public var pages = 0
        /// Nothing had changed: nothing was converted or written.
        public var unchanged = false
        /// 0 when every input converted and every file was written; 1 when some input failed or
        /// some record could not be written (the rest were still written).
        public var exitCode: Int32 { report.totals.errors > 0 ? 1 : 0 }
    }

    /// The pages of a run (or of one shard of it), converted, before the batch stages and export.
    public struct Batch: Sendable, Codable {
        public var records: [ExtractedRecord] = []
        public var diagnostics: [Diagnostic] = []
        public var files: [RunReport.FileOutcome] = []
    }

    public func run() throws -> Outcome {
        let outputURL = outputOverride ?? config.outputURL
        let key = PageCache.key(config: config)
        let cache = force ? PageCache(key: key) : PageCache(output: outputURL, key: key)
        let discovered = try Discovery(config: config).files()
        let inputs = discovered.accepted.map { ($0.path, $0.url) } + discovered.rejected.map { ($0, Discovery.url(of: $0, config: config)) }
        // Nothing changed since the last run: its output (and report.json) is this run's.
        let manifest = cache.totals == nil ? nil : OutputState.peek(outputURL)
        if let totals = cache.totals, let listings = cache.isNoOp(paths: inputs, output: outputURL, manifest: manifest), let manifest {
            // Still remove what a run killed since left (its temporary files).
            let removed = OutputState.removeTemporaries(outputURL, folders: Set(listings.keys), listings: listings)
            return Outcome(report: RunReport(totals: totals), records: [], written: manifest.files.keys.sorted(), outputDirectory: outputURL,
                           removed: removed, reused: inputs.count, pages: inputs.count, unchanged: true)
        }
        let previous = cache.stamps.isEmpty ? [:] : cache.loadResults(output: outputURL)
        var update = CacheUpdate()
        let batch = try convert(discovered: discovered, cache: (cache, previous), update: &update)
        for (path, url) in discovered.rejected.map({ ($0, Discovery.url(of: $0, config: config)) }) {
            if let now = PageCache.fileStamp(url) { update.stamps[path] = .init(size: now.size, modified: now.modified, sha256: "-") }
        }
        var outcome = try export(batch, previous: manifest.map { .some($0) })
        try PageCache.save(output: outputURL, key: key, totals: outcome.report.totals, stamps: update.stamps, results: update.results)
        outcome.reused = update.reused
        outcome.pages = inputs.count
        return outcome
    }

    /// What a run learns for the next: each page's stamp and result.
    struct CacheUpdate {
        var stamps: [String: PageCache.Stamp] = [:]
        var results: [String: PageConverter.Result] = [:]
        var reused = 0
    }

    /// Discovery and the per-page work, in parallel; results in input order (not completion
    /// order), so the batch is the same on every run. With a shard, only its share of the inputs.
    public func convert(shard: Shard? = nil) throws -> Batch {
        var update = CacheUpdate()
        return try convert(discovered: try Discovery(config: config).files(), shard: shard, update: &update)
    }

    func convert(discovered: Discovery.Result, shard: Shard? = nil, cache: (PageCache, [String: PageConverter.Result])? = nil, update: inout CacheUpdate) throws -> Batch {
        let mine = { (path: String) in shard?.contains(path) ?? true }
        var batch = Batch()
        batch.diagnostics = discovered.diagnostics.filter { $0.file.isEmpty ? shard == nil || shard!.index == 1 : mine($0.file) }
        batch.files = discovered.rejected.filter(mine).map { .init(path: $0, status: .failed, id: nil) }

        let converter = PageConverter(config: config)
        let jobs = discovered.accepted.filter { mine($0.path) }
        let results = Mutex<[PageConverter.Result?]>(Array(repeating: nil, count: jobs.count))
        let stamps = Mutex<[PageCache.Stamp?]>(Array(repeating: nil, count: jobs.count))
        let reused = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let progress = self.progress
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let now = PageCache.fileStamp(job.url)
            let old = cache?.0.stamps[job.path]
            var result: PageConverter.Result?
            var stamp: PageCache.Stamp?
            // Fast path: same size and modification time as when it was converted.
            if let old, let now, old.size == now.size, old.modified == now.modified, let cached = cache?.1[job.path] {
                result = cached
                stamp = old
            }
            if result == nil {
                switch InputFile.read(job.url, reportedAs: job.path) {
                case .success(let bytes):
                    let sha = ContentHash.hex(bytes)
                    // Touched but not changed: the bytes are the ones converted before.
                    if let old, old.sha256 == sha, let cached = cache?.1[job.path] {
                        result = cached
                        reused.add(1, ordering: .relaxed)
                    } else {
                        result = converter.convertPage(bytes: bytes, path: job.path, format: job.format)
                    }
                    if let now { stamp = .init(size: now.size, modified: now.modified, sha256: sha) }
                case .failure(let diagnostic):
                    result = .init(extracted: [], diagnostics: [diagnostic])
                }
            } else {
                reused.add(1, ordering: .relaxed)
            }
            results.withLock { $0[i] = result }
            stamps.withLock { $0[i] = stamp }
            let n = done.add(1, ordering: .relaxed).newValue
            progress?(n, jobs.count)
        }
        update.reused = reused.load(ordering: .relaxed)
        for (job, (result, stamp)) in zip(jobs, zip(results.withLock { $0 }, stamps.withLock { $0 })) {
            if let stamp, let result { update.stamps[job.path] = stamp; update.results[job.path] = result }
        }
        for (job, result) in zip(jobs, results.withLock { $0 }) {
            guard let result else { continue }
            batch.diagnostics += result.diagnostics
            batch.records += result.extracted
            batch.files.append(.init(path: job.path, status: result.extracted.isEmpty ? .failed : .converted, id: nil))
        }
        return batch
    }

    /// The batch stages, the id rules, every exporter, report.json and the manifest.
    public func export(_ batch: Batch) throws -> Outcome {
        try export(batch, previous: nil)
    }

    /// `previous`: the manifest when the caller has already read it (`run`'s unchanged check).
    func export(_ batch: Batch, previous known: OutputState.Manifest??) throws -> Outcome {
        var diagnostics = DiagnosticSink()
        diagnostics.append(contentsOf: batch.diagnostics)
        let converter = PageConverter(config: config)
        let records = converter.finish(batch.records, diagnostics: &diagnostics).map(\.record)
        // Each file's ids in page order: the first as `id`, all of them as `ids` when several.
        var idsByPath: [String: [(Int, String)]] = [:]
        for r in records { idsByPath[r.source.path, default: []].append((r.source.position ?? 0, r.id)) }
        let outcomes = batch.files.map { o in
            var o = o
            let ids = (idsByPath[o.path] ?? []).sorted { $0.0 < $1.0 }.map(\.1)
            o.id = ids.first
            o.ids = ids.count > 1 ? ids : nil
            return o
        }

        let outputURL = outputOverride ?? config.outputURL
        if outputOverride != nil {
            let problems = OutputLayout.nesting(config, output: outputURL)
            if !problems.isEmpty { throw ConfigErrors(problems) }
        }
        try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        let previous = known ?? OutputState.load(outputURL, diagnostics: &diagnostics)
        let earlier = previous == nil && OutputState.isEarlierVersionOutput(outputURL)
        if earlier {
            diagnostics.report(.earlierVersionOutput, "the output folder was written by an earlier version (no manifest); its files at this run's paths are replaced, nothing else is removed", file: "report.json")
        }
        let output = OutputDirectory(outputURL, owned: Set(previous?.files.keys ?? [:].keys), adoptsEarlierVersion: earlier)
        let context = config.exportContext
        // One exporter's failure never costs the others, nor report.json.
        for exporter in config.exporters {
            do {
                _ = try exporter.export(records, to: output, context: context, diagnostics: &diagnostics)
            } catch {
                diagnostics.report(.exportFailed, "the \(type(of: exporter).format) exporter stopped: \(error)", file: "pipeline.json")
            }
        }
        var written = output.ledger.files
        // report.json is written last of the outputs, so it lists what the exporters said.
        let removed = OutputState.clean(outputURL, previous: previous, written: written.merging(["report.json": ""]) { a, _ in a }, diagnostics: &diagnostics)
        let report = RunReport(files: outcomes, diagnostics: diagnostics.diagnostics)
        try output.write(try CanonicalJSON.data(report), to: "report.json")
        written = output.ledger.files
        try OutputState.save(outputURL, written: written)
        return Outcome(report: report, records: records, written: written.keys.sorted(), outputDirectory: outputURL, removed: removed)
    }
}
