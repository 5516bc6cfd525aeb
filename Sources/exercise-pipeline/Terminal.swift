import ArgumentParser
import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// stderr output shared by the commands.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The built-in taxonomy, or exit 1 saying why it did not load (a packaging fault).
    static func builtInTaxonomy() throws -> Taxonomy {
        switch Taxonomy.shared {
        case .success(let t): return t
        case .failure(let e):
            error("exercise-pipeline: \(e.description)")
            throw ExitCode(1)
        }
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Runs `body`; any error but a usage one (`ExitCode`) means the output cannot be created or
    /// written (permissions, a full disk): one plain line and exit status 73 (EX_CANTCREAT).
    static func exitingOnOutputErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("exercise-pipeline: the output cannot be written: \(plainSentence(error))")
            throw ExitCode(73)
        }
    }

    /// A file-system error as one sentence a person can act on: the path as the user named it
    /// (relative to the working folder when inside it) and the system's reason, not Foundation's
    /// `NSCocoaErrorDomain Code=513 … UserInfo={…}` dump.
    static func plainSentence(_ error: any Error) -> String {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return "\(error)" }
        var posix = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : nil
        if let inner = ns.userInfo[NSUnderlyingErrorKey] as? any Error, (inner as NSError).domain == NSPOSIXErrorDomain { posix = Int32((inner as NSError).code) }
        let reason = posix.map { String(cString: strerror($0)).lowercased() } ?? ns.localizedDescription
        guard let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path else { return reason }
        let here = FileManager.default.currentDirectoryPath + "/"
        let shown = path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
        let hint = switch posix {
        case EACCES?, EPERM?, EROFS?: " (check the folder's permissions, or write elsewhere)"
        case ENOSPC?, EFBIG?, EDQUOT?: " (free some space, or write elsewhere)"
        case ENOTDIR?: " (a file stands where a folder is needed)"
        default: ""
        }
        return "\(shown): \(reason)\(hint)"
    }

    /// Runs `body`; a configuration error (one, or several found at once) is printed as
    /// `pipeline.json: key.path: message` lines and becomes exit status 64.
    static func exitingOnConfigErrors<T>(_ config: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigError {
            Terminal.error("\(config): \(error.description)")
            throw ExitCode(64)
        } catch let errors as ConfigErrors {
            for error in errors.errors { Terminal.error("\(config): \(error.description)") }
            throw ExitCode(64)
        }
    }

    /// "12/300 files" on one line that rewrites itself, cleared when done.
    @Sendable static func progress(done: Int, total: Int) {
        let text = done == total ? "\r\u{1B}[K" : "\r\(done)/\(total) files"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// How diagnostics are printed on stderr: `file:line: severity: message [code]`, one JSON
    /// object a line (for scripts), or GitHub Actions workflow commands (annotations in CI).
    enum DiagnosticStyle: String, ExpressibleByArgument, CaseIterable {
        case text, json, github

        /// A value as one line of canonical JSON (no line feed).
        static func jsonLine(_ value: some Encodable) -> String {
            String(decoding: (try? CanonicalJSON.data(value, pretty: false).dropLast()) ?? Data("null".utf8), as: UTF8.self)
        }

        /// A line of the run's own (not a diagnostic): the text, or in json style `json` as an object.
        func message(_ text: String, json: some Encodable) -> String { self == .json ? Self.jsonLine(json) : text }

        func line(_ d: Diagnostic) -> String {
            switch self {
            case .text:
                return d.formatted
            case .json:
                return Self.jsonLine(d)
            case .github:
                // https://docs.github.com/actions/reference/workflow-commands-for-github-actions
                let command = switch d.severity { case .error: "error"; case .warning: "warning"; case .info: "notice" }
                var properties = "file=\(Self.escapeProperty(d.file))"
                if let line = d.line { properties += ",line=\(line)" }
                properties += ",title=\(Self.escapeProperty(d.code))"
                return "::\(command) \(properties)::\(Self.escapeData(d.message))"
            }
        }

        static func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }

        static func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
    }

    /// What a run shows: errors always, warnings unless `quiet`, notes (info) only when `verbose`.
    static func shown(verbose: Bool, quiet: Bool) -> Set<Diagnostic.Severity> {
        quiet ? [.error] : (verbose ? [.error, .warning, .info] : [.error, .warning])
    }

    /// Prints each diagnostic of the severities `shown`, as a run reports them.
    static func printer(showing shown: Set<Diagnostic.Severity>, style: DiagnosticStyle = .text) -> @Sendable (Diagnostic) -> Void {
        { d in
            if shown.contains(d.severity) { FileHandle.standardError.write(Data((style.line(d) + "\n").utf8)) }
        }
    }

    static func print(_ diagnostics: [Diagnostic], verbose: Bool) {
        let visible = shown(verbose: verbose, quiet: false)
        var text = ""
        for d in diagnostics.sorted() where visible.contains(d.severity) {
            text += d.formatted + "\n"
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
