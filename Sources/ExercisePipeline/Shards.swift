import ExerciseExporters
import ExerciseModel
import Foundation

/// One of N deterministic shares of a run's inputs, chosen by a hash of each input's path, so
/// that N machines (GNU parallel, a Kubernetes Indexed Job, a Slurm array) each convert 1/N and
/// `merge` writes the output one `run` would have.
public struct Shard: Sendable, Equatable, Codable {
    /// 1…count.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// "2/8" → shard 2 of 8; nil when malformed or out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        self.init(index: k, count: n)
    }

    public func contains(_ path: String) -> Bool {
        let hex = ContentHash.hex(Array(path.utf8)).prefix(16)
        return Int(UInt64(hex, radix: 16)! % UInt64(count)) == index - 1
    }
}

/// A shard's converted pages, as `run --shard` leaves them in its partial output: the page
/// table here, the records in the shard's store beside it.
struct ShardFile: Codable {
    /// 4: the store's blobs are in `StoredForm` (3 held JSON).
    static let currentVersion = 4
    var tool = "exercise-pipeline"
    var version = ShardFile.currentVersion
    var shard: Shard
    /// The configuration the shard ran (`PipelineConfig.sourceFingerprint`): `merge` refuses a
    /// part converted with another.
    var configuration: String
    /// The bundled defaults' configuration when the shard ran without a pipeline.json.
    var bundled: String?
    /// The store beside it that holds the records (`shard-pages-<UUID>.dat`: a name per run, so a
    /// shard killed and run again never pairs a table with another run's store).
    var store: String
    var pages: [Batch.Page]
    var diagnostics: [Diagnostic]

    static let path = "\(OutputState.folder)/shard.json"
}

extension PipelineRunner {
    /// The bundled defaults' configuration the shards in `parts` ran (`run DIR --shard …`
    /// without a pipeline.json), for `merge` without --config; nil when they ran a pipeline.json.
    public static func bundledConfiguration(ofShards parts: [URL]) -> String? {
        for part in parts {
            guard let data = FileManager.default.contents(atPath: part.appendingPathComponent(ShardFile.path).path),
                  let file = try? JSONDecoder().decode(ShardFile.self, from: data) else { continue }
            return file.bundled
        }
        return nil
    }

    /// `run --shard K/N --output PART`: converts the shard's inputs and writes them, unexported,
    /// to PART for `merge`.
    public func runShard(_ shard: Shard, to part: URL) throws -> Batch {
        let state = part.appendingPathComponent(OutputState.folder)
        let previous = (try? JSONDecoder().decode(ShardFile.self, from: Data(contentsOf: part.appendingPathComponent(ShardFile.path))))?.store
        let name = "shard-pages-\(UUID().uuidString).dat"
        let store = try PageStore(creating: state.appendingPathComponent(name))
        var cache = PageCache(key: "")
        let batch = try convert(discovered: try Discovery(config: config).files(), into: store, shard: shard, cache: &cache)
        let out = OutputState.stateDirectory(part)
        let file = ShardFile(shard: shard, configuration: config.sourceFingerprint, bundled: config.bundledJSON, store: name, pages: batch.pages, diagnostics: batch.diagnostics)
        try out.write(try CanonicalJSON.data(file), to: ShardFile.path)
        if let previous, previous != name { try? FileManager.default.removeItem(at: state.appendingPathComponent(previous)) }
        return batch
    }

    /// `merge --output DIR PART...`: the shards of one run, each once, as one batch; then what
    /// `run` does after converting, so the output is byte for byte that of one run.
    public func merge(parts: [URL]) throws -> Outcome {
        var shards: [(ShardFile, PageStore)] = []
        for part in parts {
            let url = part.appendingPathComponent(ShardFile.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ConfigError("merge", "\(part.path) is not the output of `run --shard` (no \(ShardFile.path))")
            }
            let file: ShardFile
            do {
                file = try JSONDecoder().decode(ShardFile.self, from: data)
            } catch {
                throw ConfigError("merge", "\(url.path) is not a shard this version wrote: \(error)")
            }
            guard file.version == ShardFile.currentVersion else {
                throw ConfigError("merge", "\(part.path) was written by another version of exercise-pipeline (shard format \(file.version), this version reads \(ShardFile.currentVersion)); run the shards again with this version")
            }
            guard file.configuration == config.sourceFingerprint else {
                throw ConfigError("merge", "\(part.path) was converted with another configuration than this merge's (another pipeline.json, or the bundled defaults); merge with the --config the shards ran")
            }
            guard let store = PageStore(reading: part.appendingPathComponent(OutputState.folder).appendingPathComponent(file.store)) else {
                throw ConfigError("merge", "\(part.path) lacks the shard's records (\(OutputState.folder)/\(file.store))")
            }
            shards.append((file, store))
        }
        guard let count = shards.first?.0.shard.count else { throw ConfigError("merge", "name the shards' output folders to merge") }
        let indexes = shards.map(\.0.shard.index)
        guard shards.allSatisfy({ $0.0.shard.count == count }), indexes.sorted() == Array(1...count) else {
            throw ConfigError("merge", "the parts are shards \(indexes.sorted().map { "\($0)" }.joined(separator: ", ")) of \(Set(shards.map(\.0.shard.count)).sorted().map(String.init).joined(separator: "/")); every shard 1…\(count) is needed, once")
        }
        var batch = Batch()
        for (i, (file, store)) in shards.sorted(by: { $0.0.shard.index < $1.0.shard.index }).enumerated() {
            batch.stores.append(store)
            batch.pages += file.pages.map { var p = $0; p.store = i; return p }
            batch.diagnostics += file.diagnostics
        }
        // One run's order: inputs by path.
        batch.pages.sort { $0.path < $1.path }
        return try export(&batch)
    }
}
