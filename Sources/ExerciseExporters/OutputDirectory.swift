import ExerciseModel
import Foundation

public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The output folder. Every file appears whole or not at all: it is written to a temporary file in
/// the same folder and renamed over the target, so a crash never leaves half a file. Each writer
/// gets its own view (`forWriter()`) with a ledger of what it wrote (each file's hash), for the
/// manifest; the folder never replaces a file it did not write: a file that is not in the previous
/// run's manifest is only taken over when it already holds exactly the bytes to be written.
public struct OutputDirectory: Sendable {
    public let url: URL
    /// Files the previous run wrote (its manifest).
    public let owned: OwnedFiles
    /// The folder was written by a version of the tool from before the manifest: the files this
    /// run writes may replace what is there (nothing else is touched).
    public let adoptsEarlierVersion: Bool
    public let ledger: WriteLedger
    /// `url.path`, once: per-record files are written by path, not through `URL`, whose path
    /// building showed in the profile.
    let path: String

    public init(_ url: URL, owned: OwnedFiles = OwnedFiles(), adoptsEarlierVersion: Bool = false, ledger: WriteLedger = WriteLedger()) {
        self.url = url
        path = url.path
        self.owned = owned
        self.adoptsEarlierVersion = adoptsEarlierVersion
        self.ledger = ledger
    }

    /// The same folder with a ledger of its own, so that what each exporter wrote is listed in one
    /// order (exporter by exporter) however the exporters interleave.
    public func forWriter() -> OutputDirectory {
        OutputDirectory(url, owned: owned, adoptsEarlierVersion: adoptsEarlierVersion,
                        ledger: WriteLedger(spillingTo: url.appendingPathComponent(".exercise-pipeline").appendingPathComponent(AtomicFile.temporaryName(for: "ledger")),
                                            tracksPaths: owned.count > 0))
    }

    /// Resolves a relative path inside the output folder; paths that would leave it are refused.
    public func resolve(_ relative: String) throws -> URL {
        URL(fileURLWithPath: try resolvePath(relative))
    }

    /// `resolve` as a file-system path.
    public func resolvePath(_ relative: String) throws -> String {
        guard let inside = Self.inside(relative) else {
            throw OutputError("output path '\(relative)' must be relative and stay inside the output folder")
        }
        return path + "/" + inside
    }

    /// Writes a whole file and lists it in the ledger.
    public func write(_ data: Data, to relative: String) throws {
        ledger.record(try store(data, at: relative))
    }

    /// Writes a whole file, returning its ledger entry without recording it (per-record files are
    /// written in parallel and recorded in record order). A file that already holds exactly these
    /// bytes is left alone: a re-run over unchanged pages touches nothing, so mtimes stay
    /// meaningful for sync and deploy tools.
    public func store(_ data: Data, at relative: String) throws -> WriteLedger.Entry {
        let target = try resolvePath(relative)
        let entry = WriteLedger.Entry(path: relative, digest: ContentHash.digest(data), size: data.count)
        // A path the last run did not write is nearly always free: the file goes there by a rename
        // that refuses to replace anything, which both checks and places it (no look first, and no
        // moment between the look and the rename for another file to appear and be replaced).
        // Only when something is there is it looked at, as for the paths the last run wrote.
        let likelyFree = !owned.contains(relative)
        if !likelyFree, try unchangedOrMayReplace(target, relative, data) { return entry }
        let (fd, temporary) = try AtomicFile.createTemporary(beside: target)
        let written = data.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        let code = errno
        close(fd)
        guard written else {
            unlink(temporary)
            throw OutputError("cannot write \(relative): \(String(cString: strerror(code)))")
        }
        if likelyFree {
            if Self.renameWithoutReplacing(temporary, target) == 0 { return entry }
            // Something is there (or the system cannot rename this way): look, as for the paths
            // the last run wrote.
            do {
                if try unchangedOrMayReplace(target, relative, data) {
                    unlink(temporary)
                    return entry
                }
            } catch {
                unlink(temporary)
                throw error
            }
        }
        guard rename(temporary, target) == 0 else {
            let failure = errno
            unlink(temporary)
            throw OutputError("cannot write \(relative): \(String(cString: strerror(failure)))")
        }
        return entry
    }

    /// True when `target` already holds exactly `data` (nothing to write); throws when a file is
    /// there that the tool may not replace; false when the file may be written.
    private func unchangedOrMayReplace(_ target: String, _ relative: String, _ data: Data) throws -> Bool {
        var st = stat()
        guard lstat(target, &st) == 0 else { return false }
        if (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == data.count, FileManager.default.contents(atPath: target) == data { return true }
        try checkMayReplace(relative)
        return false
    }

    /// `renameat2(…, RENAME_NOREPLACE)`: 0, or the errno (EEXIST when something is at `target`,
    /// ENOSYS or EINVAL when the system cannot rename this way). Looked up at run time: Swift's
    /// Glibc module does not declare it.
    static func renameWithoutReplacing(_ from: String, _ to: String) -> Int32 {
        guard let renameat2 = renameat2 else { return ENOSYS }
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */) == 0 ? 0 : errno
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }

