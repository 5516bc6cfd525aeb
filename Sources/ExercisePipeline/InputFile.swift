import ExerciseModel
import Foundation

/// Reading one input, with the size limit that keeps memory bounded: real exercise pages are well
/// under a megabyte, and a page of tens of megabytes is a mistake (a data dump, a base64 blob),
/// refused with a diagnostic rather than parsed.
public enum InputFile {
    public static let maximumSize = 16 << 20

    public static func read(_ url: URL, reportedAs path: String) -> Result<[UInt8], Diagnostic> {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maximumSize {
            return .failure(tooLarge(path, size: size))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(Diagnostic(.unreadable, file: path, "cannot read the file"))
        }
        guard data.count <= maximumSize else { return .failure(tooLarge(path, size: data.count)) }
        return .success([UInt8](data))
    }

    /// Standard input, read no further than the limit.
    public static func readStandardInput(reportedAs path: String) -> Result<[UInt8], Diagnostic> {
        var bytes: [UInt8] = []
        while let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
            bytes += chunk
            if bytes.count > maximumSize { return .failure(tooLarge(path, size: bytes.count)) }
        }
        return .success(bytes)
    }

    static func tooLarge(_ path: String, size: Int) -> Diagnostic {
        Diagnostic(.tooLarge, file: path,
                   "file is \(size >> 20) MiB; pages larger than \(maximumSize >> 20) MiB are not read (is it really one exercise page?)")
    }
}

extension DiagnosticCode {
    static let unreadable = DiagnosticCode("unreadable", .error,
        "The file could not be read (permissions, or it vanished during the run); no record. Check its permissions.")
    static let notAFile = DiagnosticCode("not-a-file", .warning,
        "An input entry is not a regular file: a dangling symbolic link, a FIFO, a socket or a device (or, as a note, a link to a folder, which is not followed). It was not read.")
    static let tooLarge = DiagnosticCode("too-large", .error,
        "The file is larger than 16 MiB, far more than an exercise page; it was not read. Exclude it, or split it into pages.")
}

/// The findings the runner itself reports, for `docs/diagnostics.md`.
public enum PipelineDiagnostics {
    public static let codes: [DiagnosticCode] = [.noReader, .unreadable, .tooLarge, .emptyFile, .binaryFile, .notAFile, .earlierVersionOutput, .badManifest, .staleKept, .exportFailed]
}
