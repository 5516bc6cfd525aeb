import ExerciseExporters
import ExerciseModel
import ExerciseReaders
import ExerciseTaxonomy
import Foundation

/// pipeline.json, read and checked. Relative paths in it resolve against the folder holding it, so
/// `--config elsewhere/pipeline.json` works from any directory.
public struct PipelineConfig: Sendable {
    /// The folder holding pipeline.json: `source.path` is relative to it.
    public var baseDirectory: URL
    public var inputs: [String]
    /// Glob patterns (fnmatch, matched against paths relative to the base folder) to leave out.
    public var exclude: [String]
    public var output: String
    /// Lower-case extension (no dot) → reader format.
    public var importers: [String: String]
    public var transformers: [any Transformer]
    public var exporters: [any Exporter]
    public var taxonomy: Taxonomy
    /// Per-site extraction rules (`extract`).
    public var extract: ExtractConfig
    /// SHA-256 of what decides how a page converts: pipeline.json's bytes and the taxonomy
    /// extension files' (the incremental cache is keyed by it, with the tool's build).
    public var fingerprint: String = ""
    /// Exporters of the configuration that this run leaves out (`run --only`, `--skip`): their
    /// files from the last run are kept as they are.
    public var skippedExporters: [any Exporter] = []
    /// The fingerprint of pipeline.json (or of the bundled defaults) itself, before the command
    /// line's options fold into `fingerprint`: shards record it, and `merge` checks it.
    public internal(set) var sourceFingerprint = ""
    /// For `run DIR -o OUT`: the configuration the bundled defaults made, as JSON, so that
    /// `merge` can rebuild it from the shards (there is no pipeline.json to name).
    public internal(set) var bundledJSON: String?
    /// Convert pages marked drafts (`--include-drafts`); by default they are skipped with a note.
    public internal(set) var includeDrafts = false

    /// What exporters may consult: the taxonomy in force and the catalogue's reader formats.
    public var exportContext: ExportContext {
        ExportContext(taxonomy: taxonomy, readerFormats: Catalogue.readerFormats)
    }

