import ExerciseModel
import Foundation
import Synchronization

public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The output folder. Every file appears whole or not at all: it is written to a temporary file in
/// the same folder and renamed over the target, so a crash never leaves half a file. The folder
/// keeps a ledger of what this run wrote (with each file's hash) for the manifest, and never
/// replaces a file it did not write: a file that is not in the previous run's manifest is only
/// taken over when it already holds exactly the bytes to be written.
public struct OutputDirectory: Sendable {
    public let url: URL
    /// Files the previous run wrote (its manifest), relative to `url`.
    public let owned: Set<String>
    /// The folder was written by a version of the tool from before the manifest: the files this
    /// run writes may replace what is there (nothing else is touched).
    public let adoptsEarlierVersion: Bool
    public let ledger = WriteLedger()

    public init(_ url: URL, owned: Set<String> = [], adoptsEarlierVersion: Bool = false) {
        self.url = url
        self.owned = owned
        self.adoptsEarlierVersion = adoptsEarlierVersion
    }

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
        let existing = FileManager.default.contents(atPath: target.path)
        if let existing, existing == data {
            ledger.record(relative, hash: ContentHash.hex(data))
            return
        }
        if existing != nil { try checkMayReplace(relative) }
        let file = try AtomicFile(self, relative)
        try file.append(data)
        try file.commit()
    }

    /// A file that exists at `relative` may be replaced only when the previous run wrote it.
    func checkMayReplace(_ relative: String) throws {
        guard owned.contains(relative) || adoptsEarlierVersion else {
            throw OutputError("\(relative) exists and was not written by exercise-pipeline (it is not in the output manifest); it was not replaced — move it, or choose another output path")
        }
    }

    /// Per-record exporters: one `<id>.<suffix>` per record in `folder`, written in parallel (each
    /// file's bytes depend only on its record). A record that cannot be rendered or written is an
    /// error diagnostic naming the record and the exporter; every other record is still written.
    /// Returns the paths written, relative to the output folder, in record order.
    public func writeRecords(_ records: [Exercise], folder: String, suffix: String, exporter: String,
                             diagnostics: inout DiagnosticSink, render: @Sendable (Exercise) throws -> Data) -> [String] {
        let names = records.map { "\(folder)/\($0.id)\(suffix)" }
        let failures = Mutex<[Int: String]>([:])
        DispatchQueue.concurrentPerform(iterations: records.count) { i in
            do {
                try write(try render(records[i]), to: names[i])
            } catch {
                failures.withLock { $0[i] = "\(error)" }
            }
        }
        let failed = failures.withLock { $0 }
        for (i, reason) in failed.sorted(by: { $0.key < $1.key }) {
            diagnostics.report(.writeFailed, "record '\(records[i].id)' was not written by the \(exporter) exporter: \(reason)", file: records[i].source.path)
        }
        return names.enumerated().filter { failed[$0.offset] == nil }.map(\.element)
    }
}

/// What one run wrote: path → SHA-256 of the bytes. Thread-safe (per-record files are written in
/// parallel).
public final class WriteLedger: Sendable {
    private let entries = Mutex<[String: String]>([:])
    public init() {}
    public func record(_ path: String, hash: String) { entries.withLock { $0[path] = hash } }
    public var files: [String: String] { entries.withLock { $0 } }
}

/// A file being written in pieces (dataset exporters stream records into it), made visible only by
/// `commit()`.
public final class AtomicFile: @unchecked Sendable {
    private let output: OutputDirectory
    private let relative: String
    private let target: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var hash = ContentHash.Running()

    /// The temporary file's name: hidden, beside its target, and recognisable (`AtomicFile.isTemporary`)
    /// so that a later run can remove what a killed run left.
    public static func temporaryName(for name: String) -> String { ".\(name).\(UUID().uuidString).tmp" }

    /// `.<name>.<UUID>.tmp`: a temporary file of this tool's. (Also `.dat.nosyncXXXX.XXXXXX`, which
    /// Foundation's atomic file creation left when earlier versions were killed mid-write.)
    public static func isTemporary(_ name: String) -> Bool {
        if name.hasPrefix(".dat.nosync"), name.count == 24 { return true }
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard let uuid = parts.last, uuid.count == 36 else { return false }
        return UUID(uuidString: String(uuid)) != nil
    }

    public init(_ output: OutputDirectory, _ relative: String) throws {
        self.output = output
        self.relative = relative
        target = try output.resolve(relative)
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        temporary = folder.appendingPathComponent(Self.temporaryName(for: target.lastPathComponent))
        // open(2) itself, not FileManager.createFile: Foundation creates files through a temporary
        // of its own, which a killed run would leave behind under a name of Foundation's.
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError("cannot create a file in \(folder.path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    public func append(_ data: Data) throws {
        buffer.append(data)
        hash.update(data)
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
        let digest = hash.finish()
        if FileManager.default.fileExists(atPath: target.path) {
            // The same bytes: nothing to replace (and a file the tool did not write is safe).
            if let existing = FileManager.default.contents(atPath: target.path), ContentHash.hex(existing) == digest {
                try? FileManager.default.removeItem(at: temporary)
                output.ledger.record(relative, hash: digest)
                return
            }
            do { try output.checkMayReplace(relative) } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
        }
        if rename(temporary.path, target.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError("cannot write \(relative): \(String(cString: strerror(code)))")
        }
        output.ledger.record(relative, hash: digest)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}

extension DiagnosticCode {
    static let writeFailed = DiagnosticCode("write-failed", .error,
        "One record could not be written by one exporter (the message names both and why); every other record and exporter still ran. Fix the cause (a file in the way, a full disk) and run again.")
}
