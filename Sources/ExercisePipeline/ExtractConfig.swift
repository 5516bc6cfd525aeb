import ExerciseModel
import ExerciseReaders
import Foundation

/// pipeline.json `extract`: per-site rules, global and for some inputs.
///
/// ```json
/// "extract": {
///   "sections": {"steps": ["Form Cues"], "tips": ["Key Points"], "ignore": ["Perfect For"]},
///   "xpath": {"primaryMuscles": "//span[contains(@class,'muscle-tag')]", "steps": "//div[@class='step']"},
///   "for": [{"paths": ["fittrack/*"], "xpath": {"steps": "//div[@class='step-text']"}}]
/// }
/// ```
/// Section names work for both formats; XPath (1.0, libxml2's) for HTML. A rule for some inputs
/// (`for`, fnmatch patterns against the input's path or file name) goes over the global ones.
public struct ExtractConfig: Sendable {
    public var global = ExtractRules()
    public var scoped: [(paths: [String], rules: ExtractRules)] = []

    public init() {}

    /// The rules in force for one input.
    public func rules(for path: String) -> ExtractRules {
        var rules = global
        let file = (path as NSString).lastPathComponent
        for (patterns, scopedRules) in scoped where patterns.contains(where: { fnmatch($0, path, 0) == 0 || fnmatch($0, file, 0) == 0 }) {
            rules = rules.overlaid(with: scopedRules)
        }
        return rules
    }

    static func parse(_ value: JSONValue?) throws -> ExtractConfig {
        var config = ExtractConfig()
        guard let value else { return config }
        var root = try ConfigObject(value, path: "extract")
        config.global = try rules(&root)
        if let list = root.value("for") {
            guard case .array(let items) = list else { throw ConfigError("extract.for", "expected an array of objects with paths, found \(list.typeName)") }
            for (i, item) in items.enumerated() {
                var o = try ConfigObject(item, path: "extract.for[\(i)]")
                guard let paths = try o.stringList("paths"), !paths.isEmpty else { throw ConfigError(o.keyPath("paths"), "is required: the inputs (glob patterns) the rules are for") }
                config.scoped.append((paths, try rules(&o)))
                try o.finish()
            }
        }
        try root.finish()
        return config
    }

    /// `sections` and `xpath` of one rules object.
    private static func rules(_ o: inout ConfigObject) throws -> ExtractRules {
        var rules = ExtractRules()
        if let value = o.value("sections") {
            var sections = try ConfigObject(value, path: o.keyPath("sections"))
            for field in ExtractRules.sectionFields {
                for heading in try sections.stringList(field) ?? [] { rules.sections[heading] = field }
            }
            try sections.finish()
        }
        if let value = o.value("xpath") {
            var xpath = try ConfigObject(value, path: o.keyPath("xpath"))
            for field in ExtractRules.xpathFields {
                guard let expression = try xpath.string(field) else { continue }
                let keyPath = xpath.keyPath(field)
                guard HTMLReader.isValidXPath(expression) else {
                    throw ConfigError(keyPath, "'\(expression)' is not a valid XPath 1.0 expression")
                }
                rules.xpath.append(.init(field: field, expression: expression, keyPath: keyPath))
            }
            try xpath.finish()
        }
        return rules
    }
}
