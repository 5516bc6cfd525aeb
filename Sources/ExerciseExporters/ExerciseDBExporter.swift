import ExerciseModel
import ExerciseTaxonomy

/// `exercisedb`: the records in ExerciseDB's field layout (`id`, `name`, `body_part`,
/// `equipment`, `target`, `secondary_muscles`, `instructions`, `instruction_steps`; default
/// `exercisedb/exercises.json`), vocabulary mapped through the crosswalks. ExerciseDB has one body
/// part, one equipment and one target per exercise: the first is kept, the rest reported; a value
/// with no counterpart is null and reported — unless the pipeline says what to use instead with
/// `fallback` (`{"body_part": "upper legs", "equipment": "body weight", "target": "quadriceps"}`,
/// ExerciseDB's own values), which is then used and noted for each record that needs it (as
/// free-exercise-db's `fallback`: pages such as everkinetic's name no body part at all).
public struct ExerciseDBExporter: Exporter, SingleFileExporter {
    public static let format = "exercisedb"
    public static let summary = "ExerciseDB's field layout (path default: exercisedb/exercises.json)"
    public var path: String
    /// ExerciseDB field → the value written when the record has no mappable one.
    public var fallback: [String: String] = [:]

    public static let defaultPath = "exercisedb/exercises.json"
    /// The fields a fallback may be given for, with the vocabulary each takes its values from.
    static let fallbackFields: [(key: String, kind: TaxonomyKind, label: String)] = [
        ("body_part", .bodyPart, "body part"), ("equipment", .equipment, "equipment"), ("target", .muscle, "target"),
    ]

    public init(path: String = defaultPath) { self.path = path }

    public static func options(_ context: ExportContext) -> [ConfigOption] {
        let vocabulary = context.taxonomy.crosswalk?.sources[format] ?? [:]
        return [
            .path(default: defaultPath),
            .object("fallback", "ExerciseDB values for records that have no mappable one (pages that name no body part, say); each use is noted.",
                    fallbackFields.map { .oneOf($0.key, "An ExerciseDB \($0.label).", (vocabulary[$0.kind] ?? []).sorted()) }),
        ]
    }

    public init(options: inout ConfigObject, context: ExportContext) throws {
        // ExerciseDB's own values, as the crosswalks record them.
        let vocabulary = context.taxonomy.crosswalk?.sources[Self.format] ?? [:]
        path = try options.string("path") ?? Self.defaultPath
        guard let value = options.value("fallback") else { return }
        var o = try ConfigObject(value, path: options.keyPath("fallback"))
        for field in Self.fallbackFields {
            guard let v = try o.string(field.key) else { continue }
            let allowed = vocabulary[field.kind] ?? []
            guard allowed.contains(v) else {
                throw ConfigError(o.keyPath(field.key), "'\(v)' is not an ExerciseDB \(field.label) (\(allowed.sorted().joined(separator: ", ")))")
            }
            fallback[field.key] = v
        }
        try o.finish()
    }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        try StreamingFileWriter(output, jsonArrayAt: path) { r, diagnostics in
            let map = OtherAppMapper(dataset: Self.format, context: context, record: r)
            defer { diagnostics.append(contentsOf: map.sink.diagnostics) }
            return convert(r, map: map)
        }
    }

    func convert(_ r: Exercise, map: OtherAppMapper) -> JSONValue {
        func single(_ ids: [String], _ key: String) -> String? {
            let field = Self.fallbackFields.first { $0.key == key }!
            if let v = map.first(map.values(ids, field.kind, field: field.label), field: field.label) { return v }
            guard let v = fallback[key] else { return nil }
            map.report(.fallbackUsed, "exercisedb \(field.label) '\(v)' from the exporter's fallback (the record has no mappable \(field.label))")
            return v
        }
        let target = single(r.primaryMuscles, "target")
        return .object([
            "id": .string(r.id),
            "name": .string(r.name.lowercased()),
            "body_part": single(r.bodyParts, "body_part").map(JSONValue.string) ?? .null,
            "equipment": single(r.equipment, "equipment").map(JSONValue.string) ?? .null,
            "target": target.map(JSONValue.string) ?? .null,
            "secondary_muscles": .array(map.values(r.secondaryMuscles, .muscle, field: "secondary muscle").filter { $0 != target }.map(JSONValue.string)),
            "instructions": .string(r.steps.joined(separator: " ")),
            "instruction_steps": .array(r.steps.map(JSONValue.string)),
        ])
    }
}
