import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// Character sets and hostile input for the HTML reader.
@Suite struct HTMLInputTests {
    static let body = "<h1>Caf\u{E9} Curl</h1><p>Curl \u{2013} don\u{2019}t swing.</p><ol><li>Curl.</li></ol>"

    func record(_ bytes: [UInt8]) -> (Exercise?, [Diagnostic]) {
        let r = Support.convert(bytes: bytes, path: "p.html", format: "html")
        return (r.record, r.diagnostics)
    }

    @Test func utf8WithAndWithoutBOM() {
        let plain = record(Array("<meta charset=\"utf-8\">\(Self.body)".utf8))
        let bom = record([0xEF, 0xBB, 0xBF] + Array(Self.body.utf8))
        #expect(plain.0?.name == "Caf\u{E9} Curl")
        #expect(plain.0?.summary == "Curl \u{2013} don\u{2019}t swing.")
        #expect(bom.0?.name == plain.0?.name)
        #expect(bom.0?.summary == plain.0?.summary)
        #expect(plain.1.isEmpty && bom.1.isEmpty)
    }

    @Test func windows1252AndLatin1Declarations() {
        let cp1252: [UInt8] = Array("<meta charset=windows-1252><h1>Caf".utf8) + [0xE9] + Array(" Curl</h1><p>Curl ".utf8) + [0x96] + Array(" don".utf8) + [0x92] + Array("t swing.</p><ol><li>Curl.</li></ol>".utf8)
        let (r, diags) = record(cp1252)
        #expect(r?.name == "Caf\u{E9} Curl")
        #expect(r?.summary == "Curl \u{2013} don\u{2019}t swing.")
        #expect(diags.isEmpty)

        // Declared ISO-8859-1 is read as windows-1252, as browsers do (0x92 is a quote, not a C1 control).
        let latin1: [UInt8] = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><h1>Caf".utf8) + [0xE9] + Array(" Curl</h1><p>don".utf8) + [0x92] + Array("t.</p>".utf8)
        #expect(record(latin1).0?.summary == "don\u{2019}t.")
    }

    @Test func undeclaredNonUTF8FallsBackToWindows1252WithANote() {
        let bytes: [UInt8] = Array("<h1>Caf".utf8) + [0xE9] + Array(" Curl</h1><p>Short text.</p>".utf8)
        let (r, diags) = record(bytes)
        #expect(r?.name == "Caf\u{E9} Curl")
        #expect(diags.map(\.code) == ["charset-guess"])
    }

    @Test func invalidBytesInDeclaredUTF8AreReplacedAndReported() {
        let bytes: [UInt8] = Array("<meta charset=\"utf-8\">\n<h1>Bad".utf8) + [0xFF] + Array(" Row</h1><p>Row it.</p>".utf8)
        let (r, diags) = record(bytes)
        #expect(r?.name == "Bad\u{FFFD} Row")
        #expect(diags.count == 1)
        #expect(diags.first?.code == "invalid-utf8")
        #expect(diags.first?.line == 2)
    }

