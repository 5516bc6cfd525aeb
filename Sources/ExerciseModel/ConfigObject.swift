/// A configuration error names the key path it is about (`exporters[2].format`), so a user can
/// find it in pipeline.json without guessing.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public var keyPath: String
    public var message: String
    public init(_ keyPath: String, _ message: String) {
        self.keyPath = keyPath
        self.message = message
    }
    public var description: String { keyPath.isEmpty ? message : "\(keyPath): \(message)" }
}

/// One JSON object of pipeline.json, read key by key. Every read names its key path in errors, and
/// `finish()` rejects keys nobody read: a typo is an error, not a silently ignored option.
public struct ConfigObject: Sendable {
    public let path: String
    private let values: [String: JSONValue]
    private var read: Set<String> = []
    var readKeys: Set<String> { read }

    public init(_ value: JSONValue, path: String) throws {
        guard case .object(let values) = value else {
            throw ConfigError(path, "expected an object, found \(value.typeName)")
        }
        self.path = path
        self.values = values
    }

    public func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        return values[key]
    }

    public mutating func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { throw ConfigError(keyPath(key), "expected a string, found \(v.typeName)") }
        return s
    }

    public mutating func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw ConfigError(keyPath(key), "is required") }
        return s
    }

    public mutating func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v else { throw ConfigError(keyPath(key), "expected true or false, found \(v.typeName)") }
        return b
    }

    /// A string or an array of strings.
    public mutating func stringList(_ key: String) throws -> [String]? {
        guard let v = value(key) else { return nil }
        return try ConfigObject.stringList(v, path: keyPath(key))
    }

    public static func stringList(_ v: JSONValue, path: String) throws -> [String] {
        switch v {
        case .string(let s): return [s]
        case .array(let items):
            return try items.enumerated().map { i, item in
                guard case .string(let s) = item else { throw ConfigError("\(path)[\(i)]", "expected a string, found \(item.typeName)") }
                return s
            }
        default: throw ConfigError(path, "expected a string or an array of strings, found \(v.typeName)")
        }
    }

    /// Throws for the first key (in sorted order) that no reader asked for.
    /// A key of this object that is a misspelling of `key` (for "is required" errors: the user
    /// probably wrote it, misspelled).
    public func misspelling(of key: String) -> String? {
        Self.closest(to: key, among: Set(values.keys).subtracting(read))
    }

    /// The candidate two edits or fewer from `key`, case aside; the nearest, then the first.
    static func closest(to key: String, among candidates: Set<String>) -> String? {
        candidates.map { ($0, PlainText.editDistance(key.lowercased(), $0.lowercased(), limit: 2)) }
            .filter { $0.1 <= 2 }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    public func finish() throws {
        if let first = unknownKeys().first { throw first }
    }

    /// Every key nobody read, each as an error (with the known key it probably misspells).
    public func unknownKeys() -> [ConfigError] {
        values.keys.filter { !read.contains($0) }.sorted().map { extra in
            let hint = Self.closest(to: extra, among: read).map { "did you mean '\($0)'? " } ?? ""
            return ConfigError(keyPath(extra), "unknown key; \(hint)expected one of: \(read.sorted().joined(separator: ", "))")
        }
    }
}

/// Several configuration errors found at once (overlapping output paths, say): a user fixes them
/// all in one go instead of one per run.
public struct ConfigErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
