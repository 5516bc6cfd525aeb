import ExerciseModel
import ExerciseTaxonomy

/// `exercisedb`: the records in ExerciseDB's field layout (`id`, `name`, `body_part`,
/// `equipment`, `target`, `secondary_muscles`, `instructions`, `instruction_steps`; default
/// `exercisedb/exercises.json`), vocabulary mapped through the crosswalks. ExerciseDB has one body
/// part, one equipment and one target per exercise: the first is kept, the rest reported; a value
/// with no counterpart is null and reported.
public struct ExerciseDBExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "exercisedb"
    public static let summary = "ExerciseDB's field layout (path default: exercisedb/exercises.json)"
    public var path: String

    public static let defaultPath = "exercisedb/exercises.json"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        try StreamingFileWriter(output, jsonArrayAt: path) { r, diagnostics in
            let map = OtherAppMapper(dataset: "exercisedb", context: context, record: r)
            func single(_ ids: [String], _ kind: TaxonomyKind, _ field: String) -> JSONValue {
                map.first(map.values(ids, kind, field: field), field: field).map(JSONValue.string) ?? .null
            }
            let target = single(r.primaryMuscles, .muscle, "target")
            let targetValue: String? = if case .string(let s) = target { s } else { nil }
            defer { diagnostics.append(contentsOf: map.sink.diagnostics) }
            return .object([
                "id": .string(r.id),
                "name": .string(r.name.lowercased()),
                "body_part": single(r.bodyParts, .bodyPart, "body part"),
                "equipment": single(r.equipment, .equipment, "equipment"),
                "target": target,
                "secondary_muscles": .array(map.values(r.secondaryMuscles, .muscle, field: "secondary muscle").filter { $0 != targetValue }.map(JSONValue.string)),
                "instructions": .string(r.steps.joined(separator: " ")),
                "instruction_steps": .array(r.steps.map(JSONValue.string)),
            ])
        }
    }
}
