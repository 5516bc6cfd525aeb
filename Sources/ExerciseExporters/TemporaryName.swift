import Foundation
import Synchronization

/// The unique part of a temporary file's name, in UUID form (8-4-4-4-12 hex digits, which
/// `AtomicFile.isTemporary` looks for): a random UUID drawn once per process, with a counter added
/// to its last 48 bits. `UUID()` for every name read /dev/urandom each time (open, read, close:
/// three system calls per output file, a fifth of all the calls of a 20,000-page run). Two
/// processes writing into one folder still draw different bases, and one process never repeats a
/// name before 2^48 files.
enum TemporaryName {
    private static let base: (prefix: String, low: UInt64) = {
        let uuid = UUID().uuidString
        let cut = uuid.index(uuid.endIndex, offsetBy: -12)
        return (String(uuid[..<cut]), UInt64(uuid[cut...], radix: 16) ?? 0)
    }()
    private static let counter = Atomic<UInt64>(0)
    private static let digits = Array("0123456789ABCDEF".utf8)

    /// A string in UUID form that no earlier call of this process gave.
    static func next() -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        var low = (base.low &+ n) & 0xFFFF_FFFF_FFFF
        var tail = [UInt8](repeating: 0, count: 12)
        for i in stride(from: 11, through: 0, by: -1) {
            tail[i] = digits[Int(low & 0xF)]
            low >>= 4
        }
        return base.prefix + String(decoding: tail, as: UTF8.self)
    }
}
