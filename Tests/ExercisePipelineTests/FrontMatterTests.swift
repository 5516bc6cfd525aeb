import ExerciseModel
@testable import ExerciseReaders
import Foundation
import Testing

/// YAML (`---`), TOML (`+++`, Hugo's default) and JSON front matter mean the same keys.
@Suite struct FrontMatterTests {
    static let body = "\n## Steps\n\n1. Hold the dumbbell at your chest.\n2. Squat.\n"
    static let yaml = "---\ntitle: Goblet Squat\ndescription: A squat holding one dumbbell at the chest.\nequipment: [Dumbbell]\nprimary_muscles: [Quads,\n  Glutes]\ndifficulty: Beginner\ndraft: false\nparams:\n  level: 2\n---\n" + body
    static let toml = "+++\ntitle = \"Goblet Squat\"\ndescription = \"A squat holding one dumbbell at the chest.\"\nequipment = [\"Dumbbell\"]\nprimary_muscles = [\"Quads\",\n  \"Glutes\"]\ndifficulty = \"Beginner\"\ndraft = false\n[params]\nlevel = 2\n+++\n" + body
    static let json = "{\n  \"title\": \"Goblet Squat\",\n  \"description\": \"A squat holding one dumbbell at the chest.\",\n  \"equipment\": [\"Dumbbell\"],\n  \"primary_muscles\": [\"Quads\", \"Glutes\"],\n  \"difficulty\": \"Beginner\",\n  \"draft\": false,\n  \"params\": {\"level\": 2}\n}\n" + body

    func withoutSource(_ r: Exercise?) -> Exercise? {
        guard var r else { return nil }
        r.source = SourceInfo(path: "", format: "", sha256: "")
        return r
    }

