import ExerciseExporters
import ExerciseModel
import Foundation

extension PipelineRunner {
    public struct Outcome: Sendable {
        public var totals: RunReport.Totals
        public var outputDirectory: URL
        /// Paths removed from the output folder: files of records that are gone, temporary files
        /// of a killed run.
        public var removed: [String] = []
        /// Pages taken from the cache (not read or converted again), of `pages`.
        public var reused = 0
        public var pages: Int { totals.files }
        /// Nothing had changed: nothing was converted or written.
        public var unchanged = false
        /// How many files the output's manifest lists (everything this run wrote or kept).
        public var fileCount = 0
        var batch: Batch?
        var order: [Batch.Ref] = []

        /// 0 when every input converted and every file was written; 1 when some input failed or
        /// some record could not be written (the rest were still written).
        public var exitCode: Int32 { totals.errors > 0 ? 1 : 0 }

        /// report.json as written (read back whole: for small runs and tests).
        public var report: RunReport {
            get throws { try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: outputDirectory.appendingPathComponent("report.json"))) }
        }

        /// The records this run wrote, in id order, read back from its store (for small runs and
        /// tests); empty when nothing had changed (`unchanged`), as nothing was converted.
        public var records: [Exercise] {
            get throws {
                guard let batch else { return [] }
                var decoded: [Int: [Exercise]] = [:]
                return try order.map { ref in
                    if decoded[ref.page] == nil { decoded[ref.page] = try batch.records(of: batch.pages[ref.page]) }
                    var r = decoded[ref.page]![ref.index]
                    r.id = batch.finalID(ref)
                    return r
                }
            }
        }

        /// The files the manifest lists (but the manifest itself), sorted.
        public var written: [String] {
            var paths: [String] = []
            _ = OutputState.forEachOwnedFile(outputDirectory) { path, _ in paths.append(path) }
            return paths.sorted()
        }
    }

    /// How many records travel to the writers at once: enough for the per-record writers to keep
    /// every core busy, few enough that memory does not notice.
    static let chunkSize = 64

    /// The batch stages, the id rules, every exporter (records streamed from the store in id
    /// order), report.json and the manifest.
    /// `earlierVersion`: whether the output folder is an earlier version's, when the caller asked
    /// before making the state folder (`run`); else it is asked here.
    func export(_ batch: inout Batch, earlierVersion: Bool? = nil) throws -> Outcome {
        var sink = DiagnosticSink()
        var keys = profile.measure("batch stages") { PageConverter(config: config).finish(batch.recordKeys, diagnostics: &sink) }
        // A record is unchanged when its page came from the cache and it keeps last run's id.
        let unchanged = keys.map { key in batch.pages[key.page].reused && batch.pages[key.page].keys[key.index].finalID == key.id }
        for key in keys {
            let own = batch.pages[key.page].keys[key.index].id
            batch.pages[key.page].keys[key.index].exportedAs = key.id == own ? nil : key.id
        }
        // From here on the pages hold the final ids; the order is all that is kept of the keys.
        let order = keys.map { Batch.Ref(page: $0.page, index: $0.index) }
        keys = []

        if outputOverride != nil {
            let problems = OutputLayout.nesting(config, output: outputURL)
            if !problems.isEmpty { throw ConfigErrors(problems) }
        }
        try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        let previous = OutputState.load(outputURL, diagnostics: &sink)
        let earlier = previous == nil && (earlierVersion ?? OutputState.isEarlierVersionOutput(outputURL))
        if earlier {
            sink.report(.earlierVersionOutput, "the output folder was written by an earlier version (no manifest); its files at this run's paths are replaced, nothing else is removed", file: "report.json")
        }
        let late = try LateDiagnostics(pages: batch.pages, spillIn: outputURL.appendingPathComponent(OutputState.folder))
        try late.add(batch.diagnostics + sink.diagnostics)
        var owned = previous ?? OwnedFiles()
        for report in OutputState.reportsOfAKilledRun(outputURL, owned: owned) { owned.insert(report.path, report.file) }
        let output = OutputDirectory(outputURL, owned: owned, adoptsEarlierVersion: earlier)
        // report.html is filled by the passes report.json and the exporters make anyway.
        let page = try ReportPage(taxonomy: config.taxonomy, spillIn: outputURL.appendingPathComponent(OutputState.folder))
        let pageBlocked = ReportPage.blocked(output)
        if let pageBlocked { try late.add([pageBlocked]) }
        let writers = try stream(batch, order: order, unchanged: unchanged, to: output, late: late, page: page)

        // The files of exporters this run skips stay the tool's, as the last run wrote them.
        let ledgers = writers.map(\.ledger) + [OutputState.keptFiles(outputURL, claims: config.skippedExporters.flatMap(\.outputs))]
        let reports = [ContentHash.PathKey("report.json"), ContentHash.PathKey(ReportPage.path)]
        var cleanup = DiagnosticSink()
        // report.json is written last of the outputs, so it lists what the exporters and cleanup said.
        let removed = OutputState.clean(outputURL, written: { key in reports.contains(key) || ledgers.contains { $0.contains(key) } },
                                        writtenFolders: ledgers.reduce(into: Set<String>()) { $0.formUnion($1.folders) }, diagnostics: &cleanup)
        try late.add(cleanup.diagnostics)
        let totals = try profile.measure("report.json") { try ReportWriter.write(batch, late: late, to: output, page: page, onDiagnostic: onDiagnostic) }
        if pageBlocked == nil { try profile.measure("report.html") { try page.write(totals, to: output) } }
        try profile.measure("manifest") { try OutputState.save(outputURL, ledgers: ledgers + [output.ledger]) }
        return Outcome(totals: totals, outputDirectory: outputURL, removed: removed, fileCount: ledgers.reduce(output.ledger.count) { $0 + $1.count }, batch: batch, order: order)
    }

    /// Every exporter's writer, fed the records in id order a chunk at a time; returns each
    /// writer's view of the output (its ledger lists what it wrote). One exporter's failure never
    /// costs the others, nor report.json.
    private func stream(_ batch: Batch, order: [Batch.Ref], unchanged: [Bool], to output: OutputDirectory, late: LateDiagnostics, page: ReportPage) throws -> [OutputDirectory] {
        let context = config.exportContext
        let slots = config.exporters.map { WriterSlot(exporter: $0, output: output.forWriter(), clock: profile) }
        var failures: [Diagnostic] = []
        for slot in slots {
            do { slot.writer = try slot.exporter.open(slot.output, context: context) } catch { failures.append(slot.failed(error)) }
        }
        try late.add(failures)
        let chunks = (order.count + Self.chunkSize - 1) / Self.chunkSize
        let load = { (k: Int) in
            let refs = order[(k * Self.chunkSize)..<min((k + 1) * Self.chunkSize, order.count)]
            return profile.measure("read back records") { Self.chunk(batch, refs: refs, unchanged: unchanged[refs.indices]) }
        }
        let schedule = ExportSchedule(chunks: chunks, slots: slots, read: { k in
            let (chunk, unreadable) = load(k)
            page.count(chunk.records)
            return (chunk, unreadable)
        }, load: { load($0).0 }, flush: { try late.add($0) })
        try schedule.run()
        // The others finished side by side (a writer that finishes slowly has already, in the schedule).
        Parallel.perform(iterations: slots.count) { i in slots[i].finish() }
        try late.add(slots.flatMap { $0.takeDiagnostics() })
        return slots.map(\.output)
    }

    /// The records `refs` name, read from the store (each page once, in parallel) under their final ids.
    private static func chunk(_ batch: Batch, refs: ArraySlice<Batch.Ref>, unchanged: ArraySlice<Bool>) -> (RecordChunk, [Diagnostic]) {
        let pages = Array(Set(refs.map(\.page))).sorted()
        let decoded = Locked<[Int: Result<[Exercise], any Error>]>([:])
        Parallel.perform(iterations: pages.count) { i in
            let result = Result { try batch.records(of: batch.pages[pages[i]]) }
            decoded.withLock { $0[pages[i]] = result }
        }
        let byPage = decoded.withLock { $0 }
        var records: [Exercise] = [], flags: [Bool] = [], problems: [Diagnostic] = []
        for (ref, same) in zip(refs, unchanged) {
            let id = batch.finalID(ref), path = batch.pages[ref.page].path
            switch byPage[ref.page]! {
            case .success(let list) where ref.index < list.count:
                var r = list[ref.index]
                r.id = id
                records.append(r)
                flags.append(same)
            case .success:
                problems.append(Diagnostic(.exportFailed, file: path, "record '\(id)' is missing from the converted page; it was not exported"))
            case .failure(let error):
                problems.append(Diagnostic(.exportFailed, file: path, "record '\(id)' was not exported: \(error)"))
            }
        }
        return (RecordChunk(records, unchanged: flags), problems)
    }
}

