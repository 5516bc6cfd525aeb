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

/// A shard's converted pages, as `run --shard` leaves them in its partial output.
struct ShardFile: Codable {
    var tool = "exercise-pipeline"
    var version = 1
    var shard: Shard
    var batch: PipelineRunner.Batch

    static let path = "\(OutputState.folder)/shard.json"
}

extension PipelineRunner {
    /// `run --shard K/N --output PART`: converts the shard's inputs and writes them, unexported,
    /// to PART for `merge`.
    public func runShard(_ shard: Shard, to part: URL) throws -> Batch {
        let batch = try convert(shard: shard)
        try FileManager.default.createDirectory(at: part, withIntermediateDirectories: true)
        let out = OutputDirectory(part, owned: [ShardFile.path])
        try out.write(try CanonicalJSON.data(ShardFile(shard: shard, batch: batch)), to: ShardFile.path)
        return batch
    }

    /// `merge --output DIR PART...`: the shards of one run, each once, as one batch; then what
    /// `run` does after converting, so the output is byte for byte that of one run.
    public func merge(parts: [URL]) throws -> Outcome {
        var shards: [ShardFile] = []
        for part in parts {
            let url = part.appendingPathComponent(ShardFile.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ConfigError("merge", "\(part.path) is not the output of `run --shard` (no \(ShardFile.path))")
            }
            do {
                shards.append(try JSONDecoder().decode(ShardFile.self, from: data))
            } catch {
                throw ConfigError("merge", "\(url.path) is not a shard this version wrote: \(error)")
            }
        }
        guard let count = shards.first?.shard.count else { throw ConfigError("merge", "name the shards' output folders to merge") }
        let indexes = shards.map(\.shard.index)
        guard shards.allSatisfy({ $0.shard.count == count }), indexes.sorted() == Array(1...count) else {
            throw ConfigError("merge", "the parts are shards \(indexes.sorted().map { "\($0)" }.joined(separator: ", ")) of \(Set(shards.map(\.shard.count)).sorted().map(String.init).joined(separator: "/")); every shard 1…\(count) is needed, once")
        }
        var batch = Batch()
        for file in shards.sorted(by: { $0.shard.index < $1.shard.index }) {
            batch.records += file.batch.records
            batch.diagnostics += file.batch.diagnostics
            batch.files += file.batch.files
        }
        // One run's order: inputs by path, a page's records in page order.
        batch.records.sort { ($0.record.source.path, $0.record.source.position ?? 0) < ($1.record.source.path, $1.record.source.position ?? 0) }
        batch.files.sort { $0.path < $1.path }
        return try export(batch)
    }
}
