/// A bit per hashed byte string: a quick "no" before a real lookup. A string whose bit is clear
/// is not in the set the filter was made from; a set bit may be a collision, and the real lookup
/// decides. What is hashed (a whole word, a word's first bytes) is the user's choice of `Hash`;
/// the filter is for the many strings of a page that are in no set at all, which a set's own
/// hashing would cost far more to turn away.
public struct ByteHashFilter: Sendable {
    /// Bytes to a slot number below the filter's size (a power of two).
    public typealias Hash = @Sendable (UnsafeBufferPointer<UInt8>) -> Int

    private var bits: [UInt64]
    private let hash: Hash

    /// `slots`: a power of two, 64 or more.
    public init(slots: Int, hash: @escaping Hash, of strings: some Sequence<String>) {
        bits = [UInt64](repeating: 0, count: slots / 64)
        self.hash = hash
        for string in strings { insert(string) }
    }

    public mutating func insert(_ string: String) {
        let slot = slot(string)
        bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    public func mayContain(_ string: String) -> Bool { isSet(slot(string)) }

    public func mayContain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { isSet(slot(bytes)) }

    private func isSet(_ slot: Int) -> Bool { bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }

    private func slot(_ string: String) -> Int {
        var string = string
        return string.withUTF8 { slot($0) }
    }

    private func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int { hash(bytes) & (bits.count * 64 - 1) }

    /// FNV-1a over every byte.
    public static let wholeString: Hash = { bytes in
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: (h >> 32) ^ h)
    }
}
