/// The page store's form of records and diagnostics (a run's converted pages on disk, read back
/// for export and the report; the cache keeps it between runs): length-prefixed UTF-8 strings and
/// variable-length integers, field after field in declaration order. It is private to the tool
/// (never an output), so it can be whatever is cheapest to write and read: reading the records
/// back as JSON through `JSONDecoder` was a twentieth of a run. A change to it changes
/// `StoredForm.version`, which the cache and the shard files carry.
public enum StoredForm {
    /// The first byte of every blob, and the form's version: a blob of another form (the JSON of
    /// earlier versions begins with `[`) is refused instead of misread.
    public static let version: UInt8 = 0xB1

    public static func bytes<T: StoredValue>(_ value: T) -> [UInt8] {
        var writer = StoredWriter()
        writer.bytes.append(version)
        value.store(to: &writer)
        return writer.bytes
    }

    public static func value<T: StoredValue>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        var reader = StoredReader(bytes)
        guard try reader.byte() == version else { throw StoredFormError("the data is not in this version's stored form") }
        let value = try T(from: &reader)
        guard reader.atEnd else { throw StoredFormError("\(bytes.count - reader.position) bytes left over after the value") }
        return value
    }
}

public struct StoredFormError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A value in the stored form. Each type writes its fields in declaration order and reads them back
/// in the same order; `StoredFormTests` holds every record field to a round trip.
public protocol StoredValue {
    func store(to writer: inout StoredWriter)
    init(from reader: inout StoredReader) throws
}

public struct StoredWriter {
    public internal(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(2048) }

    /// LEB128 of the zig-zagged value: small numbers (lengths, counts, lines) take one byte.
    public mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func optional<T: StoredValue>(_ value: T?) {
        guard let value else { bytes.append(0); return }
        bytes.append(1)
        value.store(to: &self)
    }
}

public struct StoredReader {
    private let bytes: UnsafeRawBufferPointer
    public private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    public mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw StoredFormError("the data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func int() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw StoredFormError("a number runs past 64 bits") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }

    /// A count or length, which must fit in what is left of the data.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - position else { throw StoredFormError("a length of \(n) runs past the data") }
        return n
    }

    public mutating func string() throws -> String {
        let n = try count()
        defer { position += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
    }

    /// A string-backed enum's case, by its raw value (`what` names the enum in the error).
    mutating func enumCase<T: RawRepresentable>(_ type: T.Type, _ what: String) throws -> T where T.RawValue == String {
        let name = try string()
        guard let value = T(rawValue: name) else { throw StoredFormError("'\(name)' is not a \(what)") }
        return value
    }

    public mutating func optional<T: StoredValue>(_ type: T.Type) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try T(from: &self)
        case let other: throw StoredFormError("an optional's tag is \(other), not 0 or 1")
        }
    }
}

extension String: StoredValue {
    public func store(to writer: inout StoredWriter) { writer.string(self) }
    public init(from reader: inout StoredReader) throws { self = try reader.string() }
}

extension Int: StoredValue {
    public func store(to writer: inout StoredWriter) { writer.int(self) }
    public init(from reader: inout StoredReader) throws { self = try reader.int() }
}

extension Array: StoredValue where Element: StoredValue {
    public func store(to writer: inout StoredWriter) {
        writer.int(count)
        for element in self { element.store(to: &writer) }
    }

    public init(from reader: inout StoredReader) throws {
        // (Each element takes at least one byte, so the count is bounded by the data left.)
        let n = try reader.count()
        self = []
        reserveCapacity(n)
        for _ in 0..<n { append(try Element(from: &reader)) }
    }
}

extension Dictionary: StoredValue where Key == String, Value: StoredValue {
    /// Keys in UTF-8 order, so the same record is always the same bytes.
    public func store(to writer: inout StoredWriter) {
        writer.int(count)
        for (key, value) in inUTF8KeyOrder {
            writer.string(key)
            value.store(to: &writer)
        }
    }

    public init(from reader: inout StoredReader) throws {
        let n = try reader.count()
        self = Dictionary(minimumCapacity: n)
        for _ in 0..<n {
            let key = try reader.string()
            self[key] = try Value(from: &reader)
        }
    }
}

extension Exercise: StoredValue {
    public func store(to w: inout StoredWriter) {
        w.string(id); w.string(name); w.optional(summary)
        bodyParts.store(to: &w); equipment.store(to: &w)
        primaryMuscles.store(to: &w); secondaryMuscles.store(to: &w); stabilizerMuscles.store(to: &w)
        w.optional(difficulty); w.optional(category)
        steps.store(to: &w); tips.store(to: &w); mistakes.store(to: &w)
        faq.store(to: &w); related.store(to: &w); variations.store(to: &w); media.store(to: &w)
        attributes.store(to: &w); unknownTerms.store(to: &w)
        source.store(to: &w)
    }

    public init(from r: inout StoredReader) throws {
        self.init(
            id: try r.string(), name: try r.string(), summary: try r.optional(String.self),
            bodyParts: try [String](from: &r), equipment: try [String](from: &r),
            primaryMuscles: try [String](from: &r), secondaryMuscles: try [String](from: &r), stabilizerMuscles: try [String](from: &r),
            difficulty: try r.optional(String.self), category: try r.optional(String.self),
            steps: try [String](from: &r), tips: try [String](from: &r), mistakes: try [String](from: &r),
            faq: try [FAQEntry](from: &r), related: try [RelatedLink](from: &r), variations: try [Variation](from: &r), media: try [Media](from: &r),
            attributes: try [String: String](from: &r), unknownTerms: try [String: [String]](from: &r),
            source: try SourceInfo(from: &r))
    }
}

extension FAQEntry: StoredValue {
    public func store(to w: inout StoredWriter) { w.string(question); w.string(answer) }
    public init(from r: inout StoredReader) throws { self.init(question: try r.string(), answer: try r.string()) }
}

extension RelatedLink: StoredValue {
    public func store(to w: inout StoredWriter) { w.string(title); w.string(url) }
    public init(from r: inout StoredReader) throws { self.init(title: try r.string(), url: try r.string()) }
}

extension Variation: StoredValue {
    public func store(to w: inout StoredWriter) { w.string(title); w.optional(url) }
    public init(from r: inout StoredReader) throws { self.init(title: try r.string(), url: try r.optional(String.self)) }
}

extension Media: StoredValue {
    public func store(to w: inout StoredWriter) { w.string(url); w.string(kind.rawValue); w.optional(caption) }
    public init(from r: inout StoredReader) throws {
        self.init(url: try r.string(), kind: try r.enumCase(Kind.self, "media kind"), caption: try r.optional(String.self))
    }
}

extension SourceInfo: StoredValue {
    public func store(to w: inout StoredWriter) { w.string(path); w.string(format); w.string(sha256); w.optional(fragment); w.optional(position) }
    public init(from r: inout StoredReader) throws {
        self.init(path: try r.string(), format: try r.string(), sha256: try r.string(), fragment: try r.optional(String.self), position: try r.optional(Int.self))
    }
}

extension Diagnostic: StoredValue {
    public func store(to w: inout StoredWriter) { w.string(file); w.optional(line); w.string(severity.rawValue); w.string(code); w.string(message) }
    public init(from r: inout StoredReader) throws {
        self.init(file: try r.string(), line: try r.optional(Int.self), severity: try r.enumCase(Severity.self, "severity"),
                  code: try r.string(), message: try r.string())
    }
}
