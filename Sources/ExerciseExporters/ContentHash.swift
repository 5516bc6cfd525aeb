import Crypto
import Foundation

/// SHA-256 as lower-case hex, through swift-crypto: the input pages' `source.sha256`, the
/// output manifest's hashes, the hash suffix of a shortened id.
public enum ContentHash {
    public static func hex<D: DataProtocol>(_ bytes: D) -> String {
        hex(Crypto.SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A hash fed in pieces (a dataset file streamed record by record).
    public struct Running {
        private var hasher = Crypto.SHA256()
        public init() {}
        public mutating func update<D: DataProtocol>(_ bytes: D) { hasher.update(data: bytes) }
        public func finish() -> String { ContentHash.hex(hasher.finalize()) }
    }
}
