import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// A malformed pipeline.json names the offending key path.
@Suite struct ConfigTests {
    func error(_ json: String) -> String? {
        do {
            _ = try PipelineConfig.parse(Data(json.utf8), baseDirectory: Support.root)
            return nil
        } catch let e as ConfigError {
            return e.description
        } catch let e as ConfigErrors {
            return e.description
        } catch {
            return "unexpected \(error)"
        }
    }

    /// Strict JSON: what Foundation's decoder would let through unseen is an error with its place.
    @Test func trailingCommasAndRepeatedKeysAreErrors() {
        #expect(error(#"{"exporters": [{"format": "json"},]}"#) == "not valid JSON at line 1, column 35: a comma before ']' (trailing commas are not JSON)")
        #expect(error("{\"input\": \"a\",\n \"input\": \"b\", \"exporters\": [{\"format\": \"json\"}]}") == "not valid JSON at line 2, column 2: the key \"input\" appears twice in this object (which one is meant?)")
    }

    /// An exporter path outside the output folder is refused when pipeline.json is read.
    @Test func exporterPathsStayInsideTheOutput() {
        #expect(error(#"{"exporters": [{"format": "json", "path": "../../escape"}, {"format": "ndjson", "path": "/tmp/abs.ndjson"}]}"#) == [
            "exporters[0].path: '../../escape' leaves the output folder; give a path relative to it, without '..'",
            "exporters[1].path: '/tmp/abs.ndjson' leaves the output folder; give a path relative to it, without '..'",
        ].joined(separator: "\n"))
    }

    @Test func unknownAndBadKeysNameTheirKeyPath() {
        #expect(error(#"{"exporters": [{"format": "json"}], "outptu": "x"}"#)
                == "outptu: unknown key; did you mean 'output'? expected one of: $schema, exporters, extract, importers, input, output, taxonomy, transformers")
        #expect(error(#"{"exporters": [{"format": "json"}, {"format": "xml"}]}"#)
                == "exporters[1].format: unknown exporter format 'xml'; known: csv, exercisedb, free-exercise-db, html, json, json-dataset, json-schema, jsonld, ndjson, sqlite, taxonomy")
        #expect(error(#"{"exporters": [{"format": "csv", "bom": "yes"}]}"#)
                == "exporters[0].bom: expected true or false, found a string")
        #expect(error(#"{"exporters": [{"format": "csv", "quote": "all"}]}"#)
                == "exporters[0].quote: unknown key; expected one of: bom, datapackage, format, formulaProtection, longTables, package, path")
        #expect(error(#"{"exporters": [{"format": "free-exercise-db", "fallback": {"level": "hard"}}]}"#)
                == "exporters[0].fallback.level: 'hard' is not a free-exercise-db level (beginner, expert, intermediate)")
        #expect(error(#"{"exporters": [{"format": "exercisedb", "fallback": {"body_part": "legs"}}]}"#)
                == "exporters[0].fallback.body_part: 'legs' is not an ExerciseDB body part (back, cardio, chest, lower arms, lower legs, neck, shoulders, upper arms, upper legs, waist)")
        #expect(error(#"{"exporters": [{"format": "exercisedb", "fallback": {"bodyPart": "waist"}}]}"#)
                == "exporters[0].fallback.bodyPart: unknown key; did you mean 'body_part'? expected one of: body_part, equipment, target")
        #expect(error(#"{"exporters": [{"format": "jsonld", "baseURL": "https://x.test/", "urlPattern": "{name}"}]}"#)
                == "exporters[0].urlPattern: must contain {id} (e.g. \"{bodyPart}/{id}\"), found \"{name}\"")
        #expect(error(#"{"exporters": [{"format": "json"}], "transformers": ["normalize-taxonomy", "slugify"]}"#)
                == "transformers[1]: unknown transformer 'slugify'; known: normalize-taxonomy, assign-id, lint-muscles, unique-ids")
        #expect(error(#"{"exporters": [{"format": "json"}], "input": 3}"#)
                == "input: expected a string or an array of strings, found a number")
        #expect(error(#"{"exporters": [{"format": "json"}], "importers": [{"format": "pdf"}]}"#)
                == "importers[0].format: unknown importer format 'pdf'; known: html, markdown")
        #expect(error(#"{"exporters": [{"format": "jsonld", "baseURL": "example.com"}]}"#)
                == "exporters[0].baseURL: expected an absolute http(s) URL such as \"https://example.com/exercises/\", found \"example.com\"")
        #expect(error(#"{"exporters": {"format": "json"}}"#) == "exporters: expected an array of objects, found an object")
        #expect(error(#"{"exporters": []}"#) == #"exporters: is empty: list at least one exporter, e.g. [{"format": "json"}]"#)
        #expect(error(#"{"input": "input"}"#) == #"exporters: is required: list at least one exporter, e.g. [{"format": "json"}]"#)
        #expect(error(#"{"exporters": [{"format": "json"}], "input": {"path": "x"}}"#) == "input.paths: is required")
        #expect(error(#"{"exporters": [{"format": "json", "path": 5}]}"#) == "exporters[0].path: expected a string, found a number")
        #expect(error("{\"exporters\": [")?.hasPrefix("not valid JSON") == true)
    }

    /// A misspelled key is named with the key it probably means, even a required one.
    @Test func misspelledKeysSayWhatTheyProbablyMean() {
        #expect(error(#"{"exportrs": [{"format": "json"}]}"#) == #"exportrs: unknown key; did you mean 'exporters'? (exporters is required: list at least one exporter, e.g. [{"format": "json"}])"#)
        #expect(error(#"{"exporters": [{"format": "json", "pth": "x"}]}"#) == "exporters[0].pth: unknown key; did you mean 'path'? expected one of: format, path")
        #expect(error(#"{"exporters": [{"format": "json", "colour": "x"}]}"#) == "exporters[0].colour: unknown key; expected one of: format, path")
    }

    /// Every problem in one go: a user fixes them all before the next run.
    @Test func everyConfigurationErrorIsNamedAtOnce() {
        #expect(error(#"{"input": [], "exporters": [{"format": "xml"}], "transformers": ["normalise-taxonomy"], "outptu": "x"}"#) == [
            "input: names no input folder or file",
            "transformers[0]: unknown transformer 'normalise-taxonomy'; known: normalize-taxonomy, assign-id, lint-muscles, unique-ids",
            "exporters[0].format: unknown exporter format 'xml'; known: csv, exercisedb, free-exercise-db, html, json, json-dataset, json-schema, jsonld, ndjson, sqlite, taxonomy",
            "outptu: unknown key; did you mean 'output'? expected one of: $schema, exporters, extract, importers, input, output, taxonomy, transformers",
        ].joined(separator: "\n"))
    }

    /// Syntax errors say where and what was expected (the decoder alone says only "not valid").
    @Test func jsonSyntaxErrorsNameLineAndColumn() {
        #expect(error("{\n  \"input\": \"pages\"\n  \"exporters\": []\n}") == "not valid JSON at line 3, column 3: expected ',' or '}' after the value (is a comma missing?)")
        #expect(error("{\"exporters\": [{\"format\": 'json'}]}") == "not valid JSON at line 1, column 27: strings take double quotes (\"), not single ones")
        #expect(error("{\"output\": \"out\n\"}") == "not valid JSON at line 1, column 16: a string runs past the end of the line (is a closing quote missing?)")
        #expect(error("{\"exporters\": [") == "not valid JSON at line 1, column 16: expected a value, found the end of the file")
        #expect(error("{\"é\": 1} x") == "not valid JSON at line 1, column 10: unexpected text after the end of the JSON value")
        #expect(JSONSyntax.firstProblem(in: Array(#"{"a": [1, -2.5e3, true, null, "\u00e9\n"], "b": {}}"#.utf8)) == nil)
    }

    @Test func aFolderOrAMissingFileAsTheConfigurationSaysSo() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ConfigError("", "is a folder; expected a pipeline.json file")) { try PipelineConfig.load(from: dir) }
        #expect(throws: ConfigError("", "cannot be read: there is no such file")) { try PipelineConfig.load(from: dir.appendingPathComponent("none.json")) }
        try Data("{}".utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        #expect(throws: ConfigError("", "is a folder; expected a pipeline.json file — did you mean \(dir.appendingPathComponent("pipeline.json").path)?")) { try PipelineConfig.load(from: dir) }
    }

    @Test func theBundledPipelineIsValid() throws {
        let config = try PipelineConfig.load(from: Support.root.appendingPathComponent("pipeline.json"))
        #expect(config.inputs == ["input"])
        #expect(config.output == "output")
        #expect(config.exporters.count == 11)  // every format in the catalogue
        #expect(config.importers == ["md": "markdown", "markdown": "markdown", "mdx": "markdown", "txt": "markdown", "html": "html", "htm": "html"])
        #expect(config.transformers.count == 4)
    }

    /// Configuration errors exit with 64 from any directory; relative paths follow the config file.
    @Test func commandLineConfigErrorsExit64() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pipeline.json")
        try Data(#"{"exporters": [{"format": "json", "pretty": true}]}"#.utf8).write(to: config)
        let result = try Support.run(Support.cli, ["run", "--config", config.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("exporters[0].pretty: unknown key"))

        let missing = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("nope.json").path])
        #expect(missing.status == 64)

        try Data(#"{"input": "not-here", "exporters": [{"format": "json"}]}"#.utf8).write(to: config)
        let noInput = try Support.run(Support.cli, ["run", "--config", config.path])
        #expect(noInput.status == 64)
        #expect(noInput.stderr.contains("input: 'not-here' does not exist"))
    }
}
