import ExerciseExporters
import ExerciseModel
import Foundation
import Glibc

/// The incremental cache in the state folder: each input's converted result, keyed by its bytes
/// (SHA-256) with a stat fast path (size and modification time, as git's index and make use), and
/// the whole cache by the configuration, the taxonomy extensions and the tool's build. An
/// unchanged page is not read, extracted or normalized again; when nothing changed at all the run
/// does nothing (`isNoOp`).
///
/// `cache/index.tsv` (`size⇥mtime⇥sha256⇥path`, one line a page, after a `key` line) is read on
/// every run and is cheap to parse; `cache/pages.json` holds the results and is read only when a
/// page changed.
struct PageCache {
    static let indexPath = "\(OutputState.folder)/cache/index.tsv"
    static let pagesPath = "\(OutputState.folder)/cache/pages.json"

    struct Stamp: Equatable {
        var size: Int
        /// Nanoseconds since 1970.
        var modified: Int64
        var sha256: String
    }

    let key: String
    /// The previous run's stamps, when its key is this run's.
    var stamps: [String: Stamp] = [:]
    /// The previous run's totals, for the summary of a run that finds nothing changed.
    var totals: RunReport.Totals?

    /// The key: what decides how a page converts besides its bytes.
    static func key(config: PipelineConfig) -> String {
        var h = ContentHash.Running()
        h.update(Data("exercise-pipeline \(Exercise.schemaVersion)\n".utf8))
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
        guard let text = try? String(contentsOf: output.appendingPathComponent(Self.indexPath), encoding: .utf8) else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, first == "key\t\(key)" else { return }
        lines.removeFirst()
        if let t = lines.first, t.hasPrefix("totals\t") {
            let n = t.split(separator: "\t").dropFirst().compactMap { Int($0) }
            if n.count == 6 { totals = .init(files: n[0], converted: n[1], failed: n[2], errors: n[3], warnings: n[4], infos: n[5]) }
            lines.removeFirst()
        }
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let size = Int(parts[0]), let modified = Int64(parts[1]) else { continue }
            stamps[String(parts[3])] = Stamp(size: size, modified: modified, sha256: String(parts[2]))
        }
    }

    /// Size and modification time of a file, for the fast path; nil when it cannot be read.
    static func fileStamp(_ url: URL) -> (size: Int, modified: Int64)? {
        // stat(2) follows a symbolic link to the page it names, as reading it does.
        var st = stat()
        guard stat(url.path, &st) == 0 else { return nil }
        return (Int(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// Each output folder's listing (folder → names) when the output is already right: every
    /// input is the one the previous run converted (by stat), no input came or went, and every
    /// file the previous run wrote is still there (checked against those listings). Nil otherwise.
    func isNoOp(paths: [(path: String, url: URL)], output: URL, manifest: OutputState.Manifest?) -> [String: Set<String>]? {
        guard let manifest, totals != nil, !stamps.isEmpty || paths.isEmpty, stamps.count == paths.count else { return nil }
        for (path, url) in paths {
            guard let stamp = stamps[path], let now = Self.fileStamp(url), now.size == stamp.size, now.modified == stamp.modified else { return nil }
        }
        var listings: [String: Set<String>] = [:]
        for path in manifest.files.keys {
            let folder = OutputState.folder(of: path), name = folder.isEmpty ? path : String(path.dropFirst(folder.count + 1))
            if listings[folder] == nil {
                let dir = folder.isEmpty ? output : output.appendingPathComponent(folder)
                listings[folder] = Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            }
            if !listings[folder]!.contains(name) { return nil }
        }
        return listings
    }

    /// The previous results, read when some page changed.
    func loadResults(output: URL) -> [String: PageConverter.Result] {
        guard !stamps.isEmpty, let data = FileManager.default.contents(atPath: output.appendingPathComponent(Self.pagesPath).path),
              let results = try? JSONDecoder().decode([String: PageConverter.Result].self, from: data) else { return [:] }
        return results
    }

    static func save(output: URL, key: String, totals: RunReport.Totals, stamps: [String: Stamp], results: [String: PageConverter.Result]) throws {
        let state = OutputDirectory(output, owned: [indexPath, pagesPath])
        var index = "key\t\(key)\n"
        index += "totals\t" + [totals.files, totals.converted, totals.failed, totals.errors, totals.warnings, totals.infos].map(String.init).joined(separator: "\t") + "\n"
        for (path, s) in stamps.sorted(by: { $0.key < $1.key }) { index += "\(s.size)\t\(s.modified)\t\(s.sha256)\t\(path)\n" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try state.write(try encoder.encode(results), to: pagesPath)
        try state.write(Data(index.utf8), to: indexPath)
    }
}
