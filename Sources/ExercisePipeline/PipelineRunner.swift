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
    /// The severities `onDiagnostic` shows. When nothing changed since the last run, its report's
    /// diagnostics of these severities are given again (a rerun in CI must still say what is
    /// wrong), and report.json is read only when there are some.
    public var shownSeverities: Set<Diagnostic.Severity> = Set(Diagnostic.Severity.allCases)
    /// Times each stage into this clock (`run --profile`).
    public var profile: StageClock?

    public init(config: PipelineConfig, outputOverride: URL? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.config = config
        self.outputOverride = outputOverride
        self.progress = progress
    }

    var outputURL: URL { outputOverride ?? config.outputURL }

    /// How many pages (or records, in export) between two `malloc_trim` calls.
    static let trimInterval = 256

    /// The last run's diagnostics, again, for an unchanged rerun (see `shownSeverities`).
    private func replayDiagnostics(_ totals: RunReport.Totals) {
        guard let onDiagnostic else { return }
        let counts: [Diagnostic.Severity: Int] = [.error: totals.errors, .warning: totals.warnings, .info: totals.infos]
        guard shownSeverities.contains(where: { counts[$0, default: 0] > 0 }) else { return }
        struct Diagnostics: Decodable { var diagnostics: [Diagnostic] }
        guard let data = FileManager.default.contents(atPath: outputURL.appendingPathComponent("report.json").path),
              let report = try? JSONDecoder().decode(Diagnostics.self, from: data) else { return }
        for d in report.diagnostics where shownSeverities.contains(d.severity) { onDiagnostic(d) }
    }

    public func run() throws -> Outcome {
        // A run that is refused touches nothing: the output's place and the inputs are checked
        // before the state folder (and so the output folder) is made.
        if outputOverride != nil {
            let problems = OutputLayout.nesting(config, output: outputURL)
            if !problems.isEmpty { throw ConfigErrors(problems) }
        }
        let discovered = try profile.measure("discover") { try Discovery(config: config).files() }
        let key = PageCache.key(config: config)
        let earlierVersion = OutputState.isEarlierVersionOutput(outputURL)
        // What a killed run left in the state folder, before this run starts its own.
        let swept = OutputState.removeTemporaries(outputURL, folders: [OutputState.folder, PageCache.folder], includingOutputFolder: false)
            + PageCache.removeOrphanStores(outputURL)
        var batch: Batch
        let store: PageStore
        do {
            if !force {
                // Nothing changed since the last run: its output (and report.json) is this run's.
                var probe = PageCache(output: outputURL, key: key)
                var folders: Set<String> = [""]
                if let totals = probe.totals, let files = probe.noOpFileCount(inputs: Self.inputs(discovered, config: config).map(\.path), base: config.baseDirectory.path,
                                                                              output: outputURL, folders: &folders) {
                    let removed = swept + OutputState.removeTemporaries(outputURL, folders: folders)
                    replayDiagnostics(totals)
                    return Outcome(totals: totals, outputDirectory: outputURL, removed: removed, reused: totals.files, unchanged: true, fileCount: files)
                }
            }
            store = try PageStore(creating: outputURL.appendingPathComponent(PageCache.folder).appendingPathComponent(AtomicFile.temporaryName(for: "pages.dat")))
            var cache = force ? PageCache(key: key) : PageCache(output: outputURL, key: key)
            do { batch = try convert(discovered: discovered, into: store, cache: &cache) } catch {
                try? FileManager.default.removeItem(at: store.url)
                throw error
            }
        }
        defer { try? FileManager.default.removeItem(at: store.url) }
        var outcome = try export(&batch, earlierVersion: earlierVersion)
        // The store under a name of its own, then the index that names it, then the old store
        // goes: a run killed anywhere in between leaves an index and the store it names.
        let previousStore = PageCache.indexedStore(outputURL)
        let storeName = PageCache.newStoreName()
        if rename(store.url.path, outputURL.appendingPathComponent(PageCache.folder).appendingPathComponent(storeName).path) != 0 {
            throw OutputError("cannot write \(PageCache.folder)/\(storeName): \(String(cString: strerror(errno)))")
        }
        try profile.measure("cache index") { try PageCache.save(output: outputURL, key: key, store: storeName, totals: outcome.totals, pages: batch.pages) }
        if let previousStore { try? FileManager.default.removeItem(at: outputURL.appendingPathComponent(PageCache.folder).appendingPathComponent(previousStore)) }
        outcome.reused = batch.pages.count(where: \.reused)
        outcome.removed = swept + outcome.removed
        return outcome
    }

    /// An input of the run: a file a reader takes (`job`, an index into discovery's accepted
    /// files) or one none does (-1).
    struct Input {
        var path: String
        var job: Int32
    }

    /// Every input, accepted or not, in path order (the cache index's order): discovery's two
    /// sorted lists merged.
    static func inputs(_ discovered: Discovery.Result, config: PipelineConfig) -> [Input] {
        var out: [Input] = []
        out.reserveCapacity(discovered.accepted.count + discovered.rejected.count)
        var a = 0, r = 0
        while a < discovered.accepted.count || r < discovered.rejected.count {
            if r == discovered.rejected.count || (a < discovered.accepted.count && discovered.accepted[a].path < discovered.rejected[r]) {
                out.append(Input(path: discovered.accepted[a].path, job: Int32(a)))
                a += 1
            } else {
                out.append(Input(path: discovered.rejected[r], job: -1))
                r += 1
            }
        }
        return out
    }

    /// Discovery and the per-page work, in parallel; pages in input order (not completion
    /// order), so the batch is the same on every run. With a shard, only its share of the inputs.
    func convert(discovered: Discovery.Result, into store: PageStore, shard: Shard? = nil, cache: inout PageCache) throws -> Batch {
        let mine = { (path: String) in shard?.contains(path) ?? true }
        var batch = Batch()
        batch.stores = [store]
        batch.diagnostics = discovered.diagnostics.filter { $0.file.isEmpty ? shard == nil || shard!.index == 1 : mine($0.file) }
        let all = Self.inputs(discovered, config: config)
        let inputs = shard == nil ? all : all.filter { mine($0.path) }
        // The previous run's entries, only for the inputs it had (none on a first run).
        var cached: [PageCache.Entry] = [], cachedIndex: [Int32] = []
        cachedIndex.reserveCapacity(inputs.count)
        for input in inputs {
            if let entry = cache.entry(for: input.path) {
                cachedIndex.append(Int32(cached.count))
                cached.append(entry)
            } else {
                cachedIndex.append(-1)
            }
        }
        var timed = PageConverter(config: config)
        timed.clock = profile
        let (converter, clock) = (timed, profile)
        // Each job writes its own element of the preallocated table: no lock, no second copy.
        var pages = [Batch.Page](repeating: Batch.Page(path: "", converted: false, store: 0, keys: [], counts: .init()), count: inputs.count)
        let failure = Locked<(any Error)?>(nil)
        let done = Atomic<Int>(0)
        let progress = self.progress
        let previous = cache.store
        let (work, entries, entryIndex, jobs, base) = (inputs, cached, cachedIndex, discovered.accepted, config.baseDirectory.path)
        pages.withUnsafeMutableBufferPointer { table in
            nonisolated(unsafe) let table = table
            Parallel.perform(iterations: work.count) { i in
                let input = work[i]
                do {
                    table[i] = try Self.page(input.job < 0 ? nil : jobs[Int(input.job)], path: input.path, file: Discovery.file(of: input.path, base: base),
                                             cached: entryIndex[i] < 0 ? nil : entries[Int(entryIndex[i])], previous: previous, store: store, converter: converter, clock: clock)
                } catch {
                    failure.withLock { $0 = error }
                }
                let n = done.add(1, ordering: .relaxed).newValue
                // The footprint follows what the run holds, not what it once held (`Memory`).
                if n % Self.trimInterval == 0 { Memory.trim() }
                progress?(n, work.count)
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        batch.pages = pages
        return batch
    }

    /// One input's page: taken from the cache when its bytes are the ones converted before, else
    /// read and converted; its records and diagnostics stored. A file no reader takes (`job` nil)
    /// is a failed page whose diagnostic discovery gave.
    static func page(_ job: Discovery.Job?, path: String, file: String, cached: PageCache.Entry?, previous: PageStore?, store: PageStore, converter: PageConverter, clock: StageClock? = nil) throws -> Batch.Page {
        guard let job else {
            let now = PageCache.fileStamp(file)
            return Batch.Page(path: path, converted: false, store: 0, keys: [], counts: .init(), stamp: now.map { .init(size: $0.size, modified: $0.modified) })
        }
        // A page the cache has no entry for is stamped as it is opened (fstat), not stat(2)ed first.
        var now = cached == nil ? nil : PageCache.fileStamp(file)
        // Fast path: same size and modification time as when it was converted.
        if let cached, let now, cached.stamp.size == now.size, cached.stamp.modified == now.modified, cached.stamp.sha256 != nil,
           let page = try reuse(cached, previous: previous, store: store) {
            return page
        }
        var opened: (size: Int, modified: Int64)?
        switch clock.measure("read", { InputFile.read(atPath: file, reportedAs: path, stamp: &opened) }) {
        case .success(let bytes):
            if cached == nil { now = opened }
            let digest = ContentHash.digest(bytes)
            let stamp = now.map { PageCache.Stamp(size: $0.size, modified: $0.modified, sha256: digest) }
            // Touched but not changed: the bytes are the ones converted before.
            if let cached, cached.stamp.sha256 == digest, var page = try reuse(cached, previous: previous, store: store) {
                page.stamp = stamp
                return page
            }
            let result = converter.convertPage(bytes: bytes, path: path, format: job.format, digest: digest)
            let (records, diagnostics) = try clock.measure("store") { try store.append(result.records, result.diagnostics) }
            return Batch.Page(path: path, converted: !result.extracted.isEmpty, store: 0, records: records, diagnostics: diagnostics,
                              keys: result.keys(page: 0).map { .init(id: $0.id, position: $0.position, nameLine: $0.nameLine) },
                              counts: .init(result.diagnostics), stamp: stamp, skipped: result.skipped)
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
