import ExerciseExporters
import ExerciseModel
import Foundation

/// `convert`, pandoc's way: pages in, one format out as bytes (stdout or one file). The pages go
/// through what `run` does to them — the configured readers, transformers and id rules — and the
/// bytes are exactly what the exporter writes in a run, taken from a scratch folder: `convert`
/// has no output logic of its own to drift from `run`'s.
public struct Conversion: Sendable {
    public let config: PipelineConfig
    public let exporter: any Exporter

    /// The `--to` format as the configuration has it (with its options), or with its defaults
    /// when the configuration has none; `baseURL` (`--base-url`) is checked as pipeline.json's is.
    public init(config: PipelineConfig, format: String, baseURL: String?) throws {
        guard let type = Catalogue.exporter(for: format) else {
            throw ConfigError("--to", "unknown format '\(format)'; known: \(Catalogue.exporterFormats.joined(separator: ", "))")
        }
        if baseURL != nil, !PipelineConfig.baseURLFormats.contains(format) {
            throw ConfigError("--base-url", "applies to --to \(PipelineConfig.baseURLFormats.sorted().joined(separator: " and ")) only, not \(format)")
        }
        // The configured exporter of that format keeps its options (a urlPattern, say); --base-url
        // replaces only its base URL.
        var chosen: any Exporter
        if let configured = config.exporters.first(where: { Swift.type(of: $0).format == format }) {
            chosen = configured
        } else {
            var none = try ConfigObject(.object([:]), path: "--to")
            chosen = try type.init(options: &none, context: config.exportContext)
        }
        if let baseURL, let takes = chosen as? any TakesBaseURL {
            do {
                chosen = try takes.with(baseURL: baseURL)
            } catch let error as ConfigError {
                throw ConfigError("--base-url", error.message)
            }
        }
        exporter = chosen
        var single = config
        single.exporters = [exporter]
        self.config = single
    }

    /// Records already converted (one page read from stdin or a file): the exporter's bytes.
    public func render(_ records: [Exercise], diagnostics: inout DiagnosticSink) throws -> Data {
        try withScratchFolder { folder in
            try exporter.export(records, to: OutputDirectory(folder), context: config.exportContext, diagnostics: &diagnostics)
            return try Self.collect(exporter, in: folder)
        }
    }

    /// Files and folders, converted as one batch by `run`'s runner (ids unique across them):
    /// the exporter's bytes (nil when no page gave a record) and the run's outcome. Paths are
    /// relative to `workingDirectory`, as diagnostics name them.
    public func run(inputs: [String], workingDirectory: URL, onDiagnostic: (@Sendable (Diagnostic) -> Void)?) throws -> (data: Data?, totals: RunReport.Totals) {
        var batch = config
        batch.baseDirectory = workingDirectory
        batch.inputs = inputs
        batch.exclude = []
        return try withScratchFolder { folder in
            var runner = PipelineRunner(config: batch, outputOverride: folder)
            runner.force = true
            runner.onDiagnostic = onDiagnostic
            let outcome = try runner.run()
            return (outcome.totals.converted > 0 ? try Self.collect(exporter, in: folder, array: true) : nil, outcome.totals)
        }
    }

    private func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exercise-pipeline-convert-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// The exporter's main output in `folder`: its (first) file; or, for a per-record format,
    /// each record's main file in id order — one as it is, several as one JSON array for JSON
    /// formats and one after the other otherwise. `array`: JSON formats give an array even for
    /// one record (a batch of files or folders: its shape must not depend on how many converted).
    static func collect(_ exporter: any Exporter, in folder: URL, array: Bool = false) throws -> Data {
        guard let main = exporter.outputs.first else { return Data() }
        let url = folder.appendingPathComponent(main.path)
        guard case .folder = main, let perRecord = exporter as? any PerRecordExporter else { return try Data(contentsOf: url) }
        let suffix = perRecord.fileSuffix
        let ids = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
        let files = try ids.map { try Data(contentsOf: url.appendingPathComponent($0 + suffix)) }
        let json = suffix.hasSuffix(".json") || suffix.hasSuffix(".jsonld")
        guard files.count > 1 || (array && json) else { return files.first ?? Data() }
        guard json else { return files.reduce(Data(), +) }
        return try CanonicalJSON.data(JSONValue.array(files.map { try JSONDecoder().decode(JSONValue.self, from: $0) }))
    }
}
