/// One key a pipeline.json object takes, declared beside the code that reads it: its JSON Schema
/// (type, default, allowed values, a description for editors) and a valid example value. The
/// pipeline.json schema (`docs/pipeline.schema.json`) is assembled from these declarations, and a
/// test reads every declared object with its examples and checks that exactly the declared keys
/// are the ones read — so the schema cannot drift from what the parser accepts.
public struct ConfigOption: Sendable {
    public var key: String
    public var schema: [String: JSONValue]
    public var example: JSONValue

    public init(_ key: String, schema: [String: JSONValue], example: JSONValue) {
        self.key = key
        self.schema = schema
        self.example = example
    }

    public static func string(_ key: String, _ description: String, default value: String? = nil, example: String? = nil) -> ConfigOption {
        var schema: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let value { schema["default"] = .string(value) }
        return ConfigOption(key, schema: schema, example: .string(example ?? value ?? "x"))
    }

    /// A path relative to the output folder.
    public static func path(_ description: String = "Where the exporter writes, relative to the output folder.", default value: String) -> ConfigOption {
        .string("path", description, default: value)
    }

    /// An absolute http(s) URL, as `baseURL` must be.
    public static func url(_ key: String, _ description: String, example: String) -> ConfigOption {
        ConfigOption(key, schema: ["type": "string", "format": "uri", "pattern": "^https?://", "description": .string(description)], example: .string(example))
    }

    public static func bool(_ key: String, _ description: String, default value: Bool) -> ConfigOption {
        ConfigOption(key, schema: ["type": "boolean", "default": .bool(value), "description": .string(description)], example: .bool(!value))
    }

    /// One of `values`.
    public static func oneOf(_ key: String, _ description: String, _ values: [String]) -> ConfigOption {
        ConfigOption(key, schema: ["type": "string", "enum": .array(values.map(JSONValue.string)), "description": .string(description)],
                     example: values.first.map(JSONValue.string) ?? .null)
    }

    /// A string, or an array of strings (pipeline.json takes either wherever a list is asked for).
    public static func stringList(_ key: String, _ description: String, items: [String: JSONValue] = ["type": "string"], example: [String]) -> ConfigOption {
        let item = JSONValue.object(items)
        return ConfigOption(key, schema: ["description": .string(description), "oneOf": [item, .object(["type": "array", "items": item])]],
                            example: .array(example.map(JSONValue.string)))
    }

    /// A nested object with options of its own (unknown keys rejected, as everywhere).
    public static func object(_ key: String, _ description: String, _ options: [ConfigOption]) -> ConfigOption {
        ConfigOption(key, schema: ConfigOption.objectSchema(options, description: description), example: ConfigOption.example(of: options))
    }

    /// An array of objects, each taking exactly `options`.
    public static func objects(_ key: String, _ description: String, _ options: [ConfigOption], required: [String] = []) -> ConfigOption {
        ConfigOption(key, schema: ["type": "array", "description": .string(description), "items": .object(objectSchema(options, required: required))],
                     example: [example(of: options)])
    }

    /// The JSON Schema of an object taking exactly `options`.
    public static func objectSchema(_ options: [ConfigOption], description: String? = nil, required: [String] = [], extra: [String: JSONValue] = [:]) -> [String: JSONValue] {
        var properties: [String: JSONValue] = extra
        for option in options { properties[option.key] = .object(option.schema) }
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if let description { schema["description"] = .string(description) }
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return schema
    }

    /// An object giving every option its example value.
    public static func example(of options: [ConfigOption]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: options.map { ($0.key, $0.example) }))
    }
}

extension ConfigObject {
    /// The keys asked for so far (the options the reader knows), sorted.
    public var keysRead: [String] { readKeys.sorted() }
}
