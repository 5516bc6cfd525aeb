import ExerciseModel
import Foundation
import Synchronization

public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The output folder. Every file appears whole or not at all: it is written to a temporary file in
/// the same folder and renamed over the target, so a crash never leaves half a file.
public struct OutputDirectory: Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url }

    /// Resolves a relative path inside the output folder; paths that would leave it are refused.
    public func resolve(_ relative: String) throws -> URL {
        let parts = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
            throw OutputError("output path '\(relative)' must be relative and stay inside the output folder")
        }
        return parts.reduce(url) { $0.appendingPathComponent(String($1)) }
    }

    /// Writes a whole file. A file that already holds exactly these bytes is left alone: a re-run
    /// over unchanged pages touches nothing, so mtimes stay meaningful for sync and deploy tools.
    public func write(_ data: Data, to relative: String) throws {
        let target = try resolve(relative)
        if let existing = FileManager.default.contents(atPath: target.path), existing == data { return }
        let file = try AtomicFile(self, relative)
        try file.append(data)
        try file.commit()
    }

    /// Per-record exporters: one `<id>.<suffix>` per record in `folder`, written in parallel (each
    /// file's bytes depend only on its record), then stale files of records that are gone removed.
    /// Returns the paths written, relative to the output folder, in record order.
    public func writeRecords(_ records: [Exercise], folder: String, suffix: String, keepingSuffix: String? = nil, render: @Sendable (Exercise) throws -> Data) throws -> [String] {
        let names = records.map { "\($0.id)\(suffix)" }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: records.count) { i in
            do {
                try write(try render(records[i]), to: "\(folder)/\(names[i])")
            } catch {
                failures.withLock { $0.append("\(folder)/\(names[i]): \(error)") }
            }
        }
        if let first = failures.withLock({ $0.sorted().first }) { throw OutputError("cannot write \(first)") }
        try removeStale(in: folder, suffix: suffix, keeping: Set(names), alsoKeepingSuffix: keepingSuffix)
        return names.map { "\(folder)/\($0)" }
    }

    /// Deletes files ending in `suffix` directly in `folder` that this run did not write: a
    /// per-record exporter owns its folder, and a record that is gone must not linger there.
    /// `alsoKeepingSuffix`: files with this longer suffix belong to another writer of the folder
    /// (`.jsonld.html` snippets beside `.html` pages).
    public func removeStale(in folder: String, suffix: String, keeping written: Set<String>, alsoKeepingSuffix: String? = nil) throws {
        let dir = try resolve(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in names where name.hasSuffix(suffix) && !written.contains(name) && !name.hasPrefix(".") {
            if let keep = alsoKeepingSuffix, name.hasSuffix(keep) { continue }
            try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
    }
}

/// A file being written in pieces (dataset exporters stream records into it), made visible only by
/// `commit()`.
public final class AtomicFile: @unchecked Sendable {
    private let target: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer = Data()

    public init(_ output: OutputDirectory, _ relative: String) throws {
        target = try output.resolve(relative)
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputError("cannot create \(temporary.path)")
        }
        handle = try FileHandle(forWritingTo: temporary)
    }

    public func append(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func append(_ string: String) throws { try append(Data(string.utf8)) }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func commit() throws {
        try flush()
        try handle.close()
        if rename(temporary.path, target.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError("cannot write \(target.path): \(String(cString: strerror(code)))")
        }
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
