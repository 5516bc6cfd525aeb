import ExerciseExporters
import ExerciseModel
import Foundation
import Glibc

/// The incremental cache in the state folder: each input's converted page, keyed by its bytes
/// (SHA-256) with a stat fast path (size and modification time, as git's index and make use), and
/// the whole cache by the configuration, the taxonomy extensions and the tool's build. An
/// unchanged page is not read, extracted or normalized again — its blobs are copied from the last
/// run's store as they are — and when nothing changed at all the run does nothing (`isNoOp`).
///
/// `cache/index.tsv` is a `key` line, a `store` line (the name of its store, `pages-<UUID>.dat`:
/// each run's store has a name of its own, so an index never points into another run's store,
/// whenever a run is killed), a `totals` line, then one line a page in path order:
/// `size⇥mtime⇥sha256⇥records⇥diagnostics⇥converted⇥counts⇥keys⇥path` (a slot is
/// `offset:length` in `cache/pages.dat`, `-` for none; keys are `id:position:nameLine:exportedAs`,
/// space-separated). It is read as the run walks its inputs, which are in the same order, so the
/// whole index is never in memory.
struct PageCache {
    static let folder = "\(OutputState.folder)/cache"
    static let indexPath = "\(folder)/index.tsv"

    /// The store a run leaves for the next: `cache/pages-<UUID>.dat`.
    static func newStoreName() -> String { "pages-\(UUID().uuidString).dat" }

    /// The store the index names, if there is an index.
    static func indexedStore(_ output: URL) -> String? {
        guard let reader = LineFile.Reader(output.appendingPathComponent(indexPath)), reader.next() != nil,
              let line = reader.next(), line.hasPrefix("store\t") else { return nil }
        return String(line.dropFirst(6))
    }

    /// Removes the stores no index names (a run killed between renaming its store and writing
    /// its index, or before removing the previous one); returns the paths removed.
    static func removeOrphanStores(_ output: URL) -> [String] {
        let keep = indexedStore(output)
        var orphans: [String] = []
        Discovery.forEachName(in: output.appendingPathComponent(folder).path) { name, _ in
            if name.hasPrefix("pages-"), name.hasSuffix(".dat"), name != keep { orphans.append(name) }
        }
        return orphans.sorted().compactMap { name in
            (try? FileManager.default.removeItem(at: output.appendingPathComponent(folder).appendingPathComponent(name))) == nil ? nil : "\(folder)/\(name)"
        }
    }

    struct Stamp: Equatable, Sendable, Codable {
        var size: Int
        /// Nanoseconds since 1970.
        var modified: Int64
        var sha256: ContentHash.Digest?
    }

    /// A page as the previous run left it (its slots are in `store`).
    struct Entry {
        var stamp: Stamp
        var page: Batch.Page
    }

    let key: String
    /// The previous run's totals, for the summary of a run that finds nothing changed; nil when
    /// there is no cache for this key.
    private(set) var totals: RunReport.Totals?
    private var reader: LineFile.Reader?
    /// The previous run's store; nil when there is no usable cache.
    private(set) var store: PageStore?
    private var next: (path: String, entry: Entry)?

    /// The key: what decides how a page converts besides its bytes.
    static func key(config: PipelineConfig) -> String {
        var h = ContentHash.Running()
        h.update(Data("exercise-pipeline \(Exercise.schemaVersion) cache 4 stored \(StoredForm.version)\n".utf8))
        h.update(Data(config.fingerprint.utf8))
        // The tool's own build: any rebuild may convert differently.
        if let exe = Bundle.main.executableURL, let attributes = try? FileManager.default.attributesOfItem(atPath: exe.path) {
            h.update(Data("\(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)".utf8))
        }
        return h.finish()
    }

    /// A cache that knows nothing (`--force`): every page is converted.
    init(key: String) { self.key = key }

    init(output: URL, key: String) {
        self.key = key
        guard let reader = LineFile.Reader(output.appendingPathComponent(Self.indexPath)), reader.next() == "key\t\(key)"[...],
              let named = reader.next(), named.hasPrefix("store\t"),
              let t = reader.next(), t.hasPrefix("totals\t"),
              let store = PageStore(reading: output.appendingPathComponent(Self.folder).appendingPathComponent(String(named.dropFirst(6)))) else { return }
        let n = t.split(separator: "\t").dropFirst().compactMap { Int($0) }
        guard n.count == 7 else { return }
        totals = .init(files: n[0], converted: n[1], failed: n[2], skipped: n[3], errors: n[4], warnings: n[5], infos: n[6])
        self.reader = reader
        self.store = store
        advance()
    }

    /// The previous run's entry for `path`. Paths must be asked for in ascending order (the
    /// inputs' order), as the index is read once, front to back.
    mutating func entry(for path: String) -> Entry? {
        while let next, next.path < path { advance() }
        guard let next, next.path == path else { return nil }
        return next.entry
    }

