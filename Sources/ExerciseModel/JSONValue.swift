import Foundation

/// A JSON value with a fixed, deterministic encoding (used for JSON-LD documents and for reading
/// pipeline.json with key paths in its errors).
public enum JSONValue: Sendable, Equatable, Codable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }

    /// An object's member (nil for a missing key or a value that is not an object).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The JSON type's name as a user would say it, for configuration errors.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .int, .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .object: "an object"
        case .null: "null"
        }
    }
}

/// Literals, so documents such as JSON-LD and JSON Schema read like the JSON they produce.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(elements) { $1 }) }
}

/// The one way this project turns values into JSON bytes: sorted keys (without them the order varies
/// from run to run), no escaped slashes, two-space indentation, `"key": value`, empty containers as
/// `[]` / `{}`, and a trailing newline. The layout is done here rather than by Foundation's
/// `.prettyPrinted`, whose spacing differs between platforms and versions.
public enum CanonicalJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Values that write themselves (`CanonicalJSONWritable`: records, JSON-LD) skip the encoder.
    public static func data<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        guard let writable = value as? any CanonicalJSONWritable else { return try encoderData(value, pretty: pretty) }
        return data(writable, pretty: pretty)
    }

    /// The same for a type known to write itself: no dynamic cast (a conformance lookup per
    /// record showed in the profile).
    public static func data<T: CanonicalJSONWritable>(_ value: T, pretty: Bool = true) -> Data {
        var json = CanonicalJSONWriter(pretty: pretty)
        value.write(to: &json)
        json.bytes.append(0x0A)
        return Data(json.bytes)
    }

    /// The same bytes through `JSONEncoder`: for types without a writer, and the reference the
    /// writer is tested against.
    public static func encoderData<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        let compact = try encoder().encode(value)
        var out = pretty ? indent(compact) : compact
        out.append(0x0A)
        return out
    }

    /// Re-lays compact JSON with two-space indentation. Works on bytes: string contents (including
    /// escaped quotes) pass through untouched.
    public static func indent(_ compact: Data) -> Data {
        let bytes = [UInt8](compact)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: depth * 2))
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                i += 1
                continue
            }
            switch b {
            case 0x22:  // "
                inString = true
                out.append(b)
            case 0x5B, 0x7B:  // [ {
                out.append(b)
                let close: UInt8 = b == 0x5B ? 0x5D : 0x7D
                if i + 1 < bytes.count && bytes[i + 1] == close {
                    out.append(close)
                    i += 1
                } else {
                    depth += 1
                    newline()
                }
            case 0x5D, 0x7D:  // ] }
                depth -= 1
                newline()
                out.append(b)
            case 0x2C:  // ,
                out.append(b)
                newline()
            case 0x3A:  // :
                out.append(b)
                out.append(0x20)
            default:
                out.append(b)
            }
            i += 1
        }
        return Data(out)
    }
}

/// A JSON array written an element at a time, laid out exactly as `CanonicalJSON.data` lays out
/// the whole document (two-space indentation, `[]` when empty), for files too large to build in
/// memory. `depth` is how deep the array sits in the document (1 for a file that is the array).
public struct JSONArrayStream {
    let depth: Int
    public private(set) var count = 0

    public init(depth: Int = 1) { self.depth = depth }

    /// The text that adds `element` to the array.
    public mutating func text<T: Encodable>(for element: T) throws -> String {
        let pad = String(repeating: "  ", count: depth)
        defer { count += 1 }
        let lead = (count == 0 ? "[\n" : ",\n") + pad
        if let writable = element as? any CanonicalJSONWritable {
            var json = CanonicalJSONWriter(depth: depth)
            writable.write(to: &json)
            return lead + String(decoding: json.bytes, as: UTF8.self)
        }
        let json = String(decoding: try CanonicalJSON.data(element).dropLast(), as: UTF8.self)
        return lead + json.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad)
    }

    /// `text(for:)`'s bytes, for a type that writes itself: no cast, and no string to make.
    public mutating func bytes<T: CanonicalJSONWritable>(for element: T) -> [UInt8] {
        defer { count += 1 }
        var json = CanonicalJSONWriter(depth: depth)
        json.bytes.append(contentsOf: (count == 0 ? "[\n" : ",\n").utf8)
        json.bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
        element.write(to: &json)
        return json.bytes
    }

    /// The text that closes the array (without a final line feed).
    public var closing: String {
        count == 0 ? "[]" : "\n" + String(repeating: "  ", count: depth - 1) + "]"
    }
}
