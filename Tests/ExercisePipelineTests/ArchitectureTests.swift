import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// The shape docs/ARCHITECTURE.md promises, checked so it cannot drift: small files, the layering
/// of the extraction target, and one catalogue of diagnostic codes that the docs are made from.
@Suite struct ArchitectureTests {
    static let sources = Support.root.appendingPathComponent("Sources")

    static func swiftFiles() -> [String] {
        Support.files(under: sources).filter { $0.hasSuffix(".swift") }
    }

    @Test func noSourceFileIsOver400Lines() throws {
        var long: [String] = []
        for file in Self.swiftFiles() {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if lines > 400 { long.append("\(file): \(lines) lines") }
        }
        #expect(long.isEmpty, "split these files: \(long)")
    }

    /// The extractor reads the tree and builds the model: whatever reads bytes (cmark-gfm,
    /// libxml2, Yams) stays below it, transitively.
    @Test func extractionDependsOnTheTreeAndTheModelOnly() throws {
        let manifest = try String(contentsOf: Support.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        // name → declared dependencies, from each `.target(name: "X", dependencies: [...])`.
        var dependencies: [String: [String]] = [:]
        let target = try Regex(#"\.(?:target|systemLibrary|executableTarget)\(\s*name:\s*"([^"]+)"(?:[^\]\)]*?dependencies:\s*\[([^\]]*)\])?"#)
        for match in manifest.matches(of: target) {
            let name = String(match.output[1].substring ?? "")
            let list = match.output[2].substring.map(String.init) ?? ""
            dependencies[name] = list.matches(of: try Regex(#""([^"]+)""#)).map { String($0.output[1].substring ?? "") }
        }
        #expect(dependencies["ExerciseExtraction"] != nil, "Package.swift declares ExerciseExtraction")
        var closure: Set<String> = []
        var queue = dependencies["ExerciseExtraction"] ?? []
        while let next = queue.popLast() {
            if closure.insert(next).inserted { queue += dependencies[next] ?? [] }
        }
        #expect(closure == ["ExerciseDocument", "ExerciseModel"], "ExerciseExtraction depends on \(closure.sorted())")
        #expect(closure.isDisjoint(with: ["CCmarkGFM", "CLibXML2", "Yams", "ExerciseReaders"]))
    }

    /// Every `DiagnosticCode("name", …)` declared in Sources is in the catalogue, once: a code
    /// missing from a module's list would be missing from docs/diagnostics.md.
    @Test func everyDeclaredDiagnosticCodeIsCatalogued() throws {
        var declared: [String] = []
        let declaration = try Regex(#"DiagnosticCode\(\s*"([a-z0-9-]+)""#)
        for file in Self.swiftFiles() {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            declared += text.matches(of: declaration).map { String($0.output[1].substring ?? "") }
        }
        let catalogued = Catalogue.diagnostics.flatMap(\.codes).map(\.name)
        #expect(declared.count > 40)
        #expect(Set(declared) == Set(catalogued), "declared but not catalogued: \(Set(declared).subtracting(catalogued).sorted()); catalogued but not declared: \(Set(catalogued).subtracting(declared).sorted())")
        #expect(declared.count == Set(declared).count, "a code is declared twice")
        #expect(catalogued.count == Set(catalogued).count, "a code is catalogued twice")
    }

    /// docs/diagnostics.md is the generated page; `make docs` regenerates it.
    @Test func diagnosticsReferenceIsCurrent() throws {
        let committed = try String(contentsOf: Support.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        #expect(committed == DiagnosticsReference.page, "docs/diagnostics.md is stale: run `make docs`")
        for code in ["no-title", "unknown-term", "duplicate-id", "no-counterpart", "too-large"] {
            #expect(committed.contains("| `\(code)` |"))
        }
    }

    /// The help text, convert's formats and the JSON Schema's enum come from the catalogue.
    @Test func formatsComeFromTheCatalogue() throws {
        #expect(Catalogue.readerFormats == ["markdown", "html"])
        let convertHelp = try Support.run(Support.cli, ["help", "convert"]).stdout
        for format in Catalogue.exporterFormats { #expect(convertHelp.contains(format), "convert --help does not list \(format)") }
        #expect(Catalogue.defaultTransformers.map { $0.name } == ["normalize-taxonomy", "assign-id", "lint-muscles", "unique-ids"])
        let defaults = Support.defaults
        #expect(defaults.transformers.map { type(of: $0).name } == Catalogue.defaultTransformers.map { $0.name })
        let help = try Support.run(Support.cli, ["help", "run"])
        for exporter in Catalogue.exporters { #expect(help.stdout.contains("  \(exporter.format): "), "\(exporter.format) missing from help") }
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("output/schema/exercise.schema.json"))) as? [String: Any]
        let source = (schema?["properties"] as? [String: Any])?["source"] as? [String: Any]
        let format = (source?["properties"] as? [String: Any])?["format"] as? [String: Any]
        #expect(format?["enum"] as? [String] == Catalogue.readerFormats)
    }
}
