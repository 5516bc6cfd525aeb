import ExerciseExporters
import ExerciseModel
import ExercisePipeline
import Foundation
import Testing

/// docs/pipeline.schema.json is made from the catalogue's declarations, and the declarations are
/// held to what the parser reads: a new option that is not declared, or a declared one the parser
/// does not take, fails here.
@Suite struct PipelineSchemaTests {
    let context = Support.exportContext

    @Test func committedSchemaIsCurrent() throws {
        let committed = try Data(contentsOf: Support.root.appendingPathComponent("docs/pipeline.schema.json"))
        #expect(committed == CanonicalJSON.data(PipelineSchema.document(context)), "docs/pipeline.schema.json is stale: run `make docs`")
        let printed = try Support.run(Support.cli, ["schema"])
        #expect(try Support.run(Support.cli, ["schema", "pipeline"]).stdout == printed.stdout)
        #expect(Data(printed.stdout.utf8) == committed)
    }

    /// docs/record.md is the record's JSON Schema as a page: every property is a row.
    @Test func committedRecordReferenceIsCurrent() throws {
        let committed = try String(contentsOf: Support.root.appendingPathComponent("docs/record.md"), encoding: .utf8)
        #expect(committed == RecordReference.page(context), "docs/record.md is stale: run `make docs`")
        guard case .object(let properties)? = JSONSchemaExporter().schema(context)["properties"] else { Issue.record("no properties"); return }
        for key in properties.keys { #expect(committed.contains("| `\(key)` |"), "\(key) missing from docs/record.md") }
        let printed = try Support.run(Support.cli, ["schema", "record", "--markdown"])
        #expect(printed.stdout == committed)
    }

    /// Each exporter takes its declared options' examples, and reads exactly the declared keys.
    @Test func everyExporterDeclaresExactlyTheOptionsItReads() throws {
        for type in Catalogue.exporters {
            let declared = type.options(context)
            guard case .object(var example) = ConfigOption.example(of: declared) else { Issue.record("no object"); continue }
            // Paths of their own, so that no two options of one exporter name one file.
            for option in declared where option.key == "path" || option.key == "datapackage" { example[option.key] = .string("\(option.key)-\(type.format)") }
            var object = try ConfigObject(.object(example), path: "exporters[0]")
            do {
                _ = try type.init(options: &object, context: context)
                try object.finish()
            } catch {
                Issue.record("\(type.format) refuses its declared examples: \(error)")
            }
            var empty = try ConfigObject(.object([:]), path: "exporters[0]")
            _ = try type.init(options: &empty, context: context)
            #expect(Set(empty.keysRead) == Set(declared.map(\.key)), "\(type.format) reads \(empty.keysRead), declares \(declared.map(\.key))")
        }
    }

    @Test func transformersTakeNoOptionsButTheirName() throws {
        let stage = StageContext(taxonomy: Support.taxonomy)
        for type in Catalogue.transformers {
            var empty = try ConfigObject(.object([:]), path: "transformers[0]")
            _ = try type.init(options: &empty, context: stage)
            #expect(empty.keysRead.isEmpty, "\(type.name) reads options \(empty.keysRead): declare them in PipelineSchema")
        }
    }

    /// The top level: the keys an unknown key's error lists are the schema's.
    @Test func topLevelKeysAreTheSchemas() throws {
        #expect {
            _ = try PipelineConfig.parse(Data(#"{"exporters": [{"format": "json"}], "zzz": 1}"#.utf8), baseDirectory: Support.root)
        } throws: { error in
            let keys = (["$schema"] + PipelineSchema.topLevel(context).map(\.key)).sorted()
            return (error as? ConfigError)?.message == "unknown key; expected one of: \(keys.joined(separator: ", "))"
        }
    }

    /// A real validator agrees: the bundled pipeline.json (which names the schema in `$schema`)
    /// is valid, every example configuration of the README is valid, a typo is not.
    @Test func jsonSchemaValidatorAcceptsTheBundledConfigAndRejectsATypo() throws {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        good = json.load(open(sys.argv[2]))
        assert not list(v.iter_errors(good)), [e.message for e in v.iter_errors(good)]
        good["exporters"][4]["bom"] = "yes"
        good["exporters"][0]["pth"] = "x"
        good["transformers"].append("normalise-taxonomy")
        print(len(list(v.iter_errors(good))))
        """
        let result = try Support.pythonRun(["-c", script, Support.root.appendingPathComponent("docs/pipeline.schema.json").path,
                                            Support.root.appendingPathComponent("pipeline.json").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "3\n")
        let config = try PipelineConfig.load(from: Support.root.appendingPathComponent("pipeline.json"))
        #expect(config.exporters.count == 11, "the bundled pipeline.json, with its $schema key, loads")
    }
}