    @Test func utf16WithBOM() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.body.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(record(bytes).0?.name == "Caf\u{E9} Curl")
    }

    @Test func entitiesAndBreaks() {
        let (r, _) = record(Array("<h1>Squat&nbsp;&amp;&nbsp;Press</h1><p>Caf&eacute; &#8211; &#x2019;quoted&#x2019;</p><h2>Steps</h2><p>Stand up.<br>Sit down.<br/>Repeat.</p>".utf8))
        #expect(r?.name == "Squat & Press")
        #expect(r?.summary == "Caf\u{E9} \u{2013} \u{2019}quoted\u{2019}")
        #expect(r?.steps == ["Stand up.", "Sit down.", "Repeat."])
    }

    // MARK: Bad input: one diagnostic each, no crash, nothing read beyond the input

    @Test func emptyAndBinaryFiles() {
        #expect(record([]).1.map(\.code) == ["empty-file"])
        #expect(record(Array("  \n\t ".utf8)).1.map(\.code) == ["empty-file"])
        #expect(record([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]).1.map(\.code) == ["binary-file"])
    }

    @Test func pageWithNoExercise() {
        let (r, diags) = record(Array("<html><head><title>About us</title></head><body><nav><a href=/>Home</a></nav></body></html>".utf8))
        #expect(r == nil)
        #expect(diags.map(\.code) == ["not-an-exercise"])
        // Named from its file, an empty page still gives no record; from stdin it has no name.
        let (r2, diags2) = record(Array("<html><body><div></div></body></html>".utf8))
        #expect(r2 == nil)
        #expect(diags2.map(\.code) == ["name-from-file-name", "not-an-exercise"])
        let stdin = Support.convert(bytes: Array("<html><body><div></div></body></html>".utf8), path: "<stdin>", format: "html")
        #expect(stdin.record == nil)
        #expect(stdin.diagnostics.map(\.code) == ["no-title"])
    }

    @Test func tenThousandNestedDivs() {
        let html = "<h1>Deep</h1><p>Outer text.</p>" + String(repeating: "<div>", count: 10_000) + "<p>inner</p>" + String(repeating: "</div>", count: 10_000)
        let (r, diags) = record(Array(html.utf8))
        #expect(r?.name == "Deep")
        #expect(diags.map(\.code) == ["html-truncated"])
    }

    @Test func entityExpansionBombIsNotExpanded() {
        var doctype = "<!DOCTYPE html [<!ENTITY a0 \"lol\">"
        for i in 1...9 { doctype += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">" }
        doctype += "]>"
        let html = doctype + "<html><body><h1>Bomb</h1><p>&a9;</p><ol><li>Step.</li></ol></body></html>"
        let (r, _) = record(Array(html.utf8))
        // libxml2's HTML parser reads no internal DTD subset: the declarations stay inert text
        // (as in a browser) and nothing is expanded.
        let summary = r?.summary ?? ""
        #expect(r?.name == "Bomb")
        #expect(summary.contains("lollol") == false)
        #expect(summary.count < 1_000)
    }

    @Test func externalEntityIsNeverLoaded() throws {
        let secret = try Support.temporaryDirectory().appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-CONTENT".utf8).write(to: secret)
        let html = "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]><html><body><h1>XXE</h1><p>&xxe;</p><p><img src=\"file://\(secret.path)\"></p><ol><li>Step.</li></ol></body></html>"
        let result = Support.convert(bytes: Array(html.utf8), path: "x.html", format: "html")
        let json = String(decoding: CanonicalJSON.data(try #require(result.record)), as: UTF8.self)
        #expect(!json.contains("TOP-SECRET"))
    }

    @Test func fiftyMegabytePageIsRefusedBeforeParsing() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        var big = Data("<html><body><h1>Huge</h1><p>".utf8)
        big.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
        try big.write(to: pages.appendingPathComponent("huge.html"))
        try Data("<h1>Small Row</h1><ol><li>Row.</li></ol>".utf8).write(to: pages.appendingPathComponent("small.html"))
        let config = try PipelineConfig.parse(Data(#"{"input": "pages", "output": "out", "exporters": [{"format": "json"}]}"#.utf8), baseDirectory: dir)
        let outcome = try PipelineRunner(config: config).run()
        #expect(try outcome.records.map(\.id) == ["small-row"])
        let reported = outcome.reportedDiagnostics
        #expect(reported.map { "\($0.file) \($0.code)" } == ["pages/huge.html too-large"])
        #expect(outcome.exitCode == 1)
    }
}

/// Many HTML pages on all cores at once, in fresh processes: libxml2's first parses used to race
/// in its global initialisation and dead-lock (about one process in 40 hung before
/// `xmlInitParser` was called up front; 40 runs catch it more often than not). Each run must
/// finish, and all runs write the same bytes whatever the thread scheduling.
@Suite struct ConcurrentHTMLTests {
    @Test func freshProcessesOverManyPagesFinishAndAgree() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        for i in 0..<16 {
            let html = "<html><head><title>x</title></head><body id=\"b\(i)\"><main id=\"m\(i)\"><h1 id=\"t\(i)\">Row Variation \(i)</h1><p id=\"p\(i)\">Row number \(i).</p><ol><li>Pull.</li><li>Lower.</li></ol></main></body></html>"
            try Data(html.utf8).write(to: pages.appendingPathComponent("page-\(i).html"))
        }
        try Data(#"{"input": "pages", "output": "out", "exporters": [{"format": "json-dataset"}]}"#.utf8).write(to: dir.appendingPathComponent("pipeline.json"))
        var outputs: Set<Data> = []
        for _ in 0..<40 {
            let result = try Support.run(Support.cli, ["run", "--config", dir.appendingPathComponent("pipeline.json").path, "--quiet"], timeout: 30)
            #expect(result.status == 0, "run failed or hung: \(result.stderr)")
            outputs.insert(try Data(contentsOf: dir.appendingPathComponent("out/exercises.json")))
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("out"))
        }
        #expect(outputs.count == 1)
    }
}