    /// The configuration `convert` uses and a pipeline.json's omitted keys fall back to: the
    /// catalogue's readers and default stages, the built-in taxonomy, no exporters.
    public static func defaults(baseDirectory: URL) throws -> PipelineConfig {
        var config = try parse(Data(#"{"exporters": [{"format": "json"}]}"#.utf8), baseDirectory: baseDirectory)
        config.exporters = []
        return config
    }

    /// The output folder: relative to the pipeline.json's folder unless absolute.
    public var outputURL: URL {
        output.hasPrefix("/") ? URL(fileURLWithPath: output) : baseDirectory.appendingPathComponent(output)
    }

    /// Reads and validates a pipeline.json; every problem is a `ConfigError` naming its key path.
    public static func load(from url: URL) throws -> PipelineConfig {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            let inside = url.appendingPathComponent("pipeline.json")
            let hint = FileManager.default.fileExists(atPath: inside.path) ? " — did you mean \(inside.path)?" : ""
            throw ConfigError("", "is a folder; expected a pipeline.json file\(hint)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "it cannot be read (check its permissions)" : "there is no such file"
            throw ConfigError("", "cannot be read: \(reason)")
        }
        return try parse(data, baseDirectory: url.deletingLastPathComponent())
    }

    public static func parse(_ data: Data, baseDirectory: URL) throws -> PipelineConfig {
        // Strict JSON first: Foundation's decoder takes trailing commas and lets a repeated key
        // silently win, which a person editing pipeline.json should hear about.
        if let problem = JSONSyntax.firstProblem(in: [UInt8](data)) {
            throw ConfigError("", "not valid JSON at line \(problem.line), column \(problem.column): \(problem.message)")
        }
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            // (The syntax was checked above: what is left is the decoder's own limit, say a number.)
            throw ConfigError("", "not valid JSON: \(Self.describe(error))")
        }
        var root = try ConfigObject(json, path: "")
        var fingerprint = ContentHash.Running()
        fingerprint.update(data)
        let taxonomy = try loadTaxonomy(&root, baseDirectory: baseDirectory, fingerprint: &fingerprint)

        // Every section is read even when an earlier one is wrong, so one run names every problem
        // (the taxonomy aside: the stages and exporters are checked against it).
        var problems: [ConfigError] = []
        func checked<T>(_ fallback: T, _ body: () throws -> T) -> T {
            do { return try body() } catch let e as ConfigError { problems.append(e) } catch let e as ConfigErrors { problems += e.errors } catch {
                problems.append(ConfigError("", "\(error)"))
            }
            return fallback
        }
        var exclude: [String] = []
        let inputs: [String] = checked(["input"]) {
            let inputs: [String]
            switch root.value("input") {
            case nil:
                inputs = ["input"]
            case .object(let o)?:
                var input = try ConfigObject(.object(o), path: "input")
                guard let paths = try input.stringList("paths") else { throw ConfigError("input.paths", "is required") }
                inputs = paths
                exclude = try input.stringList("exclude") ?? []
                try input.finish()
            case let v?:
                inputs = try ConfigObject.stringList(v, path: "input")
            }
            if inputs.isEmpty { throw ConfigError("input", "names no input folder or file") }
            return inputs
        }
        let output: String = checked("output") {
            let output = try root.string("output") ?? "output"
            if output.isEmpty { throw ConfigError("output", "must name a folder") }
            return output
        }
        let importers = checked([:]) { try parseImporters(root.value("importers")) }
        let context = StageContext(taxonomy: taxonomy)
        let transformers = checked([]) { try parseTransformers(root.value("transformers"), context: context) }
        var misspelledExporters: String?
        let exporters: [any Exporter] = checked([]) {
            if root.value("exporters") == nil, let typo = root.misspelling(of: "exporters") {
                misspelledExporters = typo
                throw ConfigError(typo, "unknown key; did you mean 'exporters'? (exporters is required: list at least one exporter, e.g. [{\"format\": \"json\"}])")
            }
            return try parseExporters(root.value("exporters"), context: ExportContext(taxonomy: taxonomy, readerFormats: Catalogue.readerFormats))
        }
        let extract = checked(ExtractConfig()) { try ExtractConfig.parse(root.value("extract")) }
        // The schema's location, for editors (docs/pipeline.schema.json); the tool needs nothing from it.
        _ = checked(nil) { try root.string("$schema") }
        problems += root.unknownKeys().filter { $0.keyPath != misspelledExporters }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw ConfigErrors(problems) }
        var config = PipelineConfig(baseDirectory: baseDirectory, inputs: inputs, exclude: exclude, output: output,
                                    importers: importers, transformers: transformers, exporters: exporters, taxonomy: taxonomy, extract: extract)
        config.fingerprint = fingerprint.finish()
        config.sourceFingerprint = config.fingerprint
        // Where it writes, all problems at once.
        let layout = OutputLayout.overlaps(exporters) + OutputLayout.nesting(config, output: config.outputURL)
        if layout.count == 1 { throw layout[0] }
        if !layout.isEmpty { throw ConfigErrors(layout) }
        return config
    }

