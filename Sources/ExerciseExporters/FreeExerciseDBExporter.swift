import ExerciseModel
import ExerciseTaxonomy

/// `free-exercise-db`: the records in free-exercise-db's own format (an array like its
/// `dist/exercises.json`; default `free-exercise-db/exercises.json`), vocabulary mapped through
/// the crosswalks. Its schema requires a level and a category: a record whose difficulty or
/// category has no counterpart is left out of this file with a warning rather than given an
/// invented value — unless the pipeline says what to use instead with `fallback`
/// (`{"level": "beginner", "category": "strength"}`, free-exercise-db's own values), which is then
/// used and noted for each record that needs it.
public struct FreeExerciseDBExporter: Exporter, SingleFileExporter {
    public static let format = "free-exercise-db"
    public static let summary = "free-exercise-db's format (path default: free-exercise-db/exercises.json)"
    public var path: String
    public var fallbackLevel: String?
    public var fallbackCategory: String?


    public static func options(_ context: ExportContext) -> [ConfigOption] {
        let vocabulary = context.taxonomy.crosswalk?.sources[Self.format] ?? [:]
        return [
            .path(default: "free-exercise-db/exercises.json"),
            .object("fallback", "The level and category given to records without a mappable one (free-exercise-db requires both); without it such records are left out, each with a warning.", [
                .oneOf("level", "A free-exercise-db level.", (vocabulary[.difficulty] ?? []).sorted()),
                .oneOf("category", "A free-exercise-db category.", (vocabulary[.category] ?? []).sorted()),
            ]),
        ]
    }

    public init(options: inout ConfigObject, context: ExportContext) throws {
        // free-exercise-db's own levels and categories, as the crosswalks record them.
        let vocabulary = context.taxonomy.crosswalk?.sources[Self.format] ?? [:]
        let levels = Set(vocabulary[.difficulty] ?? [])
        let categories = Set(vocabulary[.category] ?? [])
        path = try options.string("path") ?? "free-exercise-db/exercises.json"
        if let value = options.value("fallback") {
            var fallback = try ConfigObject(value, path: options.keyPath("fallback"))
            fallbackLevel = try fallback.string("level")
            fallbackCategory = try fallback.string("category")
            try fallback.finish()
            if let l = fallbackLevel, !levels.contains(l) {
                throw ConfigError(fallback.keyPath("level"), "'\(l)' is not a free-exercise-db level (\(levels.sorted().joined(separator: ", ")))")
            }
            if let c = fallbackCategory, !categories.contains(c) {
                throw ConfigError(fallback.keyPath("category"), "'\(c)' is not a free-exercise-db category (\(categories.sorted().joined(separator: ", ")))")
            }
        }
    }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        try StreamingFileWriter(output, jsonArrayAt: path) { r, diagnostics in
            let map = OtherAppMapper(dataset: Self.format, context: context, record: r)
            defer { diagnostics.append(contentsOf: map.sink.diagnostics) }
            return convert(r, map: map)
        }
    }

    func convert(_ r: Exercise, map: OtherAppMapper) -> JSONValue? {
        var level = r.difficulty.flatMap { map.value($0, .difficulty, field: "difficulty") }
        var category = r.category.flatMap { map.value($0, .category, field: "category") }
        if level == nil, let l = fallbackLevel {
            level = l
            map.report(.fallbackUsed, "free-exercise-db level '\(l)' from the exporter's fallback (the record has no mappable difficulty)")
        }
        if category == nil, let c = fallbackCategory {
            category = c
            map.report(.fallbackUsed, "free-exercise-db category '\(c)' from the exporter's fallback (the record has no mappable category)")
        }
        guard let level, let category else {
            map.report(.recordLeftOut, "left out of \(path): free-exercise-db requires a level and a category, and this record has \(level == nil ? "no mappable difficulty" : "no mappable category")")
            return nil
        }
        func enumValue(_ keys: [String], _ allowed: Set<String>) -> JSONValue {
            for key in keys {
                if let v = r.attributes[key]?.lowercased(), allowed.contains(v) { return .string(v) }
            }
            return .null
        }
        let equipment = map.first(map.values(r.equipment, .equipment, field: "equipment"), field: "equipment")
        return .object([
            "id": .string(r.id),
            "name": .string(r.name),
            "force": enumValue(["force"], ["push", "pull", "static"]),
            "level": .string(level),
            "mechanic": enumValue(["mechanic", "mechanics", "type"], ["compound", "isolation"]),
            "equipment": equipment.map(JSONValue.string) ?? .null,
            "primaryMuscles": .array(map.values(r.primaryMuscles, .muscle, field: "primary muscle").map(JSONValue.string)),
            "secondaryMuscles": .array(map.values(r.secondaryMuscles, .muscle, field: "secondary muscle").map(JSONValue.string)),
            "instructions": .array(r.steps.map(JSONValue.string)),
            "category": .string(category),
            "images": [],
        ])
    }
}

extension DiagnosticCode {
    static let fallbackUsed = DiagnosticCode("fallback-used", .info,
        "The record has no value the other app's format needs (free-exercise-db's level or category; ExerciseDB's body part, equipment or target) that the crosswalks can map, so the exporter's configured `fallback` value was written.")
    static let recordLeftOut = DiagnosticCode("record-left-out", .warning,
        "free-exercise-db requires a level and a category and the record has no mappable one; it was left out of that file. Give the page a difficulty and category, or set the exporter's `fallback`.")
}