    /// The entry of a file the previous run wrote for a record that has not changed since, when
    /// the file is still there at the size the manifest gives: nothing to render or write.
    public func keepUnchanged(_ relative: String) -> WriteLedger.Entry? {
        guard let file = owned[relative], file.size >= 0, let target = try? resolve(relative), file.isPresent(at: target.path) else { return nil }
        return WriteLedger.Entry(path: relative, digest: file.digest, size: file.size)
    }

    /// Renames a finished temporary file (made beside its target by `AtomicFile.createTemporary`)
    /// over `entry.path`, or removes it when the target already holds exactly its bytes (and a
    /// file the tool did not write is safe). The temporary is gone afterwards, whatever happened;
    /// the caller records the entry.
    func moveIntoPlace(_ temporary: String, _ entry: WriteLedger.Entry) throws {
        let target = try resolvePath(entry.path)
        var st = stat()
        if lstat(target, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == entry.size, ContentHash.digest(ofFileAt: target) == entry.digest {
                unlink(temporary)
                return
            }
            do { try checkMayReplace(entry.path) } catch {
                unlink(temporary)
                throw error
            }
        }
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw OutputError("cannot write \(entry.path): \(String(cString: strerror(code)))")
        }
    }

    /// A file that exists at `relative` may be replaced only when the previous run wrote it.
    func checkMayReplace(_ relative: String) throws {
        guard owned.contains(relative) || adoptsEarlierVersion else {
            throw OutputError("\(relative) exists and was not written by exercise-pipeline (it is not in the output manifest); it was not replaced — move it, or choose another output path")
        }
    }
}

/// The files the previous run wrote, as its manifest lists them: a 16-byte key per path and its
/// hash and size, so a manifest of hundreds of thousands of files stays small in memory.
public struct OwnedFiles: Sendable {
    public struct File: Sendable, Equatable {
        public var digest: ContentHash.Digest
        public var size: Int
        public init(digest: ContentHash.Digest, size: Int) {
            self.digest = digest
            self.size = size
        }

        /// A regular file is at `path`, at the size the manifest gives (any size when the manifest
        /// gave none: an earlier form's).
        public func isPresent(at path: String) -> Bool {
            var st = stat()
            return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && (size < 0 || Int(st.st_size) == size)
        }
    }

    private var files: [ContentHash.PathKey: File] = [:]

    public init() {}
    public var count: Int { files.count }
    public mutating func insert(_ path: String, _ file: File) { files[ContentHash.PathKey(path)] = file }
    public func contains(_ path: String) -> Bool { files[ContentHash.PathKey(path)] != nil }
    public subscript(path: String) -> File? { files[ContentHash.PathKey(path)] }
}

/// What one writer wrote, in the order it wrote it: each file's path, hash and size, for the
/// manifest. Thread-safe. A writer's ledger (`OutputDirectory.forWriter`) keeps its entries in a
/// file in the state folder, as manifest lines, so that a run writing hundreds of thousands of
/// files holds only their 16-byte path keys (for cleanup) in memory.
public final class WriteLedger: Sendable {
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var digest: ContentHash.Digest
        public var size: Int
        public init(path: String, digest: ContentHash.Digest, size: Int) {
            self.path = path
            self.digest = digest
            self.size = size
        }

