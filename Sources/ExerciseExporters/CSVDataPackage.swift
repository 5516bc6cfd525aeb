import ExerciseModel
import ExerciseTaxonomy

/// The csv exporter's `package` option: the Data Package's own metadata, which only the user can
/// know (whose data it is, under which licence, taken from where). Nothing is invented: without
/// the option the package is named "exercises" and titled "Exercises", with no licence or source.
public struct DataPackageInfo: Sendable, Equatable {
    public var name = "exercises"
    public var title = "Exercises"
    public var description: String?
    /// Each `{"name": "CC-BY-4.0", "path": "https://…", "title": "…"}` (name or path required).
    public var licenses: [[String: String]] = []
    /// Each `{"title": "…", "path": "https://…", "email": "…", "version": "…"}` (title required).
    public var sources: [[String: String]] = []

    public init() {}

    /// The `package` option as pipeline.json's schema declares it.
    static var option: ConfigOption {
        let name = ConfigOption("name", schema: ["type": "string", "pattern": "^[a-z0-9._-]+$", "default": "exercises",
                                                 "description": "The package's name: lower-case letters, digits, '.', '-' and '_'."], example: "exercises")
        return .object("package", "The Data Package's own metadata: whose data it is, under which licence, taken from where.", [
            name,
            .string("title", "The package's title.", default: "Exercises"),
            .string("description", "What the data is.", example: "Exercises of our site."),
            .objects("licenses", "The licences, each with a name (e.g. CC-BY-4.0) or a path (its URL).", [
                .string("name", "An SPDX licence id.", example: "CC-BY-4.0"),
                .string("path", "The licence's URL.", example: "https://creativecommons.org/licenses/by/4.0/"),
                .string("title", "The licence's title.", example: "Creative Commons Attribution 4.0"),
            ]),
            .objects("sources", "Where the data was taken from.", [
                .string("title", "The source's name.", example: "Our CMS"),
                .string("path", "Its URL.", example: "https://example.com/"),
                .string("email", "A contact address.", example: "data@example.com"),
                .string("version", "The source's version.", example: "1"),
            ], required: ["title"]),
        ])
    }

    /// Reads `package` from the exporter's options; unknown keys are errors, as everywhere.
    init(options: inout ConfigObject) throws {
        guard let value = options.value("package") else { return }
        var o = try ConfigObject(value, path: options.keyPath("package"))
        if let n = try o.string("name") {
            // Data Package names are lower-case letters, digits, '.', '-' and '_' (validators check it).
            guard !n.isEmpty, n.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }) else {
                throw ConfigError(o.keyPath("name"), "'\(n)' is not a Data Package name: use lower-case letters, digits, '.', '-' and '_'")
            }
            name = n
        }
        title = try o.string("title") ?? title
        description = try o.string("description")
        licenses = try Self.objects(&o, "licenses", keys: ["name", "path", "title"]) { license, path in
            if license["name"] == nil && license["path"] == nil { throw ConfigError(path, "a licence needs a name (e.g. \"CC-BY-4.0\") or a path (its URL)") }
        }
        sources = try Self.objects(&o, "sources", keys: ["title", "path", "email", "version"]) { source, path in
            if source["title"] == nil { throw ConfigError(path + ".title", "is required") }
        }
        try o.finish()
    }

    /// An array of objects with string values under the given keys, each checked by `check`.
    private static func objects(_ o: inout ConfigObject, _ key: String, keys: [String], check: ([String: String], String) throws -> Void) throws -> [[String: String]] {
        guard let value = o.value(key) else { return [] }
        guard case .array(let items) = value else { throw ConfigError(o.keyPath(key), "expected an array of objects, found \(value.typeName)") }
        return try items.enumerated().map { i, item in
            let path = "\(o.keyPath(key))[\(i)]"
            var object = try ConfigObject(item, path: path)
            var out: [String: String] = [:]
            for k in keys { if let v = try object.string(k) { out[k] = v } }
            try object.finish()
            try check(out, path)
            return out
        }
    }

    var descriptor: [String: JSONValue] {
        var out: [String: JSONValue] = ["name": .string(name), "title": .string(title)]
        if let description { out["description"] = .string(description) }
        func array(_ list: [[String: String]]) -> JSONValue { .array(list.map { .object($0.mapValues(JSONValue.string)) }) }
        if !licenses.isEmpty { out["licenses"] = array(licenses) }
        if !sources.isEmpty { out["sources"] = array(sources) }
        return out
    }
}

