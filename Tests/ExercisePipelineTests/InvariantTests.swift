import ExerciseExporters
import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// What the runner guarantees whatever pipeline.json says, and the fixes that came with it.
@Suite struct InvariantTests {
    func write(_ files: [String: String], config: String) throws -> URL {
        let dir = try Support.temporaryDirectory()
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try config.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return dir
    }

    /// With no transformers at all, two pages with the same title still give two records with
    /// distinct, safe ids, and three runs write the same bytes.
    @Test func idsAreSafeAndUniqueWithoutAnyStages() throws {
        let page = "# Goblet Squat!\n\nA squat holding a dumbbell.\n\n## Steps\n\n1. Squat.\n"
        let dir = try write(["pages/a.md": page, "pages/b.md": page],
                            config: #"{"input": "pages", "output": "out", "transformers": [], "exporters": [{"format": "json"}, {"format": "csv"}]}"#)
        defer { try? FileManager.default.removeItem(at: dir) }
        var runs: [[String: Data]] = []
        for _ in 0..<3 {
            // A fresh output each time: the same input must give the same bytes from scratch.
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("out"))
            let outcome = try PipelineRunner(config: PipelineConfig.load(from: dir.appendingPathComponent("pipeline.json"))).run()
            #expect(try outcome.records.map(\.id) == ["goblet-squat", "goblet-squat-2"])
            #expect(try outcome.records.map(\.source.path) == ["pages/a.md", "pages/b.md"])
            let reported = outcome.reportedDiagnostics
            #expect(reported.map(\.code) == ["duplicate-id"])
            let out = dir.appendingPathComponent("out")
            runs.append(Dictionary(uniqueKeysWithValues: try Support.files(under: out).map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) }))
        }
        #expect(runs[0].keys.sorted() == [".exercise-pipeline/manifest.tsv", "datapackage.json", "exercises.csv", "json/goblet-squat-2.json", "json/goblet-squat.json", "report.html", "report.json"])
        #expect(runs[0] == runs[1] && runs[1] == runs[2])
        let csv = String(decoding: runs[0]["exercises.csv"]!, as: UTF8.self)
        #expect(csv.contains("\r\ngoblet-squat,Goblet Squat!,") && csv.contains("\r\ngoblet-squat-2,Goblet Squat!,"))
    }

    /// Later copies of an id take the smallest free suffix, past suffixes other pages already
    /// own as their own ids (`squat-3` here), and one warning each names the first holder.
    @Test func duplicateIDsTakeTheSmallestFreeSuffix() {
        let ids = ["squat", "squat-3", "squat", "squat", "squat", "lunge", "squat-2-2", "lunge"]
        let keys = ids.enumerated().map { i, id in RecordKey(id: id, path: "p\(i).md", position: 0, nameLine: 1, page: i, index: 0) }
        var sink = DiagnosticSink()
        let unique = RecordIDs.makeUnique(keys, diagnostics: &sink)
        #expect(unique.map(\.id) == ["squat", "squat-3", "squat-2", "squat-4", "squat-5", "lunge", "squat-2-2", "lunge-2"])
        #expect(sink.diagnostics.map(\.message) == [
            "id 'squat' is already used by p0.md; this record is 'squat-2'",
            "id 'squat' is already used by p0.md; this record is 'squat-4'",
            "id 'squat' is already used by p0.md; this record is 'squat-5'",
            "id 'lunge' is already used by p5.md; this record is 'lunge-2'",
        ])
        #expect(sink.diagnostics.map(\.file) == ["p2.md", "p3.md", "p4.md", "p7.md"])
    }

    /// A 12,000-character title gives an id capped at 80 characters, ending in a hash, and two
    /// such titles that differ only at the end stay apart.
    @Test func longTitlesGiveCappedDistinctIDs() throws {
        let long = String(repeating: "Very Long Squat ", count: 750)
        let a = Support.convert("# \(long)A\n\nA squat.\n", path: "a.md")
        let b = Support.convert("# \(long)B\n\nA squat.\n", path: "b.md")
        let ida = try #require(a.record?.id), idb = try #require(b.record?.id)
        #expect(ida.count <= RecordIDs.maximumLength && idb.count <= RecordIDs.maximumLength)
        #expect(ida != idb)
        #expect(RecordIDs.isSafe(ida) && ida.hasPrefix("very-long-squat-very-long-squat-"))
        #expect(a.diagnostics.contains { $0.code == "id-shortened" })
    }

    /// Names with no Latin letters fall back to the file name; an id is never empty.
    @Test func unsluggableNamesFallBackToTheFileName() {
        let r = Support.convert("# スクワット\n\nしゃがむ。\n", path: "pages/deep-squat.md")
        #expect(r.record?.id == "deep-squat")
        #expect(r.diagnostics.map(\.code).contains("id-fallback"))
        // Nor the file name: a hash of the name, the same after an edit elsewhere on the page.
        let page = Support.convert("# 腕立て伏せ\n\n腕で体を押し上げる。\n", path: "pages/腕立て.md")
        let edited = Support.convert("# 腕立て伏せ\n\n胸を床に近づけてから、腕で体を押し上げる。\n", path: "pages/腕立て.md")
        #expect(page.record?.id == "exercise-" + String(ContentHash.hex(Array("腕立て伏せ".utf8)).prefix(12)))
        #expect(edited.record?.id == page.record?.id)
        #expect(page.diagnostics.first { $0.code == "id-fallback" }?.message == "name '腕立て伏せ' gives no usable id; using '\(page.record?.id ?? "")' (set slug: in the front matter for one of your own)")
    }

    /// A page that opens with a `---` rule and has another later is not front matter.
    @Test func pageOpeningWithARuleKeepsItsTitle() throws {
        let page = "---\n# Hollow Hold\n\nA core exercise done lying on your back.\n\n---\n\n## Steps\n\n1. Lie on your back.\n2. Lift your legs and shoulders.\n"
        let r = Support.convert(page, path: "hollow-hold.md")
        let record = try #require(r.record, "\(r.diagnostics.map(\.formatted))")
        #expect(record.name == "Hollow Hold")
        #expect(record.summary == "A core exercise done lying on your back.")
        #expect(record.steps == ["Lie on your back.", "Lift your legs and shoulders."])
        #expect(!r.diagnostics.contains { $0.code.hasPrefix("front-matter") })
        // Real front matter is still front matter, also when it starts with a comment.
        let fm = Support.convert("---\n# a comment\ntitle: Hollow Hold\nequipment: none\n---\nA core exercise.\n", path: "h.md")
        #expect(fm.record?.name == "Hollow Hold")
        #expect(fm.record?.equipment == [])  // "none": no equipment needed
        #expect(fm.diagnostics.map(\.code).contains("none-given"))
        // An empty block (Jekyll's) is empty front matter.
        let empty = Support.convert("---\n---\n# Hollow Hold\n\nA core exercise.\n", path: "h.md")
        #expect(empty.record?.name == "Hollow Hold")
    }

    /// Body parts given as a sentence are read for the body parts they name.
    @Test func bodyPartsGivenInProseAreNormalized() throws {
        let page = "# Bear Crawl\n\n- **Body Part:** This crawl trains your shoulders and your core.\n- **Equipment:** None\n\nA crawl on hands and feet.\n"
        let r = Support.convert(page)
        let record = try #require(r.record)
        #expect(record.bodyParts == ["shoulders", "core"])
        #expect(record.attributes["bodyPartsText"] == "This crawl trains your shoulders and your core.")
        #expect(r.diagnostics.contains { $0.code == "terms-from-text" && $0.message.hasPrefix("bodyParts") })
    }
}

