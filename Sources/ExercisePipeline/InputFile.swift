import ExerciseModel
import Foundation

/// Reading one input, with the size limit that keeps memory bounded: real exercise pages are well
/// under a megabyte, and a page of tens of megabytes is a mistake (a data dump, a base64 blob),
/// refused with a diagnostic rather than parsed.
public enum InputFile {
    public static let maximumSize = 16 << 20

    public static func read(_ url: URL, reportedAs path: String) -> Result<[UInt8], Diagnostic> {
        read(atPath: url.path, reportedAs: path)
    }

    /// `read` by path: a `URL(fileURLWithPath:)` made only to be read looks at the file first
    /// (an lstat, to know whether it is a folder), a system call per page for nothing.
    public static func read(atPath file: String, reportedAs path: String) -> Result<[UInt8], Diagnostic> {
        var stamp: (size: Int, modified: Int64)?
        return read(atPath: file, reportedAs: path, stamp: &stamp)
    }

    /// `read`, also giving the file's size and modification time as fstat(2) saw them when it was
    /// opened (the cache's stamp, without a stat(2) of its own for a page met the first time).
    static func read(atPath file: String, reportedAs path: String, stamp: inout (size: Int, modified: Int64)?) -> Result<[UInt8], Diagnostic> {
        // open/fstat/read: the size is asked before anything is read, the bytes land in the array
        // the readers take (no Data in between), and Foundation's file reading leaked a buffer on
        // some paths (LeakSanitizer over the suite).
        func unreadable() -> Result<[UInt8], Diagnostic> {
            .failure(Diagnostic(.unreadable, file: path, "cannot read the file: \(String(cString: strerror(errno)))"))
        }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return unreadable() }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return unreadable() }
        stamp = (Int(st.st_size), PageCache.modified(st))
        if Int(st.st_size) > maximumSize { return .failure(tooLarge(path, size: Int(st.st_size))) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var count = 0
        while true {
            if count == bytes.count {
                // The file grew since fstat: read on, up to the limit.
                guard bytes.count <= maximumSize else { return .failure(tooLarge(path, size: bytes.count)) }
                bytes += [UInt8](repeating: 0, count: max(4096, bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return unreadable()
            }
            if n == 0 { break }
            count += n
            // The size fstat gave, read: a regular file is whole (one read a page, not two to
            // see the end; a file still growing is read as it was when it was opened).
            if count == Int(st.st_size) && (st.st_mode & S_IFMT) == S_IFREG && count > 0 { break }
        }
        bytes.removeLast(bytes.count - count)
        guard count <= maximumSize else { return .failure(tooLarge(path, size: count)) }
        return .success(bytes)
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
    static let notPages = DiagnosticCode("not-pages", .info,
        "Files in an input folder that no importer reads (images, READMEs, data files beside the pages) were skipped; one note per input folder names them. Add an extension to an importer in pipeline.json to read such files.")
    static let tooLarge = DiagnosticCode("too-large", .error,
        "The file is larger than 16 MiB, far more than an exercise page; it was not read. Exclude it, or split it into pages.")
}

/// The findings the runner itself reports, for `docs/diagnostics.md`.
public enum PipelineDiagnostics {
    public static let codes: [DiagnosticCode] = [.noReader, .notPages, .unreadable, .tooLarge, .emptyFile, .binaryFile, .utf16WithoutBOM, .notAFile, .earlierVersionOutput, .badManifest, .staleKept, .exportFailed, .reportPageKept]
}
