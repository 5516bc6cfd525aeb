/// A vocabulary's matching keys as a trie over their bytes, for the scan of running text
/// (`Vocabulary.terms(in:)`): from a word of prose, the walk goes on byte by byte, across the
/// spaces between words, for as long as some key starts with what was read, so every window of
/// words starting there is tried in one pass instead of being joined and looked up on its own.
///
/// Keys are made of lower-case ASCII letters, digits and single spaces (`MatchKey.of`). A key
/// with any other byte (a letter no folding turns into ASCII) is left out: text whose key holds
/// such a byte is scanned the slow way, and text whose key does not can never equal such a key.
struct KeyTrie: Sendable {
    /// 26 letters, 10 digits and the space.
    private static let width = 37
    /// `children[node * width + symbol]`: the child node, or 0 for none (the root, node 0, is
    /// nobody's child). A dense table: a vocabulary has a few thousand nodes.
    private var children: [Int32]
    /// `payloads[node]`: one more than the payload of the key that ends at the node; 0 for none.
    private var payloads: [Int32]

    init() {
        children = [Int32](repeating: 0, count: Self.width)
        payloads = [0]
    }

    static let root = 0

    /// The symbol number of a key byte, or nil for a byte no key in the trie holds.
    @inline(__always)
    static func symbol(_ byte: UInt8) -> Int? {
        if byte &- 0x61 < 26 { return Int(byte &- 0x61) }
        if byte &- 0x30 < 10 { return Int(byte &- 0x30) + 26 }
        return byte == 0x20 ? 36 : nil
    }

    /// True when every byte can be walked (the text can be scanned with the trie).
    static func canWalk(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { symbol($0) != nil }
    }

    /// Adds `key` with `payload`; a key with a byte outside the alphabet is left out.
    mutating func insert(_ key: String, payload: Int) {
        guard key.utf8.allSatisfy({ Self.symbol($0) != nil }) else { return }
        var node = Self.root
        for byte in key.utf8 {
            let slot = node * Self.width + Self.symbol(byte)!
            if children[slot] == 0 {
                children[slot] = Int32(payloads.count)
                payloads.append(0)
                children.append(contentsOf: repeatElement(0, count: Self.width))
            }
            node = Int(children[slot])
        }
        payloads[node] = Int32(payload + 1)
    }

    /// The node reached from `node` by `byte`, or nil when no key goes on that way.
    @inline(__always)
    func child(of node: Int, _ byte: UInt8) -> Int? {
        guard let symbol = Self.symbol(byte) else { return nil }
        let next = children[node * Self.width + symbol]
        return next == 0 ? nil : Int(next)
    }

    /// The payload of the key that ends at `node`, if one does.
    @inline(__always)
    func payload(at node: Int) -> Int? {
        let p = payloads[node]
        return p == 0 ? nil : Int(p - 1)
    }
}