/// Where a page's name comes from when it has no `# Name` heading.
@Suite struct NameSourceTests {
    @Test func noTitleAnywhereNamesThePageFromItsFile() throws {
        let r = Support.convert("Hold a kettlebell at your chest and squat.\n\n## Steps\n\n1. Squat down.\n", path: "content/goblet-squat.md")
        #expect(r.record?.name == "Goblet Squat")
        #expect(r.record?.id == "goblet-squat")
        #expect(r.diagnostics.map(\.code).contains("name-from-file-name"))
        // A page bundle (`squat/index.md`) is named from its folder.
        #expect(Support.convert("A squat.\n", path: "content/box_squat/index.md").record?.name == "Box Squat")
    }

    @Test func aSlugTitleGivesWayToTheSubtitle() throws {
        let page = "---\ntitle: \"dumbbell_hammer_curl\"\nsubtitle: \"Dumbbell Hammer Curl\"\ndescription: \"An arm exercise.\"\n---\n\n## Instructions\n\n1. Curl.\n"
        let r = Support.convert(page, path: "curls.md")
        let record = try #require(r.record)
        #expect(record.name == "Dumbbell Hammer Curl")
        #expect(record.id == "dumbbell-hammer-curl")
        #expect(record.attributes["title"] == "dumbbell_hammer_curl")
        #expect(r.diagnostics.map(\.code).contains("name-from-subtitle"))
        // A title that is a real name stays the name.
        let named = Support.convert("---\ntitle: Hammer Curl\nsubtitle: The forearm builder\n---\n\nAn arm exercise.\n", path: "c.md")
        #expect(named.record?.name == "Hammer Curl")
    }
}
