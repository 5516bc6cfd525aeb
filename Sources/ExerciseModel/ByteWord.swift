/// Eight bytes of text as one 64-bit word, for the per-byte tests that the hot byte loops (text
/// collapsing, word counts, JSON escaping, UTF-8 checks) make eight bytes at a time. Each test
/// works per byte without carries between bytes, under the condition its comment names; the
/// loops fall back to a byte at a time for what the word cannot answer.
public enum ByteWord {
    /// 0x01 in every byte.
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    /// 0x80 in every byte: the high bit, set in every byte of a multi-byte UTF-8 character.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`, the first in the lowest byte of the word.
    @inlinable @inline(__always)
    public static func load(_ raw: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Whether all eight bytes are ASCII (below 0x80).
    @inlinable @inline(__always)
    public static func isASCII(_ w: UInt64) -> Bool { w & highs == 0 }

    /// 0x80 in each byte that is `byte`, 0 in the others; exact when every byte of `w` is ASCII
    /// (each byte of `w ^ byte…` is then at most 0x7F, so adding 0x7F never carries).
    @inlinable @inline(__always)
    public static func asciiMatches(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        ~((w ^ (ones &* UInt64(byte))) &+ 0x7F7F_7F7F_7F7F_7F7F) & highs
    }

    /// Whether one of the eight bytes is `byte`, whatever the bytes (the classic zero-byte test
    /// on `w ^ byte…`).
    @inlinable @inline(__always)
    public static func contains(_ w: UInt64, _ byte: UInt8) -> Bool {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// Whether one of the eight bytes is below `limit` (at most 0x80): the zero-byte test
    /// shifted, exact for the question "any?".
    @inlinable @inline(__always)
    public static func containsBelow(_ w: UInt64, _ limit: UInt8) -> Bool {
        (w &- ones &* UInt64(limit)) & ~w & highs != 0
    }

    /// The offset of the first eight-byte word at or after `start` that holds a byte of 0x80 or
    /// more, or the offset where fewer than eight bytes are left: every byte before it is ASCII.
    @inlinable
    public static func asciiRun(_ u: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        guard let base = u.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var i = start
        while i + 8 <= u.count, isASCII(load(raw, at: i)) { i += 8 }
        return i
    }
}