    private static func loadTaxonomy(_ root: inout ConfigObject, baseDirectory: URL, fingerprint: inout ContentHash.Running) throws -> Taxonomy {
        let base: Taxonomy
        switch Taxonomy.shared {
        case .success(let t): base = t
        case .failure(let e): throw ConfigError("taxonomy", "the built-in taxonomy did not load: \(e.description)")
        }
        guard let v = root.value("taxonomy") else { return base }
        let files = try ConfigObject.stringList(v, path: "taxonomy")
        var extensions: [(origin: String, file: VocabularyFile)] = []
        for (i, name) in files.enumerated() {
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : baseDirectory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ConfigError("taxonomy[\(i)]", "cannot read taxonomy extension '\(name)' (resolved to \(url.path))")
            }
            fingerprint.update(data)
            do {
                extensions.append((name, try JSONDecoder().decode(VocabularyFile.self, from: data)))
            } catch {
                throw ConfigError("taxonomy[\(i)]", "'\(name)' is not a taxonomy file (docs/taxonomy-format.md): \(describe(error))")
            }
        }
        do {
            return try base.extended(with: extensions)
        } catch let e as TaxonomyError {
            throw ConfigError("taxonomy", e.description)
        }
    }

    static func parseImporters(_ value: JSONValue?) throws -> [String: String] {
        var map: [String: String] = [:]
        guard let value else {
            for format in Catalogue.readerFormats {
                for ext in Catalogue.defaultExtensions(of: format) { map[ext] = format }
            }
            return map
        }
        guard case .array(let items) = value else { throw ConfigError("importers", "expected an array of objects, found \(value.typeName)") }
        for (i, item) in items.enumerated() {
            var o = try ConfigObject(item, path: "importers[\(i)]")
            let format = try o.requiredString("format")
            guard Catalogue.reader(for: format) != nil else {
                throw ConfigError(o.keyPath("format"), "unknown importer format '\(format)'; known: \(Catalogue.readerFormats.sorted().joined(separator: ", "))")
            }
            let exts = try o.stringList("extensions") ?? Catalogue.defaultExtensions(of: format)
            for raw in exts {
                let ext = raw.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
                if let other = map[ext], other != format {
                    throw ConfigError(o.keyPath("extensions"), "extension '.\(ext)' is already read as \(other)")
                }
                map[ext] = format
            }
            try o.finish()
        }
        return map
    }

    static func parseTransformers(_ value: JSONValue?, context: StageContext) throws -> [any Transformer] {
        guard let value else {
            return try Catalogue.defaultTransformers.map { type in
                var none = try ConfigObject(.object([:]), path: "transformers")
                return try type.init(options: &none, context: context)
            }
        }
        guard case .array(let items) = value else { throw ConfigError("transformers", "expected an array, found \(value.typeName)") }
        return try items.enumerated().map { i, item in
            let path = "transformers[\(i)]"
            var o: ConfigObject
            let name: String
            if case .string(let s) = item {
                // "normalize-taxonomy" is shorthand for {"name": "normalize-taxonomy"}.
                name = s
                o = try ConfigObject(.object([:]), path: path)
            } else {
                o = try ConfigObject(item, path: path)
                name = try o.requiredString("name")
            }
            guard let type = Catalogue.transformer(named: name) else {
                throw ConfigError(path, "unknown transformer '\(name)'; known: \(Catalogue.transformerNames.joined(separator: ", "))")
            }
            let stage = try type.init(options: &o, context: context)
            try o.finish()
            return stage
        }
    }

    static func parseExporters(_ value: JSONValue?, context: ExportContext) throws -> [any Exporter] {
        guard let value else { throw ConfigError("exporters", "is required: list at least one exporter, e.g. [{\"format\": \"json\"}]") }
        guard case .array(let items) = value else { throw ConfigError("exporters", "expected an array of objects, found \(value.typeName)") }
        // (As the schema says, minItems 1: a run that writes nothing but its report is a mistake
        // far more often than a wish.)
        guard !items.isEmpty else { throw ConfigError("exporters", "is empty: list at least one exporter, e.g. [{\"format\": \"json\"}]") }
        return try items.enumerated().map { i, item in
            var o = try ConfigObject(item, path: "exporters[\(i)]")
            let format = try o.requiredString("format")
            guard let type = Catalogue.exporter(for: format) else {
                throw ConfigError(o.keyPath("format"), "unknown exporter format '\(format)'; known: \(Catalogue.exporterFormats.joined(separator: ", "))")
            }
            let exporter = try type.init(options: &o, context: context)
            try o.finish()
            return exporter
        }
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, let ctx) = error {
            return "missing key '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        }
        if case DecodingError.typeMismatch(_, let ctx) = error { return "\(ctx.codingPath.map(\.stringValue).joined(separator: ".")): \(ctx.debugDescription)" }
        if case DecodingError.dataCorrupted(let ctx) = error {
            if let underlying = ctx.underlyingError as NSError?, let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail
            }
            return ctx.debugDescription
        }
        return "\(error)"
    }
}
