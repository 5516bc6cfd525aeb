import ExerciseModel
import ExerciseTaxonomy

/// `json-schema`: the JSON Schema (draft 2020-12) of the record, with every field described and
/// the taxonomy fields limited to the ids of the taxonomy in force (default
/// `schema/exercise.schema.json`). Every JSON record the tool writes validates against it.
public struct JSONSchemaExporter: PathOnlyExporter, SingleFileExporter {
    public static let format = "json-schema"
    public static let summary = "JSON Schema (draft 2020-12) of the record, taxonomy ids as enums (path default: schema/exercise.schema.json)"
    public var path: String

    public static let defaultPath = "schema/exercise.schema.json"

    public init(path: String = defaultPath) { self.path = path }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        FinishWriter { _ in try output.write(CanonicalJSON.data(schema(context)), to: path) }
    }

    public func schema(_ context: ExportContext) -> JSONValue {
        let taxonomy = context.taxonomy
        func text(_ description: String, minLength: Int = 1) -> JSONValue {
            .object(["type": "string", "minLength": .int(minLength), "description": .string(description)])
        }
        func ids(_ kind: TaxonomyKind) -> JSONValue {
            .array(taxonomy[kind].terms.map(\.id).sorted().map(JSONValue.string))
        }
        func idList(_ field: Exercise.Field, _ kind: TaxonomyKind) -> JSONValue {
            .object(["type": "array", "uniqueItems": true, "description": .string(field.meaning),
                     "items": .object(["enum": ids(kind)])])
        }
        func textList(_ field: Exercise.Field) -> JSONValue {
            .object(["type": "array", "description": .string(field.meaning), "items": .object(["type": "string", "minLength": 1])])
        }
        func object(_ properties: [String: JSONValue], required: [String], description: String) -> JSONValue {
            .object(["type": "object", "description": .string(description), "additionalProperties": false,
                     "required": .array(required.map(JSONValue.string)), "properties": .object(properties)])
        }
        let properties: [String: JSONValue] = [
            "schemaVersion": .object(["const": .string(Exercise.schemaVersion), "description": "Version of the record's shape (MAJOR.MINOR); see the README's policy for changing the record."]),
            "id": .object(["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": .string(Exercise.Field.id.meaning)]),
            "name": text(Exercise.Field.name.meaning),
            "summary": text(Exercise.Field.summary.meaning),
            "bodyParts": idList(.bodyParts, .bodyPart),
            "equipment": idList(.equipment, .equipment),
            "primaryMuscles": idList(.primaryMuscles, .muscle),
            "secondaryMuscles": idList(.secondaryMuscles, .muscle),
            "stabilizerMuscles": idList(.stabilizerMuscles, .muscle),
            "difficulty": .object(["enum": ids(.difficulty), "description": .string(Exercise.Field.difficulty.meaning)]),
            "category": .object(["enum": ids(.category), "description": .string(Exercise.Field.category.meaning)]),
            "steps": textList(.steps),
            "tips": textList(.tips),
            "mistakes": textList(.mistakes),
            "faq": .object(["type": "array", "description": .string(Exercise.Field.faq.meaning), "items": object([
                "question": text("The question, as the page asks it."),
                "answer": text("The answer, plain text."),
            ], required: ["question", "answer"], description: "One question and its answer.")]),
            "related": .object(["type": "array", "description": .string(Exercise.Field.related.meaning), "items": object([
                "title": text("The link's text."),
                "url": text("The link target as the page gives it (absolute or relative)."),
            ], required: ["title", "url"], description: "One related link.")]),
            "variations": .object(["type": "array", "description": .string(Exercise.Field.variations.meaning), "items": object([
                "title": text("The variation's name or description, as the page gives it."),
                "url": text("The link the page gives for it (absolute or relative)."),
            ], required: ["title"], description: "One variation.")]),
            "media": .object(["type": "array", "description": .string(Exercise.Field.media.meaning), "items": object([
                "url": text("The image or video: as the page gives it (absolute or relative); YouTube and Vimeo players as their video page."),
                "kind": .object(["enum": ["image", "video"], "description": "What the url shows."]),
                "caption": text("Alt text or caption."),
            ], required: ["url", "kind"], description: "One image or video.")]),
            "attributes": .object(["type": "object", "description": "Facts the page states that the record has no field for, by the page's label in kebab-case (e.g. force, mechanics; musclesText for a 'Muscles worked' sentence). Present only when non-empty.",
                                   "minProperties": 1, "additionalProperties": .object(["type": "string"])]),
            "unknownTerms": .object(["type": "object", "description": "Labels the taxonomy did not know, by record field, as the page wrote them. Present only when non-empty.",
                                     "minProperties": 1, "propertyNames": .object(["enum": .array(["bodyParts", "equipment", "primaryMuscles", "secondaryMuscles", "stabilizerMuscles", "difficulty", "category"].map(JSONValue.string))]),
                                     "additionalProperties": .object(["type": "array", "minItems": 1, "items": .object(["type": "string"])])]),
            "source": object([
                "path": text("The input file: relative to the pipeline.json's folder for `run`, as given for `convert`."),
                "format": .object(["enum": .array(context.readerFormats.map(JSONValue.string)), "description": "The reader that read the page."]),
                "sha256": .object(["type": "string", "pattern": "^[0-9a-f]{64}$", "description": "SHA-256 of the input file's bytes."]),
                "fragment": .object(["type": "string", "pattern": "^[a-z0-9-]*$", "description": "On a page holding several exercises: the exercise's heading as a URL fragment."]),
                "position": .object(["type": "integer", "minimum": 1, "description": "On a page holding several exercises: the exercise's place on the page, from 1."]),
            ], required: ["path", "format", "sha256"], description: "Where the record came from."),
        ]
        return .object([
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string("https://exercise-pipeline.invalid/schema/exercise-\(Exercise.schemaVersion).schema.json"),
            "title": "Exercise",
            "description": "One exercise as exercise-pipeline writes it: canonical fields, taxonomy values as ids, plain text.",
            "type": "object",
            "additionalProperties": false,
            "required": .array(["schemaVersion", "id", "name", "bodyParts", "equipment", "primaryMuscles", "secondaryMuscles",
                                "stabilizerMuscles", "steps", "tips", "mistakes", "faq", "related", "variations", "media", "source"].map(JSONValue.string)),
            "properties": .object(properties),
        ])
    }
}
