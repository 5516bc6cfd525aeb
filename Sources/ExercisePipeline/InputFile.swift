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
            return .failure(Diagnostic(file: path, severity: .error, code: "unreadable", message: "cannot read the file"))
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
        Diagnostic(file: path, severity: .error, code: "too-large",
                   message: "file is \(size >> 20) MiB; pages larger than \(maximumSize >> 20) MiB are not read (is it really one exercise page?)")
    }
}
