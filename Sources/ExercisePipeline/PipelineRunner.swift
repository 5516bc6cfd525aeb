import ExerciseExporters
import ExerciseModel
import Foundation
import Synchronization

/// Runs a configured pipeline: discover → read/extract/per-record stages (in parallel, one pure
/// job per file, each page's records going to disk as it finishes) → batch stages over the record
/// keys → export, streaming the records back in id order → report. Memory holds the pages' keys,
/// never the batch's records.
public struct PipelineRunner: Sendable {
    public var config: PipelineConfig
    /// Replaces the configured output folder (tests, `run --output`).
    public var outputOverride: URL?
    /// Called after each file with (done, total); from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Convert every page again, whatever the cache says (`run --force`).
    public var force = false
    /// Called with every diagnostic of the run, in report order, as report.json is written.
    public var onDiagnostic: (@Sendable (Diagnostic) -> Void)?

    public init(config: PipelineConfig, outputOverride: URL? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.config = config
        self.outputOverride = outputOverride
        self.progress = progress
    }

    var outputURL: URL { outputOverride ?? config.outputURL }

    public func run() throws -> Outcome {
        let key = PageCache.key(config: config)
        let discovered = try Discovery(config: config).files()
        let inputs = Self.inputs(discovered, config: config)
        // What a killed run left in the state folder, before this run starts its own.
        let swept = OutputState.removeTemporaries(outputURL, folders: [OutputState.folder, PageCache.folder], includingOutputFolder: false)
        if !force {
            // Nothing changed since the last run: its output (and report.json) is this run's.
            var probe = PageCache(output: outputURL, key: key)
            if let totals = probe.totals, probe.isNoOp(inputs: inputs, output: outputURL) {
                let removed = swept + OutputState.removeTemporaries(outputURL, folders: OutputState.ownedFolders(outputURL))
                return Outcome(totals: totals, outputDirectory: outputURL, removed: removed, reused: inputs.count, unchanged: true)
            }
        }
        var cache = force ? PageCache(key: key) : PageCache(output: outputURL, key: key)
        let store = try PageStore(creating: outputURL.appendingPathComponent(PageCache.folder).appendingPathComponent(AtomicFile.temporaryName(for: "pages.dat")))
        var batch = try convert(discovered: discovered, into: store, cache: &cache)
        var outcome = try export(&batch)
        try PageCache.save(output: outputURL, key: key, totals: outcome.totals, pages: batch.pages)
        if rename(store.url.path, outputURL.appendingPathComponent(PageCache.storePath).path) != 0 {
            throw OutputError("cannot write \(PageCache.storePath): \(String(cString: strerror(errno)))")
        }
        outcome.reused = batch.pages.filter(\.reused).count
        outcome.removed = swept + outcome.removed
        return outcome
    }

    /// Every input, accepted or not, in path order (the cache index's order).
    static func inputs(_ discovered: Discovery.Result, config: PipelineConfig) -> [(path: String, url: URL)] {
        (discovered.accepted.map { ($0.path, $0.url) } + discovered.rejected.map { ($0, Discovery.url(of: $0, config: config)) }).sorted { $0.0 < $1.0 }
    }

    /// Discovery and the per-page work, in parallel; pages in input order (not completion
    /// order), so the batch is the same on every run. With a shard, only its share of the inputs.
    func convert(discovered: Discovery.Result, into store: PageStore, shard: Shard? = nil, cache: inout PageCache) throws -> Batch {
        let mine = { (path: String) in shard?.contains(path) ?? true }
        var batch = Batch()
        batch.stores = [store]
        batch.diagnostics = discovered.diagnostics.filter { $0.file.isEmpty ? shard == nil || shard!.index == 1 : mine($0.file) }
        let accepted = Dictionary(discovered.accepted.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var jobs: [(job: Discovery.Job?, path: String, url: URL, cached: PageCache.Entry?)] = []
        for (path, url) in Self.inputs(discovered, config: config) where mine(path) {
            jobs.append((accepted[path], path, url, cache.entry(for: path)))
        }
        let converter = PageConverter(config: config)
        let pages = Mutex<[Batch.Page?]>(Array(repeating: nil, count: jobs.count))
        let failure = Mutex<(any Error)?>(nil)
        let done = Atomic<Int>(0)
        let progress = self.progress
        let previous = cache.store
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let (job, path, url, cached) = work[i]
            do {
                let page = try Self.page(job, path: path, url: url, cached: cached, previous: previous, store: store, converter: converter)
                pages.withLock { $0[i] = page }
            } catch {
                failure.withLock { $0 = error }
            }
            progress?(done.add(1, ordering: .relaxed).newValue, work.count)
        }
        if let error = failure.withLock({ $0 }) { throw error }
        batch.pages = pages.withLock { $0 }.map { $0! }
        return batch
    }

    /// One input's page: taken from the cache when its bytes are the ones converted before, else
    /// read and converted; its records and diagnostics stored. A file no reader takes (`job` nil)
    /// is a failed page whose diagnostic discovery gave.
    static func page(_ job: Discovery.Job?, path: String, url: URL, cached: PageCache.Entry?, previous: PageStore?, store: PageStore, converter: PageConverter) throws -> Batch.Page {
        let now = PageCache.fileStamp(url)
        guard let job else {
            return Batch.Page(path: path, converted: false, store: 0, keys: [], counts: .init(), stamp: now.map { .init(size: $0.size, modified: $0.modified) })
        }
        // Fast path: same size and modification time as when it was converted.
        if let cached, let now, cached.stamp.size == now.size, cached.stamp.modified == now.modified, cached.stamp.sha256 != nil,
           let page = try reuse(cached, previous: previous, store: store) {
            return page
        }
        switch InputFile.read(job.url, reportedAs: path) {
        case .success(let bytes):
            let digest = ContentHash.digest(bytes)
            let stamp = now.map { PageCache.Stamp(size: $0.size, modified: $0.modified, sha256: digest) }
            // Touched but not changed: the bytes are the ones converted before.
            if let cached, cached.stamp.sha256 == digest, var page = try reuse(cached, previous: previous, store: store) {
                page.stamp = stamp
                return page
            }
            let result = converter.convertPage(bytes: bytes, path: path, format: job.format)
            return Batch.Page(path: path, converted: !result.extracted.isEmpty, store: 0,
                              records: try store.append(result.records), diagnostics: try store.append(result.diagnostics),
                              keys: result.keys(page: 0).map { .init(id: $0.id, position: $0.position, nameLine: $0.nameLine) },
                              counts: .init(result.diagnostics), stamp: stamp)
        case .failure(let diagnostic):
            return Batch.Page(path: path, converted: false, store: 0, diagnostics: try store.append([diagnostic]), keys: [],
                              counts: .init([diagnostic]), stamp: nil)
        }
    }

    /// The cached page, its blobs copied into this run's store; nil when they cannot be read.
    static func reuse(_ cached: PageCache.Entry, previous: PageStore?, store: PageStore) throws -> Batch.Page? {
        guard let previous else { return nil }
        var page = cached.page
        for slot in [\Batch.Page.records, \Batch.Page.diagnostics] {
            guard let old = page[keyPath: slot] else { continue }
            guard let data = previous.read(old) else { return nil }
            page[keyPath: slot] = try store.append(data)
        }
        page.reused = true
        return page
    }
}