    private mutating func advance() {
        next = nil
        while let line = reader?.next() {
            if let parsed = Self.parse(line) { next = parsed; return }
        }
        reader = nil
    }

    private static func parse(_ line: Substring) -> (String, Entry)? {
        let f = LineFile.fields(line, 9)
        guard f.count == 9, let size = Int(f[0]), let modified = Int64(f[1]) else { return nil }
        let counts = f[6].split(separator: ",").compactMap { Int32($0) }
        guard counts.count == 3 else { return nil }
        func slot(_ s: Substring) -> PageStore.Slot? {
            let p = s.split(separator: ":")
            guard p.count == 2, let o = Int64(p[0]), let l = Int32(p[1]) else { return nil }
            return .init(offset: o, length: l)
        }
        let keys = f[7].split(separator: " ").compactMap { k -> Batch.Page.Key? in
            let p = k.split(separator: ":", omittingEmptySubsequences: false)
            guard p.count == 4, let position = Int(p[1]) else { return nil }
            return .init(id: String(p[0]), position: position, nameLine: Int(p[2]), exportedAs: p[3].isEmpty ? nil : String(p[3]))
        }
        let path = LineFile.unescape(f[8])
        let stamp = Stamp(size: size, modified: modified, sha256: ContentHash.Digest(hex: f[2]))
        let page = Batch.Page(path: path, converted: f[5] == "1", store: 0, records: slot(f[3]), diagnostics: slot(f[4]), keys: keys,
                              counts: .init(errors: counts[0], warnings: counts[1], infos: counts[2]), stamp: stamp, skipped: f[5] == "s")
        return (path, Entry(stamp: stamp, page: page))
    }

    /// Size and modification time of a file, for the fast path; nil when it cannot be read.
    static func fileStamp(_ file: String) -> (size: Int, modified: Int64)? {
        // stat(2) follows a symbolic link to the page it names, as reading it does.
        var st = stat()
        guard stat(file, &st) == 0 else { return nil }
        return (Int(st.st_size), modified(st))
    }

    /// A stat's modification time in nanoseconds, as stamps hold it.
    static func modified(_ st: stat) -> Int64 { Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec) }

    /// True when the output is already right: every input is the one the previous run converted
    /// (by stat), no input came or went (the index lists exactly these paths, in order), the
    /// previous run's only errors were its pages' own (no exporter stopped, no file went
    /// unwritten: a run after a full disk writes what was missing), and every file the previous
    /// run wrote is still there at the size it wrote; then the number of those files (and their
    /// folders, in `folders`), else nil. Consumes the cache.
    mutating func noOpFileCount(inputs: [String], base: String, output: URL, folders: inout Set<String>) -> Int? {
        guard let totals else { return nil }
        var pageErrors = 0
        for path in inputs {
            guard let next, next.path == path, let now = Self.fileStamp(Discovery.file(of: path, base: base)),
                  now.size == next.entry.stamp.size, now.modified == next.entry.stamp.modified else { return nil }
            pageErrors += Int(next.entry.page.counts.errors)
            advance()
        }
        guard next == nil, totals.errors == pageErrors else { return nil }
        var complete = true, count = 0
        let root = output.path
        let readable = OutputState.forEachOwnedFile(output) { path, file in
            count += 1
            folders.insert(OutputState.folder(of: path))
            if complete, !file.isPresent(at: root + "/" + path) { complete = false }
        }
        return readable == true && complete ? count : nil
    }

    /// Writes the index of this run's pages, whose blobs are in `cache/<store>`.
    static func save(output: URL, key: String, store: String, totals: RunReport.Totals, pages: [Batch.Page]) throws {
        let file = try AtomicFile(OutputState.stateDirectory(output), indexPath, recorded: false)
        try file.append("key\t\(key)\n")
        try file.append("store\t\(store)\n")
        try file.append("totals\t" + [totals.files, totals.converted, totals.failed, totals.skipped, totals.errors, totals.warnings, totals.infos].map(String.init).joined(separator: "\t") + "\n")
        func slot(_ s: PageStore.Slot?) -> String { s.map { "\($0.offset):\($0.length)" } ?? "-" }
        for page in pages {
            guard let s = page.stamp else { continue }
            let keys = page.keys.map { "\($0.id):\($0.position):\($0.nameLine.map(String.init) ?? ""):\($0.exportedAs ?? "")" }.joined(separator: " ")
            let c = page.counts
            try file.append("\(s.size)\t\(s.modified)\t\(s.sha256?.hex ?? "-")\t\(slot(page.records))\t\(slot(page.diagnostics))\t\(page.converted ? "1" : page.skipped ? "s" : "0")\t\(c.errors),\(c.warnings),\(c.infos)\t\(keys)\t\(LineFile.escape(page.path))\n")
        }
        try file.commit()
    }
}
