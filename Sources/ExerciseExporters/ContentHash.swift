import Crypto
import Foundation

/// SHA-256 as lower-case hex, through swift-crypto: the input pages' `source.sha256`, the
/// output manifest's hashes, the hash suffix of a shortened id.
public enum ContentHash {
    public static func hex<D: DataProtocol>(_ bytes: D) -> String {
        digest(bytes).hex
    }

    public static func digest<D: DataProtocol>(_ bytes: D) -> Digest {
        Digest(Crypto.SHA256.hash(data: bytes))
    }

    /// The hash of a file's bytes, read a block at a time (a dataset file may be larger than the
    /// memory a run is allowed); nil when it cannot be read.
    public static func digest(ofFileAt path: String) -> Digest? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = Running()
        while true {
            // nil or an empty block: the end of the file.
            guard let block = try? handle.read(upToCount: 1 << 16), !block.isEmpty else { return hash.digest() }
            hash.update(block)
        }
    }

    /// A SHA-256 held in 32 bytes rather than as 64 hex characters: the manifest keeps one per
    /// output file, and a run may write hundreds of thousands.
    public struct Digest: Hashable, Sendable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64

        init(_ digest: SHA256.Digest) {
            var words = [UInt64](repeating: 0, count: 4)
            for (i, byte) in digest.enumerated() { words[i / 8] = words[i / 8] << 8 | UInt64(byte) }
            (a, b, c, d) = (words[0], words[1], words[2], words[3])
        }

        /// From 64 hex digits; nil otherwise.
        public init?(hex: some StringProtocol) {
            guard hex.utf8.count == 64 else { return nil }
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var i = 0
            for c in hex.utf8 {
                let v: UInt64
                switch c {
                case 0x30...0x39: v = UInt64(c - 0x30)
                case 0x61...0x66: v = UInt64(c - 0x61 + 10)
                default: return nil
                }
                switch i / 16 {
                case 0: words.0 = words.0 << 4 | v
                case 1: words.1 = words.1 << 4 | v
                case 2: words.2 = words.2 << 4 | v
                default: words.3 = words.3 << 4 | v
                }
                i += 1
            }
            (a, b, c, d) = words
        }

        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(64)
            for word in [a, b, c, d] {
                for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((word >> UInt64(shift)) & 0xF)]) }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// The first 128 bits: a key for a path in a set of paths, where 16 bytes do as well as
        /// the path itself (a collision among 2^64 paths is as likely as not; a run has far fewer).
        public var key: PathKey { PathKey(a: a, b: b) }
    }

    public struct PathKey: Hashable, Sendable {
        var a: UInt64, b: UInt64
        public init(_ path: String) { self = ContentHash.digest(Array(path.utf8)).key }
        init(a: UInt64, b: UInt64) { (self.a, self.b) = (a, b) }
    }

    /// A hash fed in pieces (a dataset file streamed record by record).
    public struct Running {
        private var hasher = Crypto.SHA256()
        public init() {}
        public mutating func update<D: DataProtocol>(_ bytes: D) { hasher.update(data: bytes) }
        public func finish() -> String { digest().hex }
        public func digest() -> Digest { Digest(hasher.finalize()) }
    }
}

extension ContentHash.Digest: Codable {
    public init(from decoder: any Decoder) throws {
        let hex = try decoder.singleValueContainer().decode(String.self)
        guard let digest = ContentHash.Digest(hex: hex) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256: \(hex)"))
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }
}