    @Test(arguments: ["toml", "json"])
    func sameRecordAsYAML(syntax: String) throws {
        let fromYAML = Support.convert(Self.yaml, path: "squat.md")
        let other = Support.convert(syntax == "toml" ? Self.toml : Self.json, path: "squat.md")
        let record = try #require(other.record, "\(other.diagnostics.map(\.formatted))")
        #expect(withoutSource(record) == withoutSource(fromYAML.record))
        #expect(record.name == "Goblet Squat")
        #expect(record.primaryMuscles == ["quads", "glutes"])
        #expect(record.summary == "A squat holding one dumbbell at the chest.")
        #expect(record.attributes == ["draft": "false", "params-level": "2"])
        // Keys keep their page lines (and so their order): the same notes (the TOML page has its
        // keys on the YAML page's lines).
        #expect(other.diagnostics.map(\.message) == fromYAML.diagnostics.map(\.message))
        if syntax == "toml" { #expect(other.diagnostics.map(\.line) == fromYAML.diagnostics.map(\.line)) }
    }

    @Test func invalidTOMLNamesItsLineAndTheBodyStillConverts() throws {
        let page = "+++\ntitle = \"Goblet Squat\"\nequipment = [\"Dumbbell\"\n+++\n# Goblet Squat\n\nA squat.\n"
        let r = Support.convert(page, path: "s.md")
        #expect(r.record?.name == "Goblet Squat")
        let d = try #require(r.diagnostics.first { $0.code == "front-matter-syntax" })
        #expect(d.message.hasPrefix("front matter is not valid TOML"))
        #expect(d.line == 4 || d.line == 3, "line \(d.line ?? 0)")
    }

    @Test func invalidJSONFrontMatterIsReported() {
        let r = Support.convert("{\n  \"title\": Goblet Squat\n}\n# Goblet Squat\n\nA squat.\n", path: "s.md")
        #expect(r.record?.name == "Goblet Squat")
        #expect(r.diagnostics.map(\.code).contains("front-matter-syntax"))
    }

    /// Aliases are found on the bytes of ASCII front matter and Character by Character in any
    /// other: the same line either way (a trailing non-ASCII comment sends a text the slow way).
    @Test func aliasesAreFoundAlikeOnBytesAndCharacters() {
        let samples: [(String, Int?)] = [
            ("name: Squat\nmuscles: [quads]", nil),
            ("a: &a x\nb: *a", 2),
            ("a: x\nb: [y, *a]", 2),
            ("a: '*not' # *nor\nb: \"*quoted\"\nc: x*y", nil),
            ("a: x #*comment\nb:\n  - *item", 3),
            ("*top: x", 1),
            ("a: x\t*tab", 1),
            ("a: {k: *v}", 1),
            ("a: 'open\nb: *after-open-quote", 2),
        ]
        for (yaml, line) in samples {
            #expect(FrontMatter.aliasLine(yaml) == line, "\(yaml)")
            #expect(FrontMatter.aliasLine(yaml + "\n# caf\u{E9}") == line, "\(yaml) (not ASCII)")
        }
    }

    /// Hugo finds JSON front matter by its braces: on one line, or closing with a `}` line that
    /// is not the first such line (a nested object's). Keys on one line keep their written order.
    @Test func jsonFrontMatterEndsAtItsMatchingBrace() throws {
        let oneLine = Support.convert("{\"title\": \"Goblet Squat\", \"description\": \"A squat holding one dumbbell at the chest.\", \"equipment\": [\"Dumbbell\"], \"primary_muscles\": [\"Quads\", \"Glutes\"], \"difficulty\": \"Beginner\", \"draft\": false, \"params\": {\"level\": 2}}\n" + Self.body, path: "squat.md")
        let record = try #require(oneLine.record)
        #expect(withoutSource(record) == withoutSource(Support.convert(Self.yaml, path: "squat.md").record))
        #expect(oneLine.diagnostics.filter { $0.code.hasPrefix("front-matter") }.isEmpty, "\(oneLine.diagnostics.map(\.formatted))")
        let nested = Support.convert("{\n\"title\": \"Goblet Squat\",\n\"params\": {\n\"level\": 2\n}\n}\n" + Self.body, path: "squat.md")
        #expect(nested.record?.name == "Goblet Squat")
        #expect(nested.record?.attributes == ["params-level": "2"])
        #expect(nested.record?.steps == ["Hold the dumbbell at your chest.", "Squat."])
    }

    /// The top-level keys in written order, found in one pass: a nested object's keys are not
    /// the page's, and a lone `{` never closed is reported.
    @Test func jsonKeysAreTheTopLevelOnesInWrittenOrder() throws {
        let keys = JSONFrontMatter.topLevelKeys(#"{"seo": {"title": "SEO", "name": "x"}, "name": "Squat", "list": [{"title": 1}], "title": "Squat \"Deep\""}"#)
        #expect(Set(keys.keys) == ["seo", "name", "list", "title"])
        let order = keys.sorted { $0.value.column < $1.value.column }.map(\.key)
        #expect(order == ["seo", "name", "list", "title"])
        let lines = JSONFrontMatter.topLevelKeys("{\n  \"a\": 1,\n  \"b\": {\n    \"a\": 2\n  }\n}")
        #expect(lines["a"]?.line == 1 && lines["b"]?.line == 2)
        let unclosed = Support.convert("{\n\"title\": \"Goblet Squat\",\n" + Self.body, path: "squat.md")
        #expect(unclosed.diagnostics.contains { $0.code == "unclosed-front-matter" && $0.line == 1 })
    }

    /// Hugo keeps a page's own keys under `params`: a child that names a list field (or is
    /// `difficulty` / `category`) is read as that key; other children stay `params-…` attributes.
    @Test func hugoParamsThatNameFieldsAreThoseFields() throws {
        let page = "---\ntitle: Romanian Deadlift\nparams:\n  difficulty: intermediate\n  level: 2\n  equipment: [barbell]\n  muscles:\n    primary: [hamstrings, glutes]\n    secondary: [forearms]\n---\n" + Self.body
        let record = try #require(Support.convert(page, path: "rdl.md").record)
        #expect(record.equipment == ["barbell"])
        #expect(record.primaryMuscles == ["hamstrings", "glutes"])
        #expect(record.secondaryMuscles == ["forearms"])
        #expect(record.difficulty == "intermediate")
        #expect(record.attributes == ["params-level": "2"])
    }

    /// Schema-style key names (`muscle_primary`, `muscles_secondary`) name the muscle fields.
    @Test func schemaStyleMuscleKeys() throws {
        let record = try #require(Support.convert("---\ntitle: Hammer Curl\nmuscle_primary: biceps\nmuscles_secondary: [brachialis, forearms]\n---\n" + Self.body, path: "curl.md").record)
        #expect(record.primaryMuscles == ["biceps"])
        #expect(record.secondaryMuscles == ["brachialis", "forearms"])
        #expect(record.attributes.isEmpty)
    }

    /// A page opening with a brace that starts no JSON object (a Hugo shortcode, a pandoc
    /// attribute) is text, with no front-matter diagnostic.
    @Test(arguments: ["{{< youtube abc >}}", "{.lead} A squat holding one dumbbell.", "{ not json }"])
    func aBraceThatOpensNoObjectIsText(firstLine: String) {
        let r = Support.convert(firstLine + "\n\n# Goblet Squat\n" + Self.body, path: "squat.md")
        #expect(r.record?.name == "Goblet Squat")
        #expect(!r.diagnostics.contains { $0.code.hasPrefix("front-matter") })
    }

    /// `---` then `key: value` lines and no closing line: front matter that lost its fence. The
    /// lines are read as the page's text, and a warning says why its keys did nothing. A `---`
    /// rule before prose is only a rule.
    @Test func unclosedYAMLFrontMatterIsReported() throws {
        let unclosed = Support.convert("---\ntitle: Goblet Squat\nequipment: dumbbell\n" + Self.body, path: "squat.md")
        let d = try #require(unclosed.diagnostics.first { $0.code == "unclosed-front-matter" })
        #expect(d.line == 1)
        #expect(d.message == "front matter opened with '---' is never closed; expected a closing '---' line (its lines were read as the page's text)")
        #expect(unclosed.record?.steps == ["Hold the dumbbell at your chest.", "Squat."])
        let rule = Support.convert("---\nA squat holding one dumbbell at the chest.\n" + Self.body, path: "squat.md")
        #expect(!rule.diagnostics.contains { $0.code == "unclosed-front-matter" })
        let ruleOverHeading = Support.convert("---\n# Goblet Squat\n\nMuscles worked: quads\n" + Self.body, path: "squat.md")
        #expect(!ruleOverHeading.diagnostics.contains { $0.code == "unclosed-front-matter" })
    }

    /// libyaml notices an unclosed `[` on the next line; the message names the line it opened on.
    @Test func yamlErrorsNameWhereTheUnclosedPartBegan() throws {
        let r = Support.convert("---\ntitle: Hollow Hold\nequipment: [none\ndifficulty: : beginner\n---\n" + Self.body, path: "hold.md")
        let d = try #require(r.diagnostics.first { $0.code == "front-matter-syntax" })
        #expect(d.message == "front matter is not valid YAML: did not find expected ',' or ']' while parsing a flow sequence started on line 3; its keys were ignored")
    }
}
