import ExerciseExporters
import ExerciseModel
import ExerciseTaxonomy

/// The JSON Schema (2020-12) of pipeline.json, assembled from the catalogue: the reader formats,
/// the transformer names, and each exporter's declared options (`Exporter.options`). Written to
/// docs/pipeline.schema.json by `make docs` (`exercise-pipeline schema`); a pipeline.json that
/// names it in `$schema` gets completion and checking in editors.
public enum PipelineSchema {
    public static let id = "https://exercise-pipeline.invalid/schema/pipeline.schema.json"

    /// The top-level keys pipeline.json takes (`$schema` aside), for the test that holds them to
    /// what `PipelineConfig.parse` reads.
    public static func topLevel(_ context: ExportContext) -> [ConfigOption] {
        let input = ConfigOption("input", schema: [
            "description": "The folders (or files) to convert, relative to pipeline.json's folder; or {paths, exclude}.",
            "default": "input",
            "oneOf": [
                ["type": "string"], .object(["type": "array", "items": ["type": "string"], "minItems": 1]),
                .object(ConfigOption.objectSchema([
                    .stringList("paths", "The folders (or files) to convert.", example: ["input"]),
                    .stringList("exclude", "Glob patterns (fnmatch, against paths relative to pipeline.json's folder) to leave out.", example: ["drafts/*"]),
                ], required: ["paths"])),
            ],
        ], example: "input")
        let importer = ConfigOption.objectSchema([
            .oneOf("format", "The reader.", Catalogue.readerFormats),
            .stringList("extensions", "The file extensions it reads (without the dot); default: the reader's own.", example: ["md"]),
        ], required: ["format"])
        let transformerName = JSONValue.object(["enum": .array(Catalogue.transformerNames.map(JSONValue.string))])
        let transformer = JSONValue.object(["oneOf": [transformerName, .object(ConfigOption.objectSchema([], required: ["name"], extra: ["name": transformerName]))]])
        return [
            input,
            .string("output", "The output folder, relative to pipeline.json's folder unless absolute.", default: "output"),
            ConfigOption("importers", schema: [
                "description": "Which reader takes which extension; default: every reader with its own extensions.",
                "type": "array", "items": .object(importer),
            ], example: [["format": "markdown"]]),
            ConfigOption("transformers", schema: [
                "description": .string("The stages, in order (a name, or {\"name\": …}); default: \(Catalogue.defaultTransformers.map { $0.name }.joined(separator: ", "))."),
                "type": "array", "items": transformer,
            ], example: .array(Catalogue.defaultTransformers.map { .string($0.name) })),
            ConfigOption("exporters", schema: [
                "description": "What to write: one object per exporter, selected by format.",
                "type": "array", "minItems": 1, "items": exporterSchema(context),
            ], example: [["format": "json"]]),
            .stringList("taxonomy", "Taxonomy extension files (docs/taxonomy-format.md), relative to pipeline.json's folder.", example: []),
            ConfigOption("extract", schema: ExtractConfig.schema, example: .object([:])),
        ]
    }

    /// An exporter object: `format`, then exactly the chosen exporter's options.
    static func exporterSchema(_ context: ExportContext) -> JSONValue {
        let format = JSONValue.object(["enum": .array(Catalogue.exporterFormats.map(JSONValue.string)), "description": "The exporter."])
        let cases: [JSONValue] = Catalogue.exporters.map { type in
            .object([
                "if": ["properties": .object(["format": .object(["const": .string(type.format)])])],
                "then": .object(ConfigOption.objectSchema(type.options(context), description: type.summary, extra: ["format": format])),
            ])
        }
        return .object(["type": "object", "required": ["format"], "properties": .object(["format": format]), "allOf": .array(cases)])
    }

    public static func document(_ context: ExportContext) -> JSONValue {
        var schema = ConfigOption.objectSchema(topLevel(context), required: ["exporters"], extra: [
            "$schema": ["type": "string", "description": "This schema's location, for editors (ignored by the tool)."],
        ])
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = .string(id)
        schema["title"] = "exercise-pipeline pipeline.json"
        schema["description"] = "What `exercise-pipeline run` reads: inputs, readers, transformers, exporters and taxonomy extensions. Unknown keys are errors."
        return .object(schema)
    }
}

extension ExtractConfig {
    /// `extract`: `sections` and `xpath` rules, globally and `for` some inputs.
    static var schema: [String: JSONValue] {
        let sections = ConfigOption.object("sections", "Headings (as written) that mean a field, by field: {\"steps\": [\"Form Cues\"]}; \"ignore\" leaves sections out.",
                                           ExtractRules.sectionFields.map { .stringList($0, "Headings read as \($0).", example: ["Heading"]) })
        let xpath = ConfigOption.object("xpath", "HTML only: an XPath 1.0 expression per field, whose matches' text is the field.",
                                        ExtractRules.xpathFields.map { .string($0, "XPath 1.0 for \($0).", example: "//h1") })
        let scoped = ConfigOption.objectSchema([.stringList("paths", "Glob patterns (fnmatch) against the input's path or file name.", example: ["site/*"]), sections, xpath], required: ["paths"])
        return ConfigOption.objectSchema([sections, xpath], description: "Per-site extraction rules (README: site rules).", extra: [
            "for": .object(["type": "array", "items": .object(scoped), "description": "Rules for some inputs, over the global ones."]),
        ])
    }
}
