import ExerciseExporters
import ExerciseModel
import Foundation

/// The tool's own state inside the output folder (`.exercise-pipeline/`): the manifest of every
/// file the last run wrote, with its SHA-256. It is what makes the folder safe to share with other
/// files: cleanup removes only files the previous manifest lists and this run did not write, and
/// no file outside the manifest is ever replaced (`OutputDirectory`).
enum OutputState {
    static let folder = ".exercise-pipeline"
    static let manifestPath = "\(folder)/manifest.json"

    struct Manifest: Codable, Equatable {
        var tool = "exercise-pipeline"
        var version = 1
        /// Path relative to the output folder → SHA-256 of its bytes.
        var files: [String: String] = [:]
    }

    /// The previous run's manifest; none when the folder is new (or the manifest is unreadable,
    /// which is said: the run then owns nothing it did not write itself).
    static func load(_ output: URL, diagnostics: inout DiagnosticSink) -> Manifest? {
        let url = output.appendingPathComponent(manifestPath)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return decode(data, diagnostics: &diagnostics)
    }

    /// The manifest, if there is a readable one (no diagnostics: for the unchanged-run check).
    static func peek(_ output: URL) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(manifestPath).path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// A folder an earlier version wrote, before the manifest existed: no manifest, and a
    /// report.json that is this tool's. Its files at the paths this run writes may be replaced;
    /// nothing else is removed.
    static func isEarlierVersionOutput(_ output: URL) -> Bool {
        guard !FileManager.default.fileExists(atPath: output.appendingPathComponent(manifestPath).path),
              let data = FileManager.default.contents(atPath: output.appendingPathComponent("report.json").path) else { return false }
        return (try? JSONDecoder().decode(RunReport.self, from: data)) != nil
    }

    private static func decode(_ data: Data, diagnostics: inout DiagnosticSink) -> Manifest? {
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            diagnostics.report(.badManifest, "\(manifestPath) is not a manifest this tool wrote; no earlier file is treated as the tool's", file: manifestPath)
            return nil
        }
        return manifest
    }

    /// After the exporters: files the previous run wrote that this one did not (records that are
    /// gone, an exporter removed from pipeline.json) are removed, when they still hold the bytes
    /// the tool wrote; then temporary files a killed run left beside any of them. Returns the paths
    /// removed.
    static func clean(_ output: URL, previous: Manifest?, written: [String: String], diagnostics: inout DiagnosticSink) -> [String] {
        var removed: [String] = []
        for (path, hash) in (previous?.files ?? [:]).sorted(by: { $0.key < $1.key }) where written[path] == nil {
            let url = output.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            guard ContentHash.hex(data) == hash else {
                diagnostics.report(.staleKept, "\(path) was written by an earlier run but has changed since; it was kept", file: path)
                continue
            }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(path) }
        }
        // Temporary files (`.<name>.<UUID>.tmp`) of a run that was killed, in the folders the tool
        // writes to.
        let folders = Set((Array(previous?.files.keys ?? [:].keys) + Array(written.keys)).map(folder(of:)))
        return removed + removeTemporaries(output, folders: folders)
    }

    /// "json/a.json" → "json"; "report.json" → "" (the output folder itself).
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// Removes the tool's temporary files (`AtomicFile.isTemporary`) from `folders` and the output
    /// folder itself, using listings already taken (folder → names) where there are; returns the
    /// paths removed.
    static func removeTemporaries(_ output: URL, folders: Set<String>, listings: [String: Set<String>] = [:]) -> [String] {
        var removed: [String] = []
        for folder in folders.union([""]).sorted() {
            let dir = folder.isEmpty ? output : output.appendingPathComponent(folder)
            let names = listings[folder] ?? Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            for name in names.sorted() where AtomicFile.isTemporary(name) {
                if (try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))) != nil {
                    removed.append(folder.isEmpty ? name : "\(folder)/\(name)")
                }
            }
        }
        return removed
    }

    static func save(_ output: URL, written: [String: String]) throws {
        let state = OutputDirectory(output, owned: [manifestPath])
        try state.write(try CanonicalJSON.data(Manifest(files: written)), to: manifestPath)
    }
}

extension DiagnosticCode {
    static let earlierVersionOutput = DiagnosticCode("earlier-version-output", .info,
        "The output folder was written by a version of the tool from before the manifest (its report.json is the tool's, and there is no manifest): the files this run writes replaced the old ones; nothing else was removed.")
    static let badManifest = DiagnosticCode("bad-manifest", .warning,
        "The output folder's `.exercise-pipeline/manifest.json` is not one this tool wrote; files from earlier runs are then not cleaned up (and not replaced unless identical). Delete the state folder to start afresh.")
    static let staleKept = DiagnosticCode("stale-kept", .warning,
        "A file an earlier run wrote is no longer produced, but someone changed it since; it was kept. Delete it if it is not needed.")
    static let exportFailed = DiagnosticCode("export-failed", .error,
        "An exporter stopped before it finished (the message says why); every other exporter still ran and report.json was written.")
}
