/// Writes JSON straight to UTF-8 bytes in `CanonicalJSON`'s layout, for the values written once
/// per record (records, JSON-LD documents, the page store). Going through `JSONEncoder` cost a tree
/// of boxed values, a type check per value and a second pass to indent: 13% of a full run's CPU.
///
/// The layout is exactly what `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) followed by
/// `CanonicalJSON.indent` gives, byte for byte (`CanonicalJSONWriterTests` compares the two on
/// every record of the sample inputs and on awkward values):
/// - keys in the order of their UTF-8 bytes (swift-foundation's `.sortedKeys` on Linux): types
///   with fixed keys write them in that order, maps are sorted here;
/// - strings escape `"`, `\` and the control characters (`\b \f \n \r \t`, else `\u00XX`), and
///   nothing else;
/// - pretty: two-space indentation, `"key": value`, empty containers as `[]` / `{}`;
///   compact: no whitespace at all.
public struct CanonicalJSONWriter {
    public internal(set) var bytes: [UInt8] = []
    let pretty: Bool
    /// Also escapes `<`, `>`, `&`, U+2028 and U+2029 (as `\u003c` …), so the JSON can sit inside an
    /// HTML `<script>` element without any text closing it: those occur only inside strings.
    let scriptSafe: Bool
    private var depth: Int
    /// Per open container: whether nothing has been written into it yet.
    private var openEmpty: [Bool] = []

    /// `depth` is how deep the value sits in an enclosing document (for array elements streamed one
    /// at a time); the first line is not indented, the following ones are.
    public init(pretty: Bool = true, depth: Int = 0, scriptSafe: Bool = false) {
        self.pretty = pretty
        self.scriptSafe = scriptSafe
        self.depth = depth
        bytes.reserveCapacity(1024)
    }

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    /// Starts the next member of the open object: separator, key and colon.
    public mutating func key(_ key: String) {
        separate()
        string(key)
        if pretty { bytes.append(0x3A); bytes.append(0x20) } else { bytes.append(0x3A) }
    }

    /// Starts the next element of the open array.
    public mutating func element() { separate() }

    public mutating func null() { bytes.append(contentsOf: "null".utf8) }
    public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func int(_ value: Int) {
        // Positions and counts: small non-negative numbers, written without making a string.
        if value >= 0 && value < 10 { bytes.append(0x30 + UInt8(value)); return }
        if value >= 10 && value < 100 { bytes.append(0x30 + UInt8(value / 10)); bytes.append(0x30 + UInt8(value % 10)); return }
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Numbers with a fraction are rare here (they come only from decoded configuration), so they
    /// borrow Foundation's formatting rather than reimplementing it.
    public mutating func double(_ value: Double) {
        let text = (try? CanonicalJSON.encoder().encode([value])).map { Array($0.dropFirst().dropLast()) }
        bytes.append(contentsOf: text ?? Array("null".utf8))
    }

    public mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            var i = 0
            while i < utf8.count {
                // Eight bytes at a time while none of them can need an escape (most text): the
                // byte-by-byte test below was the writer's whole cost.
                if let base = UnsafeRawPointer(utf8.baseAddress) {
                    while i + 8 <= utf8.count, !Self.mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self), scriptSafe: scriptSafe) { i += 8 }
                    if i >= utf8.count { break }
                }
                let b = utf8[i]
                if b < 0x20 || b == 0x22 || b == 0x5C {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    appendEscape(b)
                    start = i + 1
                } else if scriptSafe && (b == 0x26 || b == 0x3C || b == 0x3E) {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    appendUnicodeEscape(UInt16(b))
                    start = i + 1
                } else if scriptSafe && b == 0xE2 && i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9) {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    appendUnicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)  // LINE / PARAGRAPH SEPARATOR
                    i += 2
                    start = i + 1
                }
                i += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    /// Whether any of eight bytes may be one `string` escapes (a control character, `"`, `\`; for
    /// script-safe output also the script-breaking ones). Never a false "no"; a false "yes" only
    /// sends the bytes through the exact test.
    @inline(__always)
    static func mayNeedEscape(_ w: UInt64, scriptSafe: Bool) -> Bool {
        if ByteWord.containsBelow(w, 0x20) || ByteWord.contains(w, 0x22) || ByteWord.contains(w, 0x5C) { return true }
        return scriptSafe && mayBeScriptBreaking(w)
    }

    /// Whether any of eight bytes may be `&`, `<`, `>` or the lead byte of U+2028/U+2029, what
    /// script-safe JSON escapes beyond JSON's own (never a false "no").
    @inline(__always)
    public static func mayBeScriptBreaking(_ w: UInt64) -> Bool {
        ByteWord.contains(w, 0x26) || ByteWord.contains(w, 0x3C) || ByteWord.contains(w, 0x3E) || ByteWord.contains(w, 0xE2)
    }

    /// Writes a member whose value is optional only when it is present, as `encodeIfPresent` does.
    public mutating func member<T: CanonicalJSONWritable>(_ name: String, _ value: T?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    public mutating func value<T: CanonicalJSONWritable>(_ value: T) { value.write(to: &self) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        openEmpty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !openEmpty.removeLast() && pretty { newline() }
        bytes.append(bracket)
    }

    private mutating func separate() {
        if openEmpty[openEmpty.count - 1] { openEmpty[openEmpty.count - 1] = false } else { bytes.append(0x2C) }
        if pretty { newline() }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    private mutating func appendEscape(_ b: UInt8) {
        bytes.append(0x5C)
        switch b {
        case 0x22, 0x5C: bytes.append(b)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.removeLast()
            appendUnicodeEscape(UInt16(b))
        }
    }

    /// `\uXXXX`, lower-case hex as `JSONEncoder` writes it.
    private mutating func appendUnicodeEscape(_ code: UInt16) {
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift: UInt16 in [12, 8, 4, 0] {
            let digit = UInt8((code >> shift) & 0xF)
            bytes.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
        }
    }
}

/// A value that writes itself with `CanonicalJSONWriter`; `CanonicalJSON.data` takes this path for
/// it instead of `JSONEncoder`. Its `Encodable` conformance must give the same JSON.
public protocol CanonicalJSONWritable: Encodable {
    func write(to json: inout CanonicalJSONWriter)
}

extension String: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) { json.string(self) }
}