/// One exporter's writer during a run, with the diagnostics it has reported since they were last
/// taken. Each writer is touched by one thread at a time (`ExportSchedule` gives a writer its
/// chunks one after another, whatever core runs it).
final class WriterSlot: @unchecked Sendable {
    let exporter: any Exporter
    let output: OutputDirectory
    let clock: StageClock?
    var writer: (any ExportWriter)?
    private var sink = DiagnosticSink()

    init(exporter: any Exporter, output: OutputDirectory, clock: StageClock?) {
        self.exporter = exporter
        self.output = output
        self.clock = clock
    }

    var stage: String { "export \(type(of: exporter).format)" }

    var isOpen: Bool { writer != nil }
    /// (`ExportWriter.finishesSlowly`; asked before the first chunk.)
    var finishesSlowly: Bool { writer?.finishesSlowly ?? false }

    func failed(_ error: any Error) -> Diagnostic {
        writer = nil
        // Named by what it writes (there may be no pipeline.json: `run DIR -o OUT`).
        return Diagnostic(.exportFailed, file: exporter.outputs.first?.path ?? type(of: exporter).format, "the \(type(of: exporter).format) exporter stopped: \(error)")
    }

    /// How long the last chunk took this writer.
    private(set) var lastNanoseconds: UInt64 = 0

    func write(_ chunk: RecordChunk) {
        guard let writer else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        do { try clock.measure(stage) { try writer.write(chunk, diagnostics: &sink) } } catch { sink.append(contentsOf: [failed(error)]) }
        lastNanoseconds = DispatchTime.now().uptimeNanoseconds - start
    }

    func finish() {
        guard let writer else { return }
        do { try clock.measure(stage) { try writer.finish(diagnostics: &sink) } } catch { sink.append(contentsOf: [failed(error)]) }
        self.writer = nil
    }

    func takeDiagnostics() -> [Diagnostic] {
        defer { sink = DiagnosticSink() }
        return sink.diagnostics
    }
}
