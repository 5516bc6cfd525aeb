import ExerciseModel
import Foundation

/// Finds the input files and picks a reader for each by extension.
struct Discovery {
    let config: PipelineConfig

    struct Job: Sendable {
        var url: URL
        /// Relative to the pipeline.json's folder (as `source.path` says it).
        var path: String
        var format: String
    }

    struct Result {
        var accepted: [Job] = []
        /// Paths that no reader takes: each has an error diagnostic.
        var rejected: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    func files() throws -> Result {
        var result = Result()
        var seen = Set<String>()
        for input in config.inputs {
            let root = input.hasPrefix("/") ? URL(fileURLWithPath: input) : config.baseDirectory.appendingPathComponent(input)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
                throw ConfigError("input", "'\(input)' does not exist (resolved to \(root.path))")
            }
            var found: [(URL, String)] = []
            if isDirectory.boolValue {
                // Path-based walk: per-file URL resource lookups cost more than reading the pages.
                let walker = FileManager.default.enumerator(atPath: root.path)
                while let sub = walker?.nextObject() as? String {
                    // Hidden files and folders (.git, .DS_Store, editor swap files) are not content.
                    if sub.split(separator: "/").last?.hasPrefix(".") == true {
                        if walker?.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker?.skipDescendants() }
                        continue
                    }
                    let type = walker?.fileAttributes?[.type] as? FileAttributeType
                    let url = root.appendingPathComponent(sub), path = Self.join(input, sub)
                    if type == .typeRegular {
                        found.append((url, path))
                    } else if type != .typeDirectory, !excluded(path), let entry = Self.special(url, type: type, path: path, diagnostics: &result.diagnostics) {
                        found.append((entry, path))
                    }
                }
            } else {
                found.append((root, Self.join(input, "")))
            }
            for (url, path) in found where !seen.contains(path) && !excluded(path) {
                seen.insert(path)
                let ext = url.pathExtension.lowercased()
                if let format = config.importers[ext] {
                    result.accepted.append(Job(url: url, path: path, format: format))
                } else {
                    result.rejected.append(path)
                    let known = config.importers.keys.sorted().map { ".\($0)" }.joined(separator: ", ")
                    result.diagnostics.append(Diagnostic(.noReader, file: path,
                        "no importer reads '\(ext.isEmpty ? "(no extension)" : "." + ext)' files (known: \(known)); add the extension to an importer or exclude the file in pipeline.json input.exclude"))
                }
            }
        }
        result.accepted.sort { $0.path < $1.path }
        result.rejected.sort()
        return result
    }

    /// An input entry that is not a regular file: a symbolic link to one is read (to a folder it is
    /// not followed, so links cannot loop); a dangling link, a FIFO, a socket or a device is said,
    /// never read (a FIFO would block the run). Returns the file to read, if any.
    static func special(_ url: URL, type: FileAttributeType?, path: String, diagnostics: inout [Diagnostic]) -> URL? {
        if type == .typeSymbolicLink {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                diagnostics.append(Diagnostic(.notAFile, file: path, "is a symbolic link to '\(target)', which does not exist; not read"))
                return nil
            }
            if isDirectory.boolValue {
                diagnostics.append(Diagnostic(file: path, severity: .info, code: DiagnosticCode.notAFile.name, message: "is a symbolic link to a folder; links to folders are not followed (they can loop); add the folder itself as an input"))
                return nil
            }
            let resolved = url.resolvingSymlinksInPath()
            let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path)
            if attributes?[.type] as? FileAttributeType == .typeRegular { return url }
            diagnostics.append(Diagnostic(.notAFile, file: path, "is a symbolic link to something that is not a file; not read"))
            return nil
        }
        let kind = switch type {
        case .typeSocket?: "a socket"
        case .typeCharacterSpecial?, .typeBlockSpecial?: "a device"
        default: "a FIFO (named pipe)"
        }
        diagnostics.append(Diagnostic(.notAFile, file: path, "is \(kind), not a file; not read"))
        return nil
    }

    func excluded(_ path: String) -> Bool {
        config.exclude.contains { pattern in fnmatch(pattern, path, 0) == 0 || fnmatch(pattern, (path as NSString).lastPathComponent, 0) == 0 }
    }

    /// The file a reported path names (inputs are relative to the pipeline.json's folder).
    static func url(of path: String, config: PipelineConfig) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : config.baseDirectory.appendingPathComponent(path)
    }

    static func join(_ input: String, _ sub: String) -> String {
        var base = input
        while base.hasSuffix("/") && base.count > 1 { base.removeLast() }
        if base.hasPrefix("./") { base.removeFirst(2) }
        if sub.isEmpty { return base }
        return base == "." ? sub : "\(base)/\(sub)"
    }
}