extension CSVExporter {
    /// Frictionless Data Package (v2) describing the CSV files: every column's type and meaning,
    /// taxonomy columns limited to the ids of the taxonomy in force, primary keys, and the long
    /// tables' `exercise_id` referencing the main table.
    func datapackage(_ tables: [Table], taxonomy: Taxonomy) -> JSONValue {
        let resources: [JSONValue] = tables.map { table in
            let fields: [JSONValue] = table.columns.map { c in
                var o: [String: JSONValue] = ["name": .string(c.name), "type": .string(c.type), "description": .string(c.description)]
                if let d = c.delimiter { o["delimiter"] = .string(d); o["itemType"] = "string" }
                var constraints: [String: JSONValue] = [:]
                if let kind = c.kind { constraints["enum"] = .array(taxonomy[kind].terms.map(\.id).sorted().map(JSONValue.string)) }
                if let values = c.values { constraints["enum"] = .array(values.map(JSONValue.string)) }
                if table.primaryKey.contains(c.name) || c.name == Self.exerciseKey { constraints["required"] = true }
                if table.primaryKey == [c.name] { constraints["unique"] = true }
                if !constraints.isEmpty { o["constraints"] = .object(constraints) }
                return .object(o)
            }
            var schema: [String: JSONValue] = [
                "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
                "fields": .array(fields),
                "primaryKey": .array(table.primaryKey.map(JSONValue.string)),
            ]
            if table.name != Self.mainTableName {
                let reference: JSONValue = .object(["resource": .string(Self.mainTableName), "fields": .array(["id"])])
                schema["foreignKeys"] = .array([.object(["fields": .array([.string(Self.exerciseKey)]), "reference": reference])])
            }
            var resource: [String: JSONValue] = [
                "name": .string(table.name),
                "path": .string(Self.relativePath(from: datapackagePath, to: tablePath(table))),
                "type": "table", "format": "csv", "mediatype": "text/csv", "encoding": .string(bom ? "utf-8-sig" : "utf-8"),
                "dialect": .object([
                    "$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
                    "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true,
                ]),
                "schema": .object(schema),
            ]
            if formulaProtection {
                resource["description"] = "Spreadsheet-safe: a cell beginning with =, +, -, @, tab or CR (or ' followed by one of them) has one leading ' added; remove it to get the value."
            }
            return .object(resource)
        }
        var out = package.descriptor
        out["$schema"] = "https://datapackage.org/profiles/2.0/datapackage.json"
        out["resources"] = .array(resources)
        return .object(out)
    }

    /// The record as the CSV can carry it: a taxonomy column holds ids of the taxonomy in force
    /// (its datapackage says so, with an enum); a value that is not one (normalize-taxonomy did not
    /// run, or an extension changed) moves to the unknownTerms column, and is said.
    static func idsOnly(_ record: Exercise, taxonomy: Taxonomy, diagnostics: inout DiagnosticSink) -> Exercise {
        var r = record
        var moved: [String] = []
        func keep(_ values: [String], _ kind: TaxonomyKind, _ field: Exercise.Field) -> [String] {
            var out: [String] = []
            for v in values {
                if taxonomy[kind].term(v) != nil {
                    if !out.contains(v) { out.append(v) }
                    continue
                }
                moved.append("\(field.rawValue) '\(v)'")
                if !(r.unknownTerms[field.rawValue] ?? []).contains(v) { r.unknownTerms[field.rawValue, default: []].append(v) }
            }
            return out
        }
        r.bodyParts = keep(r.bodyParts, .bodyPart, .bodyParts)
        r.equipment = keep(r.equipment, .equipment, .equipment)
        r.primaryMuscles = keep(r.primaryMuscles, .muscle, .primaryMuscles)
        r.secondaryMuscles = keep(r.secondaryMuscles, .muscle, .secondaryMuscles)
        r.stabilizerMuscles = keep(r.stabilizerMuscles, .muscle, .stabilizerMuscles)
        r.difficulty = r.difficulty.flatMap { keep([$0], .difficulty, .difficulty).first }
        r.category = r.category.flatMap { keep([$0], .category, .category).first }
        if !moved.isEmpty {
            diagnostics.report(.notATaxonomyID, "csv: \(moved.joined(separator: ", ")) \(moved.count == 1 ? "is not a taxonomy id" : "are not taxonomy ids"); written to the unknownTerms column instead", file: record.source.path)
        }
        return r
    }
}

