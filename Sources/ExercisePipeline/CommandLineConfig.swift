import ExerciseExporters
import ExerciseModel
import Foundation

/// What `run` and `convert` change in a configuration from the command line: the inputs given as
/// arguments, a run without any pipeline.json (the bundled defaults), the exporters `--only` and
/// `--skip` select. Everything still goes through `parse`, so a value given on the command line is
/// checked exactly as the same value in pipeline.json.
extension PipelineConfig {
    /// The exporters a run without a pipeline.json writes: every format, each at its usual path
    /// (the bundled pipeline.json has the same list, with an example `baseURL`).
    public static let bundledExporters: [(format: String, options: [String: JSONValue])] = [
        ("json", ["path": "json"]),
        ("json-dataset", ["path": "exercises.json"]),
        ("ndjson", ["path": "exercises.ndjson"]),
        ("json-schema", ["path": "schema/exercise.schema.json"]),
        ("csv", ["path": "exercises.csv", "datapackage": "datapackage.json", "longTables": true]),
        ("jsonld", ["path": "jsonld"]),
        ("html", ["path": "html"]),
        ("free-exercise-db", ["path": "free-exercise-db/exercises.json"]),
        ("exercisedb", ["path": "exercisedb/exercises.json"]),
        ("taxonomy", ["path": "taxonomy.json"]),
        ("sqlite", ["path": "exercises.sqlite"]),
    ]

    /// The formats that take a `baseURL` (the page URL of each exercise): `TakesBaseURL`'s.
    static var baseURLFormats: Set<String> { Set(Catalogue.exporters.filter { $0 is any TakesBaseURL.Type }.map { $0.format }) }

    /// A run without a pipeline.json (`run content/ -o out/`): the bundled defaults over `inputs`
    /// into `output`, both relative to `baseDirectory` (the working directory). `baseURL`, when
    /// given, goes to every exporter that takes one, checked as pipeline.json's would be.
    public static func bundled(inputs: [String], output: String, baseURL: String? = nil, baseDirectory: URL) throws -> PipelineConfig {
        let exporters: [JSONValue] = bundledExporters.map { format, options in
            var object = options
            object["format"] = .string(format)
            if let baseURL, baseURLFormats.contains(format) { object["baseURL"] = .string(baseURL) }
            return .object(object)
        }
        // The output folder is set after parsing, so it is not part of the fingerprint: the shards
        // of one run write to different folders and still ran one configuration.
        let json = JSONValue.object(["input": .array(inputs.map(JSONValue.string)), "exporters": .array(exporters)])
        do {
            var config = try parse(CanonicalJSON.data(json), bundledIn: baseDirectory)
            config.output = output
            if output.isEmpty { throw ConfigError("--output", "must name a folder") }
            return config
        } catch let error as ConfigError where error.keyPath.hasSuffix(".baseURL") {
            throw ConfigError("--base-url", error.message)
        }
    }

    /// The bundled defaults a shard recorded (`bundledJSON`), for `merge`.
    public static func parse(_ data: Data, bundledIn baseDirectory: URL) throws -> PipelineConfig {
        var config = try parse(data, baseDirectory: baseDirectory)
        config.bundledJSON = String(decoding: data, as: UTF8.self)
        return config
    }

    /// The inputs named on the command line instead of the configured ones; relative paths are
    /// relative to the working directory, not to the pipeline.json's folder.
    public mutating func replaceInputs(with paths: [String], workingDirectory: URL) {
        inputs = paths.map { $0.hasPrefix("/") ? $0 : workingDirectory.appendingPathComponent($0).standardizedFileURL.path }
        exclude = []
    }

    /// A command-line option that changes what a run does, folded into the cache's fingerprint
    /// (`sourceFingerprint` stays pipeline.json's own).
    private mutating func fold(intoFingerprint option: String) {
        fingerprint = ContentHash.hex(Array("\(fingerprint) \(option)".utf8))
    }

    /// `--include-drafts`: pages marked drafts convert too (a different run for the cache).
    public mutating func includingDrafts() {
        includeDrafts = true
        fold(intoFingerprint: "drafts")
    }

    /// Keeps the exporters `only` names (all when nil) minus those `skip` names. The others stay
    /// in `skippedExporters`: their files from the last run are kept, not cleaned up as stale.
    /// A format the configuration has no exporter for is an error naming the ones it has.
    public mutating func selectExporters(only: [String]?, skip: [String]) throws {
        let formats = exporters.map { type(of: $0).format }
        for (option, names) in [("--only", only ?? []), ("--skip", skip)] {
            for name in names where !formats.contains(name) {
                let known = Catalogue.exporter(for: name) == nil ? "there is no exporter format '\(name)'" : "the configuration has no '\(name)' exporter"
                throw ConfigError(option, "\(known); it has: \(formats.joined(separator: ", "))")
            }
        }
        let keep = { (format: String) in (only?.contains(format) ?? true) && !skip.contains(format) }
        guard exporters.contains(where: { keep(type(of: $0).format) }) else {
            throw ConfigError(only == nil ? "--skip" : "--only", "selects no exporter: nothing would be written")
        }
        skippedExporters += exporters.filter { !keep(type(of: $0).format) }
        exporters = exporters.filter { keep(type(of: $0).format) }
        // A run that writes fewer exporters is not the run the cache remembers.
        fold(intoFingerprint: "exporters \(exporters.map { type(of: $0).format })")
    }
}
