import ExerciseExporters
import ExerciseModel
import Foundation

/// The tool's own state inside the output folder (`.exercise-pipeline/`): the manifest of every
/// file the last run wrote, with its SHA-256. It is what makes the folder safe to share with other
/// files: cleanup removes only files the previous manifest lists and this run did not write, and
/// no file outside the manifest is ever replaced (`OutputDirectory`).
enum OutputState {
    static let folder = ".exercise-pipeline"
    /// `exercise-pipeline manifest 2`, then `sha256⇥size⇥path` a line, in the order the files
    /// were written (exporter by exporter, records in id order): streamed in and out, never held
    /// whole, however many files a run writes.
    static let manifestPath = "\(folder)/manifest.tsv"
    static let manifestHeader = "exercise-pipeline manifest 2"
    /// The manifest of versions before 2 (a JSON object path → sha256), still read.
    static let legacyManifestPath = "\(folder)/manifest.json"

    /// Calls `body` with every file the previous run's manifest lists. Nil when there is no
    /// manifest; false when there is one this tool did not write.
    static func forEachOwnedFile(_ output: URL, _ body: (String, OwnedFiles.File) -> Void) -> Bool? {
        let url = output.appendingPathComponent(manifestPath)
        if FileManager.default.fileExists(atPath: url.path) {
            var first = true, valid = true
            LineFile.forEachLine(url) { line in
                if first {
                    first = false
                    valid = line == manifestHeader
                    return valid
                }
                let parts = LineFile.fields(line, 3)
                guard parts.count == 3, let digest = ContentHash.Digest(hex: parts[0]), let size = Int(parts[1]) else {
                    valid = false
                    return false
                }
                body(LineFile.unescape(parts[2]), .init(digest: digest, size: size))
                return true
            }
            return valid && !first
        }
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(legacyManifestPath).path) else { return nil }
        struct Legacy: Decodable { var tool: String; var files: [String: String] }
        guard let legacy = try? JSONDecoder().decode(Legacy.self, from: data), legacy.tool == "exercise-pipeline" else { return false }
        for (path, hex) in legacy.files.sorted(by: { $0.key < $1.key }) {
            // No size: such a file is never kept unrendered, only compared and replaced.
            if let digest = ContentHash.Digest(hex: hex) { body(path, .init(digest: digest, size: -1)) }
        }
        return true
    }

    /// Bytes that read as this tool's report.json.
    static func isToolReport(_ data: Data) -> Bool {
        (try? JSONDecoder().decode(RunReport.self, from: data)) != nil
    }

    /// report.json and report.html as a run of this tool writes them, which the manifest does not
    /// list: a run killed after writing its reports and before its manifest (they are the last
    /// files written). Recognised by their content — report.json that reads as a `RunReport`,
    /// report.html with the tool's generator tag — they are the tool's to replace; a file of the
    /// same name that is not one stays the user's.
    static func reportsOfAKilledRun(_ output: URL, owned: OwnedFiles) -> [(path: String, file: OwnedFiles.File)] {
        var found: [(String, OwnedFiles.File)] = []
        for path in ["report.json", ReportPage.path] where !owned.contains(path) {
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else { continue }
            let ours = path == "report.json"
                ? isToolReport(data)
                : data.prefix(1024).range(of: Data(ReportHTML.generator.utf8)) != nil
            if ours { found.append((path, .init(digest: ContentHash.digest(data), size: data.count))) }
        }
        return found
    }

    /// The previous run's files under `claims` that are still there, as a ledger of this run: the
    /// files of the exporters `run --only` / `--skip` leave out, kept rather than cleaned up.
    static func keptFiles(_ output: URL, claims: [OutputClaim]) -> WriteLedger {
        let ledger = WriteLedger()
        guard !claims.isEmpty else { return ledger }
        _ = forEachOwnedFile(output) { path, file in
            let claimed = claims.contains { claim in
                switch claim {
                case .file(let p): path == p
                case .folder(let p): path.hasPrefix(p + "/")
                }
            }
            if claimed, file.isPresent(at: output.appendingPathComponent(path).path) {
                ledger.record(.init(path: path, digest: file.digest, size: file.size))
            }
        }
        return ledger
    }

    /// The previous run's files; none when the folder is new (or the manifest is unreadable,
    /// which is said: the run then owns nothing it did not write itself).
    static func load(_ output: URL, diagnostics: inout DiagnosticSink) -> OwnedFiles? {
        var owned = OwnedFiles()
        switch forEachOwnedFile(output, { owned.insert($0, $1) }) {
        case nil: return nil
        case false?:
            diagnostics.report(.badManifest, "\(manifestPath) is not a manifest this tool wrote; no earlier file is treated as the tool's", file: manifestPath)
            return nil
        case true?: return owned
        }
    }

    /// A folder an earlier version wrote, before the manifest existed: no state folder at all,
    /// and a report.json that is this tool's. (A run of this version makes the state folder before
    /// it writes anything, so a run killed before its manifest is never taken for one.) Its files
    /// at the paths this run writes may be replaced; nothing else is removed. Asked before the run
    /// makes its state folder.
    static func isEarlierVersionOutput(_ output: URL) -> Bool {
        guard !FileManager.default.fileExists(atPath: output.appendingPathComponent(folder).path),
              let data = FileManager.default.contents(atPath: output.appendingPathComponent("report.json").path) else { return false }
        return isToolReport(data)
    }

    /// After the exporters: files the previous run wrote that this one did not (records that are
    /// gone, an exporter removed from pipeline.json) are removed, when they still hold the bytes
    /// the tool wrote; then temporary files a killed run left beside any of them. Returns the paths
    /// removed.
    static func clean(_ output: URL, written: (ContentHash.PathKey) -> Bool, writtenFolders: Set<String>, diagnostics: inout DiagnosticSink) -> [String] {
        var removed: [String] = [], folders = writtenFolders
        var stale: [(String, OwnedFiles.File)] = []
        _ = forEachOwnedFile(output) { path, file in
            folders.insert(folder(of: path))
            if !written(ContentHash.PathKey(path)) { stale.append((path, file)) }
        }
        for (path, file) in stale.sorted(by: { $0.0 < $1.0 }) {
            let url = output.appendingPathComponent(path)
            guard let digest = ContentHash.digest(ofFileAt: url.path) else { continue }
            guard digest == file.digest else {
                diagnostics.report(.staleKept, "\(path) was written by an earlier run but has changed since; it was kept", file: path)
                continue
            }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(path) }
        }
        // Temporary files (`.<name>.<UUID>.tmp`) of a run that was killed, in the folders the tool
        // writes to.
        return removed + removeTemporaries(output, folders: folders)
    }

    /// "json/a.json" → "json"; "report.json" → "" (the output folder itself).
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// Removes the tool's temporary files (`AtomicFile.isTemporary`) from `folders` and the output
    /// folder itself, using listings already taken (folder → names) where there are; returns the
    /// paths removed.
    static func removeTemporaries(_ output: URL, folders: Set<String>, includingOutputFolder: Bool = true) -> [String] {
        var removed: [String] = []
        for folder in (includingOutputFolder ? folders.union([""]) : folders).sorted() {
            let dir = folder.isEmpty ? output : output.appendingPathComponent(folder)
            // Read name by name: a folder of a record per file holds as many names as records.
            var names: [String] = []
            Discovery.forEachName(in: dir.path) { name, _ in if AtomicFile.isTemporary(name) { names.append(name) } }
            for name in names.sorted() {
                if (try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))) != nil {
                    removed.append(folder.isEmpty ? name : "\(folder)/\(name)")
                }
            }
        }
        return removed
    }

    /// The tool's own state folder: every file in it is the tool's to replace.
    static func stateDirectory(_ output: URL) -> OutputDirectory {
        OutputDirectory(output, adoptsEarlierVersion: true)
    }

    /// Writes the manifest of this run's files: each ledger's entries, in the order given.
    static func save(_ output: URL, ledgers: [WriteLedger]) throws {
        let file = try AtomicFile(stateDirectory(output), manifestPath, recorded: false)
        try file.append(manifestHeader + "\n")
        for ledger in ledgers { try ledger.forEachLine { try file.append($0) } }
        try file.commit()
        try? FileManager.default.removeItem(at: output.appendingPathComponent(legacyManifestPath))
    }
}

extension DiagnosticCode {
    static let earlierVersionOutput = DiagnosticCode("earlier-version-output", .info,
        "The output folder was written by a version of the tool from before the manifest (its report.json is the tool's, and there is no manifest): the files this run writes replaced the old ones; nothing else was removed.")
    static let badManifest = DiagnosticCode("bad-manifest", .warning,
        "The output folder's `.exercise-pipeline/manifest.tsv` is not one this tool wrote; files from earlier runs are then not cleaned up (and not replaced unless identical). Delete the state folder to start afresh.")
    static let staleKept = DiagnosticCode("stale-kept", .warning,
        "A file an earlier run wrote is no longer produced, but someone changed it since; it was kept. Delete it if it is not needed.")
    static let exportFailed = DiagnosticCode("export-failed", .error,
        "An exporter stopped before it finished (the message says why); every other exporter still ran and report.json was written.")
}