extension Int: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) { json.int(self) }
}

extension Bool: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) { json.bool(self) }
}

extension Array: CanonicalJSONWritable where Element: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginArray()
        for element in self {
            json.element()
            element.write(to: &json)
        }
        json.endArray()
    }
}

extension Dictionary where Key == String {
    /// The entries by their keys' UTF-8 bytes: the order canonical JSON and the stored form write.
    public var inUTF8KeyOrder: [(key: String, value: Value)] {
        sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
}

extension Dictionary: CanonicalJSONWritable where Key == String, Value: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        for (key, value) in inUTF8KeyOrder {
            json.key(key)
            value.write(to: &json)
        }
        json.endObject()
    }
}

extension JSONValue: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        switch self {
        case .string(let s): json.string(s)
        case .int(let i): json.int(i)
        case .double(let d): json.double(d)
        case .bool(let b): json.bool(b)
        case .array(let a): a.write(to: &json)
        case .object(let o): o.write(to: &json)
        case .null: json.null()
        }
    }
}

// The record types, their keys in UTF-8 order (see `CanonicalJSONWriter`); each writes what its
// `Encodable` conformance writes.

extension Exercise: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        if !attributes.isEmpty { json.member("attributes", attributes) }
        json.member("bodyParts", bodyParts)
        json.member("category", category)
        json.member("difficulty", difficulty)
        json.member("equipment", equipment)
        json.member("faq", faq)
        json.member("id", id)
        json.member("media", media)
        json.member("mistakes", mistakes)
        json.member("name", name)
        json.member("primaryMuscles", primaryMuscles)
        json.member("related", related)
        json.member("schemaVersion", Exercise.schemaVersion)
        json.member("secondaryMuscles", secondaryMuscles)
        json.member("source", source)
        json.member("stabilizerMuscles", stabilizerMuscles)
        json.member("steps", steps)
        json.member("summary", summary)
        json.member("tips", tips)
        if !unknownTerms.isEmpty { json.member("unknownTerms", unknownTerms) }
        json.member("variations", variations)
        json.endObject()
    }
}

extension FAQEntry: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("answer", answer)
        json.member("question", question)
        json.endObject()
    }
}

extension RelatedLink: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("title", title)
        json.member("url", url)
        json.endObject()
    }
}

extension Variation: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("title", title)
        json.member("url", url)
        json.endObject()
    }
}

extension Media: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("caption", caption)
        json.member("kind", kind.rawValue)
        json.member("url", url)
        json.endObject()
    }
}

extension SourceInfo: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("format", format)
        json.member("fragment", fragment)
        json.member("path", path)
        json.member("position", position)
        json.member("sha256", sha256)
        json.endObject()
    }
}

/// report.json's diagnostics, written directly (a large run has one or more per page).
extension Diagnostic: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("code", code)
        json.member("file", file)
        json.member("line", line)
        json.member("message", message)
        json.member("severity", severity.rawValue)
        json.endObject()
    }
}
