import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// The csv exporter's datapackage.json, checked by the Frictionless validator itself (PyPI
/// `frictionless`): types, enums of taxonomy ids, primary keys, foreign keys to the main table.
@Suite struct DataPackageTests {
    static let everkinetic = Support.shared.appendingPathComponent("corpus/everkinetic/dist/md").path

    /// `frictionless validate --json`: whether the package is valid, and each error as
    /// "resource: type: note".
    static func validate(_ descriptor: URL) throws -> (valid: Bool, errors: [String]) {
        let result = try Support.pythonRun(["-m", "frictionless", "validate", "--json", descriptor.path])
        guard let report = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            Issue.record("frictionless printed no report: \(result.stdout.prefix(500))\(result.stderr.suffix(1000))")
            return (false, [])
        }
        var errors: [String] = []
        for task in report["tasks"] as? [[String: Any]] ?? [] {
            for e in task["errors"] as? [[String: Any]] ?? [] {
                errors.append("\(task["name"] ?? "?"): \(e["type"] ?? "?"): \(String(describing: e["note"] ?? "").prefix(160))")
            }
        }
        for e in report["errors"] as? [[String: Any]] ?? [] { errors.append("package: \(e["type"] ?? "?"): \(e["note"] ?? "")") }
        return (report["valid"] as? Bool == true, errors)
    }

    /// A run with only the csv exporter (long tables on) over `input`, into a new folder.
    static func csvRun(input: String, transformers: String? = nil, csvOptions: String = "") throws -> (URL, PipelineRunner.Outcome) {
        let stages = transformers.map { #", "transformers": \#($0)"# } ?? ""
        let json = #"{"input": "\#(input)", "exporters": [{"format": "csv", "longTables": true\#(csvOptions)}, {"format": "json-dataset"}]\#(stages)}"#
        let config = try PipelineConfig.parse(Data(json.utf8), baseDirectory: Support.root)
        let out = try Support.temporaryDirectory()
        return (out, try PipelineRunner(config: config, outputOverride: out).run())
    }

    static func descriptor(_ out: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("datapackage.json"))) as! [String: Any]
    }

    @Test func theBundledOutputIsAValidPackage() throws {
        let package = Support.root.appendingPathComponent("output/datapackage.json")
        let (valid, errors) = try Self.validate(package)
        #expect(valid, "\(errors)")
        // pipeline.json's `package` is what the descriptor says.
        let d = try Self.descriptor(Support.root.appendingPathComponent("output"))
        #expect(d["name"] as? String == "exercise-pipeline-sample")
        #expect(d["title"] as? String == "exercise-pipeline sample exercises")
        #expect((d["sources"] as? [[String: String]])?.first?["title"] == "The sample pages in exercise-pipeline's input/ folder")
        let resources = d["resources"] as! [[String: Any]]
        #expect(resources.map { $0["name"] as! String } == ["exercises", "exercise_muscles", "exercise_equipment", "exercise_body_parts", "exercise_steps"])
        for resource in resources.dropFirst() {
            let schema = resource["schema"] as! [String: Any]
            let keys = schema["foreignKeys"] as! [[String: Any]]
            #expect(keys.count == 1 && (keys[0]["fields"] as? [String]) == ["exercise_id"], "\(resource["name"]!)")
            #expect((keys[0]["reference"] as? [String: Any])?["resource"] as? String == "exercises")
            #expect((schema["primaryKey"] as? [String])?.first == "exercise_id")
        }
        // The taxonomy columns allow exactly the taxonomy's ids.
        let fields = (resources[0]["schema"] as! [String: Any])["fields"] as! [[String: Any]]
        let difficulty = fields.first { $0["name"] as? String == "difficulty" }!
        #expect((difficulty["constraints"] as? [String: Any])?["enum"] as? [String] == Support.taxonomy[.difficulty].terms.map(\.id).sorted())
    }

    @Test func anEverkineticRunIsAValidPackage() throws {
        let (out, outcome) = try Self.csvRun(input: Self.everkinetic)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(outcome.totals.converted == 288)
        let (valid, errors) = try Self.validate(out.appendingPathComponent("datapackage.json"))
        #expect(valid, "\(errors.prefix(10))")
        // Without the option: the defaults, and no licence or source invented.
        let d = try Self.descriptor(out)
        #expect(d["name"] as? String == "exercises" && d["title"] as? String == "Exercises")
        #expect(d["licenses"] == nil && d["sources"] == nil)
    }

    /// The validator does check what the package claims: a row naming no exercise, or a muscle
    /// that is not an id, makes it invalid.
    @Test func theValidatorCatchesABrokenReferenceAndANonID() throws {
        let (out, _) = try Self.csvRun(input: Support.root.appendingPathComponent("input").path)
        defer { try? FileManager.default.removeItem(at: out) }
        let muscles = try FileHandle(forWritingTo: out.appendingPathComponent("exercise_muscles.csv"))
        try muscles.seekToEnd()
        try muscles.write(contentsOf: Data("no-such-exercise,chest,primary\r\npush-up,made-up-muscle,primary\r\n".utf8))
        try muscles.close()
        let (valid, errors) = try Self.validate(out.appendingPathComponent("datapackage.json"))
        #expect(!valid)
        #expect(errors.contains { $0.hasPrefix("exercise_muscles: foreign-key:") && $0.contains("no-such-exercise") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("exercise_muscles: constraint-error:") && $0.contains("enum") }, "\(errors)")
    }

    /// Without normalize-taxonomy the fields hold the pages' labels: the CSV writes them in the
    /// unknownTerms column (and says so), so the constrained columns stay valid.
    @Test func labelsThatAreNotIDsStayOutOfConstrainedColumns() throws {
        let (out, outcome) = try Self.csvRun(input: Support.root.appendingPathComponent("input").path, transformers: #"["assign-id"]"#)
        defer { try? FileManager.default.removeItem(at: out) }
        let (valid, errors) = try Self.validate(out.appendingPathComponent("datapackage.json"))
        #expect(valid, "\(errors.prefix(10))")
        let moved = outcome.reportedDiagnostics.filter { $0.code == "not-a-taxonomy-id" }
        #expect(!moved.isEmpty)
        let goblet = try #require(moved.first { $0.file.hasSuffix("input/goblet-squat.md") })
        #expect(goblet.message.hasPrefix("csv: "), "\(goblet.message)")
        // The record's own labels: in the unknownTerms cell, not in the equipment cell.
        let record = try #require(try outcome.records.first { $0.id == "goblet-squat" })
        #expect(!record.equipment.isEmpty)
        let read = try Support.pythonRun(["-c", """
            import csv, json, sys
            row = next(r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")) if r["id"] == "goblet-squat")
            print(json.dumps([row["equipment"], json.loads(row["unknownTerms"]).get("equipment", [])]))
            """, out.appendingPathComponent("exercises.csv").path])
        let cells = try #require(try? JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [Any], "\(read.stderr)")
        #expect(cells.first as? String == "")
        #expect(cells.last as? [String] == record.equipment)
    }

    @Test func packageOptionsAreCheckedLikeEveryOption() {
        func error(_ package: String) -> String {
            do {
                _ = try PipelineConfig.parse(Data(#"{"exporters": [{"format": "csv", "package": \#(package)}]}"#.utf8), baseDirectory: Support.root)
                return ""
            } catch { return "\(error)" }
        }
        #expect(error(#"{"name": "My Data"}"#) == "exporters[0].package.name: 'My Data' is not a Data Package name: use lower-case letters, digits, '.', '-' and '_'")
        #expect(error(#"{"titel": "x"}"#).hasPrefix("exporters[0].package.titel: unknown key; did you mean 'title'?"))
        #expect(error(#"{"licenses": [{"title": "Mine"}]}"#) == #"exporters[0].package.licenses[0]: a licence needs a name (e.g. "CC-BY-4.0") or a path (its URL)"#)
        #expect(error(#"{"licenses": [{"name": "CC-BY-4.0", "url": "x"}]}"#).hasPrefix("exporters[0].package.licenses[0].url: unknown key"))
        #expect(error(#"{"sources": [{"path": "https://example.com"}]}"#) == "exporters[0].package.sources[0].title: is required")
        #expect(error(#"{"sources": {"title": "x"}}"#) == "exporters[0].package.sources: expected an array of objects, found an object")
        #expect(error(#""exercises""#) == "exporters[0].package: expected an object, found a string")
        #expect(error(#"{"name": "gym-log", "title": "Gym", "description": "d", "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}], "sources": [{"title": "Our site", "path": "https://example.com"}]}"#) == "")
    }

    @Test func licencesAndSourcesReachTheDescriptor() throws {
        let options = #", "package": {"name": "gym-log", "title": "Gym log", "description": "Ours.", "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}], "sources": [{"title": "Our site", "path": "https://example.com/exercises/"}]}"#
        let (out, _) = try Self.csvRun(input: Support.root.appendingPathComponent("input").path, csvOptions: options)
        defer { try? FileManager.default.removeItem(at: out) }
        let d = try Self.descriptor(out)
        #expect(d["name"] as? String == "gym-log" && d["title"] as? String == "Gym log" && d["description"] as? String == "Ours.")
        #expect(d["licenses"] as? [[String: String]] == [["name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"]])
        #expect(d["sources"] as? [[String: String]] == [["title": "Our site", "path": "https://example.com/exercises/"]])
        let (valid, errors) = try Self.validate(out.appendingPathComponent("datapackage.json"))
        #expect(valid, "\(errors)")
    }
}