        /// The manifest's line for the file: `sha256⇥size⇥path` (path escaped).
        public var line: String { "\(digest.hex)\t\(size)\t\(LineFile.escape(path))\n" }

    }

    private struct State {
        var entries: [Entry] = []
        var spill: FileHandle?
        var buffer = Data()
        var keys = Set<ContentHash.PathKey>()
        var folders = Set<String>()
        var count = 0
    }

    private let state = Locked(State())
    /// Where the entries go on disk; nil: kept in memory (a handful of files).
    public let spillURL: URL?
    /// Whether `contains` can be asked: only a run with an earlier manifest to clean against needs
    /// to, so a first run does not hold a key per file.
    public let tracksPaths: Bool

    public init(spillingTo url: URL? = nil, tracksPaths: Bool = true) {
        spillURL = url
        self.tracksPaths = tracksPaths
    }

    deinit {
        if let spillURL { try? FileManager.default.removeItem(at: spillURL) }
    }

    public func record(_ entry: Entry) {
        state.withLock { s in
            s.count += 1
            if tracksPaths { s.keys.insert(ContentHash.PathKey(entry.path)) }
            s.folders.insert(entry.path.lastIndex(of: "/").map { String(entry.path[..<$0]) } ?? "")
            guard let spillURL else {
                s.entries.append(entry)
                return
            }
            s.buffer.append(Data(entry.line.utf8))
            if s.buffer.count >= 1 << 16 { Self.flush(&s, to: spillURL) }
        }
    }

    private static func flush(_ s: inout State, to url: URL) {
        if s.spill == nil {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // open(2) itself: Foundation's createFile goes through a temporary of its own.
            let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            s.spill = fd >= 0 ? FileHandle(fileDescriptor: fd, closeOnDealloc: true) : nil
        }
        // Entries that cannot go to disk stay in the buffer (and so in the manifest): never lost.
        guard let spill = s.spill, (try? spill.write(contentsOf: s.buffer)) != nil else { return }
        s.buffer.removeAll(keepingCapacity: true)
    }

    public var count: Int { state.withLock { $0.count } }
    /// Whether a path with this key was recorded (the ledger must track paths).
    public func contains(_ key: ContentHash.PathKey) -> Bool {
        precondition(tracksPaths, "this ledger does not track paths")
        return state.withLock { $0.keys.contains(key) }
    }
    /// The folder of every path recorded ("" for the output folder itself).
    public var folders: Set<String> { state.withLock { $0.folders } }

    /// Every entry's manifest line, in the order recorded.
    public func forEachLine(_ body: (String) throws -> Void) throws {
        let (entries, spilled, unwritten): ([Entry], URL?, Data) = state.withLock { s in
            guard let spillURL else { return (s.entries, nil, Data()) }
            Self.flush(&s, to: spillURL)
            try? s.spill?.synchronize()
            return ([], s.spill == nil ? nil : spillURL, s.buffer)
        }
        for entry in entries { try body(entry.line) }
        func unwrittenLines() throws {
            for line in String(decoding: unwritten, as: UTF8.self).split(separator: "\n") { try body(line + "\n") }
        }
        if let spilled, let reader = LineFile.Reader(spilled) {
            while let line = reader.next() { try body(line + "\n") }
        }
        try unwrittenLines()
    }

    /// Every entry of a ledger kept in memory (one without `spillURL`), in the order recorded.
    public var files: [Entry] {
        state.withLock { $0.entries }
    }
}

/// A file being written in pieces (dataset exporters stream records into it), made visible only by
/// `commit()`.
public final class AtomicFile: @unchecked Sendable {
    private let output: OutputDirectory
    private let relative: String
    private let temporary: URL
    private let handle: FileHandle
    private let recorded: Bool
    private var buffer = Data()
    private var hash = ContentHash.Running()
    private var size = 0

    /// The temporary file's name: hidden, beside its target, and recognisable (`AtomicFile.isTemporary`)
    /// so that a later run can remove what a killed run left.
    public static func temporaryName(for name: String) -> String { ".\(name).\(TemporaryName.next()).tmp" }

    /// `.<name>.<UUID>.tmp`: a temporary file of this tool's. (Also `.dat.nosyncXXXX.XXXXXX`, which
    /// Foundation's atomic file creation left when earlier versions were killed mid-write.)
    public static func isTemporary(_ name: String) -> Bool {
        if name.hasPrefix(".dat.nosync"), name.count == 24 { return true }
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard let uuid = parts.last, uuid.count == 36 else { return false }
        return UUID(uuidString: String(uuid)) != nil
    }

    /// `recorded`: the commit lists the file in the output's ledger (false: the caller does).
    public init(_ output: OutputDirectory, _ relative: String, recorded: Bool = true) throws {
        self.output = output
        self.relative = relative
        self.recorded = recorded
        let (fd, temporaryPath) = try Self.createTemporary(beside: try output.resolvePath(relative))
        temporary = URL(fileURLWithPath: temporaryPath)
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Opens a new temporary file beside `target` (making its folder when there is none yet, which
    /// is asked only then: a check per file showed in the profile). open(2) itself, not
    /// FileManager.createFile: Foundation creates files through a temporary of its own, which a
    /// killed run would leave behind under a name of Foundation's.
    static func createTemporary(beside target: String) throws -> (Int32, String) {
        let slash = target.utf8.lastIndex(of: 0x2F)
        let folder = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.utf8.index(after: $0)...]) } ?? target
        let temporary = folder + "/" + temporaryName(for: name)
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw OutputError("cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        return (fd, temporary)
    }

    public func append(_ data: Data) throws { try append(bytes: data) }

    /// (Through the string's contiguous bytes: appended as a UTF8View, Data took them a byte at a time.)
    public func append(_ string: String) throws { var string = string; try string.withUTF8 { try append(bytes: $0) } }
    public func append(_ bytes: [UInt8]) throws { try append(bytes: bytes) }

    private func append(bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        size += bytes.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// (The digest over each buffer rather than each piece: a CSV gives it a line at a time.)
    private func flush() throws {
        hash.update(buffer)
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func commit() throws {
        try flush()
        try handle.close()
        let entry = WriteLedger.Entry(path: relative, digest: hash.digest(), size: size)
        try output.moveIntoPlace(temporary.path, entry)
        if recorded { output.ledger.record(entry) }
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
