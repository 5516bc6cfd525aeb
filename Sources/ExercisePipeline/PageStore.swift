import ExerciseExporters
import ExerciseModel
import Foundation

/// Converted pages on disk: one file of blobs, each a page's records and diagnostics, appended as
/// pages finish (in any order) and read back by offset. It is what keeps a run's memory flat: the
/// runner holds each page's keys and its blob's place, never the records, and streams them back in
/// id order for export. A run's store becomes the cache's (`cache/pages.dat`) when the run ends; a
/// shard's stays in its partial output for `merge`.
final class PageStore: @unchecked Sendable {
    /// Where a page's blob is.
    struct Slot: Sendable, Equatable, Codable {
        var offset: Int64
        var length: Int32
        var count: Int { Int(length) }
    }

    let url: URL
    private let fd: Int32
    private let end = Locked<Int64>(0)

    /// A new, empty store at `url` (replacing what is there), open for appending and reading.
    init(creating url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = open(url.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError("cannot create \(url.path): \(String(cString: strerror(errno)))") }
    }

    /// An existing store, for reading; nil when it cannot be opened.
    init?(reading url: URL) {
        self.url = url
        fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
    }

    deinit { close(fd) }

    func append(_ data: Data) throws -> Slot {
        try append(bytes: data)
    }

    private func append(bytes data: some ContiguousBytes & Collection<UInt8>) throws -> Slot {
        guard data.count < Int32.max else { throw OutputError("a converted page is too large to store (\(data.count) bytes)") }
        let offset = end.withLock { e in
            defer { e += Int64(data.count) }
            return e
        }
        // A write may stop short (at a file-size limit or a full disk) without an error; the
        // rest is written again, and that write fails with the reason (EFBIG, ENOSPC).
        let code: Int32? = data.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n < 0 ? errno : ENOSPC }
                done += n
            }
            return nil
        }
        if let code { throw OutputError("cannot write \(url.path): \(String(cString: strerror(code)))") }
        return Slot(offset: offset, length: Int32(data.count))
    }

    /// A value as a blob in the stored form; nil for an empty list (nothing stored).
    func append<T: StoredValue & Collection>(_ value: T) throws -> Slot? {
        value.isEmpty ? nil : try append(bytes: StoredForm.bytes(value))
    }

    /// Two values as two blobs, side by side in one write (a page's records and diagnostics: one
    /// system call per page instead of two); nil for an empty list, as `append`.
    func append<A: StoredValue & Collection, B: StoredValue & Collection>(_ a: A, _ b: B) throws -> (Slot?, Slot?) {
        if a.isEmpty || b.isEmpty { return (try append(a), try append(b)) }
        let first = StoredForm.bytes(a)
        let both = try append(bytes: first + StoredForm.bytes(b))
        return (Slot(offset: both.offset, length: Int32(first.count)),
                Slot(offset: both.offset + Int64(first.count), length: both.length - Int32(first.count)))
    }

    /// The value a blob holds; nil when the blob cannot be read back (a StoredFormError when it
    /// is not in the stored form).
    func value<T: StoredValue>(_ type: T.Type, at slot: Slot) throws -> T? {
        guard let data = read(slot) else { return nil }
        return try data.withUnsafeBytes { try StoredForm.value(T.self, from: $0) }
    }

    func read(_ slot: Slot) -> Data? {
        var data = Data(count: slot.count)
        let got = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress, slot.count, off_t(slot.offset)) }
        return got == slot.count ? data : nil
    }
}
