import ExerciseModel
import Foundation

/// Finds the input files and picks a reader for each by extension.
struct Discovery {
    let config: PipelineConfig

    /// A file a reader takes. (Only its reported path is kept: the file is `Discovery.file(of:)`,
    /// and a URL or second path per page would cost more than the rest of the page's entry.)
    struct Job: Sendable {
        /// Relative to the pipeline.json's folder (as `source.path` says it).
        var path: String
        var format: String
    }

    struct Result {
        var accepted: [Job] = []
        /// Files named as inputs themselves that no reader takes: each has an error diagnostic. (In a
        /// folder such files are skipped with one note.)
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
            var found: [String] = []
            if isDirectory.boolValue {
                Self.walk(root.path, "") { sub, type in
                    let path = Self.join(input, sub)
                    if type == .typeRegular {
                        found.append(path)
                    } else if !excluded(path), Self.special(URL(fileURLWithPath: root.path + "/" + sub), type: type, path: path, diagnostics: &result.diagnostics) != nil {
                        found.append(path)
                    }
                }
            } else {
                found.append(Self.join(input, ""))
            }
            // (A path two inputs both hold is taken once; with one input there is nothing to check.)
            let several = config.inputs.count > 1
            var skipped: [String] = []
            let known = config.importers.keys.sorted().map { ".\($0)" }.joined(separator: ", ")
            for path in found where !(several && seen.contains(path)) && !excluded(path) {
                if several { seen.insert(path) }
                let ext = Self.fileExtension(path)
                if isDirectory.boolValue && Self.isProjectDocument(path) {
                    // README.md, LICENSE.md …: the folder's own documents, not pages of it.
                    skipped.append(path)
                } else if let format = config.importers[ext] {
                    result.accepted.append(Job(path: path, format: format))
                } else if isDirectory.boolValue {
                    // Images, READMEs, data files beside the pages of a content folder: not
                    // pages, and not errors. One note for the folder names them.
                    skipped.append(path)
                } else {
                    result.rejected.append(path)
                    result.diagnostics.append(Diagnostic(.noReader, file: path,
                        "no importer reads '\(ext.isEmpty ? "(no extension)" : "." + ext)' files (known: \(known)); add the extension to an importer or exclude the file in pipeline.json input.exclude"))
                }
            }
            if !skipped.isEmpty {
                skipped.sort()
                let shown = skipped.prefix(10).joined(separator: ", ") + (skipped.count > 10 ? " and \(skipped.count - 10) more" : "")
                result.diagnostics.append(Diagnostic(.notPages, file: input,
                    "\(skipped.count) file\(skipped.count == 1 ? "" : "s") skipped as not pages (no importer reads them — known: \(known) — or they are the folder's README, LICENSE, …): \(shown); add an extension to an importer in pipeline.json to read them"))
            }
        }
        result.accepted.sort { $0.path < $1.path }
        result.rejected.sort()
        return result
    }

    /// A repository's or folder's own documents (README, LICENSE, CHANGELOG, CONTRIBUTING, …, in
    /// any case and with any extension): found in an input folder they are not exercise pages,
    /// even when a reader could read them. Named as an input itself, such a file is read.
    static func isProjectDocument(_ path: String) -> Bool {
        let name = path.lastSlashComponent
        let stem = (name.firstIndex(of: ".").map { name[..<$0] } ?? name[...]).uppercased()
        return projectDocuments.contains(stem)
    }

    static let projectDocuments: Set<String> = ["README", "LICENSE", "LICENCE", "CHANGELOG", "CHANGES", "CONTRIBUTING", "CODE_OF_CONDUCT", "AUTHORS", "SECURITY", "NOTICE"]

    /// "squats/Goblet.MD" → "md"; "" for a name without one.
    static func fileExtension(_ path: String) -> String {
        let name = path.lastSlashComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// Every entry under `folder` (its path below the root, and its type), depth first, by
    /// readdir(3): the entry's type comes with its name, so a plain file costs no stat(2).
    /// Hidden files and folders (.git, .DS_Store, editor swap files) are not content.
    static func walk(_ root: String, _ folder: String, _ body: (String, FileAttributeType?) -> Void) {
        var subfolders: [String] = []
        forEachName(in: folder.isEmpty ? root : root + "/" + folder) { name, type in
            if name.hasPrefix(".") { return }
            let sub = folder.isEmpty ? name : folder + "/" + name
            if type == .typeDirectory { subfolders.append(sub) } else { body(sub, type) }
        }
        for sub in subfolders { walk(root, sub, body) }
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// Each name in a folder (but `.` and `..`) with its type, read by readdir(3), one at a time.
    static func forEachName(in folder: String, _ body: (String, FileAttributeType?) -> Void) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            // The name is read in place, up to its NUL: a dirent is only as long as its name, and
            // copying the whole struct (256 bytes of name) read past the last entry of readdir's
            // buffer (AddressSanitizer, heap-buffer-overflow).
            let name = String(cString: (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let type: FileAttributeType? = switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): .typeRegular
            case Int32(DT_DIR): .typeDirectory
            case Int32(DT_LNK): .typeSymbolicLink
            case Int32(DT_FIFO): .typeUnknown
            case Int32(DT_SOCK): .typeSocket
            case Int32(DT_CHR): .typeCharacterSpecial
            case Int32(DT_BLK): .typeBlockSpecial
            default: (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.type] as? FileAttributeType
            }
            body(name, type)
        }
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
        URL(fileURLWithPath: file(of: path, base: config.baseDirectory.path))
    }

    static func file(of path: String, base: String) -> String {
        path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base : base + "/") + path
    }

    static func join(_ input: String, _ sub: String) -> String {
        var base = input
        while base.hasSuffix("/") && base.count > 1 { base.removeLast() }
        if base.hasPrefix("./") { base.removeFirst(2) }
        if sub.isEmpty { return base }
        return base == "." ? sub : "\(base)/\(sub)"
    }
}
