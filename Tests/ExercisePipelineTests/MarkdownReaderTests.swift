import ExerciseDocument
import ExerciseModel
@testable import ExerciseReaders
import Foundation
import Testing

@Suite struct MarkdownReaderTests {
    func read(_ text: String) -> (Document?, [Diagnostic]) {
        read(bytes: Array(text.utf8))
    }

    func read(bytes: [UInt8]) -> (Document?, [Diagnostic]) {
        var sink = DiagnosticSink(file: "t.md")
        let doc = MarkdownReader().read(bytes, diagnostics: &sink)
        return (doc, sink.diagnostics)
    }

    @Test func headingsNestIntoSectionsWithSourceLines() throws {
        let (doc, _) = read("# Title\n\nIntro.\n\n## A\n\ntext a\n\n### A1\n\nx\n\n## B\n\n- one\n- two\n")
        let root = try #require(doc).root
        #expect(root.children.count == 1)
        let title = root.children[0]
        #expect(title.heading?.text == "Title")
        #expect(title.line == 1)
        #expect(title.blocks == [.paragraph(InlineText(text: "Intro."), line: 3)])
        #expect(title.children.map { $0.heading?.text } == ["A", "B"])
        #expect(title.children[0].children.map { $0.heading?.text } == ["A1"])
        #expect(title.children[0].children[0].line == 9)
        guard case .list(let list) = title.children[1].blocks.first else { Issue.record("no list"); return }
        #expect(list.items.map(\.text.text) == ["one", "two"])
        #expect(list.items.map(\.line) == [15, 16])
        #expect(list.ordered == false)
    }

    @Test func inlineMarkupBecomesPlainTextKeepingLinksAndLeadingBold() throws {
        let (doc, _) = read("**Equipment:** *Resistance*   `band` and [a link](https://x.test/a) &amp; &eacute;\nnext line")
        guard case .paragraph(let text, _) = try #require(doc).root.blocks.first else { Issue.record("no paragraph"); return }
        #expect(text.text == "Equipment: Resistance band and a link & é next line")
        #expect(text.leadingStrong == "Equipment:")
        #expect(text.links == [InlineLink(text: "a link", url: "https://x.test/a")])
    }

    /// The page is parsed without GitHub's autolink extension unless its text could hold an
    /// autolink; bare URLs, `www.` addresses and e-mails in the text are still links.
    @Test func bareURLsAndAddressesInTextAreLinks() throws {
        let (doc, _) = read("See https://x.test/a, www.y.test or mail me@z.test.\n\n[Only a link](https://x.test/b) here.")
        let blocks = try #require(doc).root.blocks
        guard case .paragraph(let bare, _) = blocks.first, case .paragraph(let linked, _) = blocks.last else { Issue.record("no paragraphs"); return }
        #expect(bare.text == "See https://x.test/a, www.y.test or mail me@z.test.")
        #expect(bare.links == [InlineLink(text: "https://x.test/a", url: "https://x.test/a"), InlineLink(text: "www.y.test", url: "http://www.y.test"),
                               InlineLink(text: "me@z.test", url: "mailto:me@z.test")])
        #expect(linked.links == [InlineLink(text: "Only a link", url: "https://x.test/b")])
        #expect(!CmarkTree.mayAutolink("Text with w, ww.x, colons: and :/ but no address"))
        #expect(CmarkTree.mayAutolink("at www.x"))
    }

    @Test func yamlFrontMatterIsReadAsTextWithFileLines() throws {
        let (doc, diags) = read("---\ntitle: Squat\ndraft: no\ndate: 2024-01-02\nmuscles: [Quads, Glutes]\n---\n# Squat\n\ntext\n")
        let d = try #require(doc)
        #expect(diags.isEmpty)
        #expect(d.metadata.map(\.key) == ["title", "draft", "date", "muscles"])
        // YAML 1.1 would make these false and a Date; they stay the author's text.
        #expect(d.metadata[1].value == .text("no"))
        #expect(d.metadata[2].value == .text("2024-01-02"))
        #expect(d.metadata[3].value == .list([.text("Quads"), .text("Glutes")]))
        #expect(d.metadata.map(\.line) == [2, 3, 4, 5])
        #expect(d.root.children.first?.line == 7)
    }

    @Test func brokenFrontMatterIsAWarningWithItsLine() throws {
        let (doc, diags) = read("---\ntitle: [unclosed\n---\n# Squat\n")
        #expect(doc != nil)
        #expect(diags.count == 1)
        #expect(diags.first?.code == "front-matter-syntax")
        #expect(diags.first?.severity == .warning)
        #expect((diags.first?.line ?? 0) >= 2)
    }

    @Test func tomlFrontMatterIsRead() throws {
        let (doc, diags) = read("+++\ntitle = \"Squat\"\n+++\n# Squat\n")
        #expect(doc?.root.children.first?.line == 4)
        #expect(doc?.metadata == [MetadataEntry(key: "title", value: .text("Squat"), line: 2)])
        #expect(diags.isEmpty)
    }

    @Test func crlfAndBOMReadLikeLF() throws {
        let lf = read("# T\n\n- a\n- b\n").0
        let crlf = read(bytes: [0xEF, 0xBB, 0xBF] + Array("# T\r\n\r\n- a\r\n- b\r\n".utf8)).0
        #expect(lf == crlf)
        // Line endings on the bytes, as Foundation's two replacements gave them.
        for text in ["a\r\nb", "a\rb", "\r\r\n", "\n\r", "é\r\n🏋️\r", "\r", "x"] {
            #expect(TextDecoding.normalizeLineEndings(text) == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
    }

    @Test func invalidUTF8IsAnErrorNamingTheLine() {
        let (doc, diags) = read(bytes: Array("# T\n\nok\n".utf8) + [0xC3, 0x28] + Array(" bad\n".utf8))
        #expect(doc == nil)
        #expect(diags.count == 1)
        #expect(diags[0].code == "invalid-utf8")
        #expect(diags[0].line == 4)
        #expect(diags[0].message.contains("byte offset 8 (0xC3)"))
    }

    @Test func tablesTaskListsAndCode() throws {
        let (doc, _) = read("| Key | Value |\n| --- | --- |\n| Equipment | Band |\n\n- [x] done\n- [ ] todo\n\n```yaml\na: b\n```\n")
        let blocks = try #require(doc).root.blocks
        guard case .table(let table) = blocks[0], case .list(let list) = blocks[1], case .code(let code, let info, let line) = blocks[2] else {
            Issue.record("unexpected blocks \(blocks)")
            return
        }
        #expect(table.header.map(\.text) == ["Key", "Value"])
        #expect(table.rows.map { $0.map(\.text) } == [["Equipment", "Band"]])
        #expect(table.rowLines == [3])
        #expect(list.items.map(\.checked) == [true, false])
        #expect(list.items.map(\.text.text) == ["done", "todo"])
        #expect(code == "a: b\n")
        #expect(info == "yaml")
        #expect(line == 9)  // the code's first line, below the fence
    }
}

/// Inline HTML in markdown text: inline tags sit inside words, `<br>` and block tags separate
/// them, and an inline `<script>` or `<style>` is code, left out with a warning.
@Suite struct InlineHTMLTests {
    @Test func inlineTagsJoinWordsAndBreaksSeparateThem() {
        let result = Support.convert("# Press\n\nA bo<b>ld</b> press, <span class=\"x\">slow</span>.<br>Then rest.\n\n## Steps\n\n1. Push <em>up</em>.\n")
        #expect(result.record?.summary == "A bold press, slow. Then rest.")
        #expect(result.record?.steps == ["Push up."])
        #expect(!result.diagnostics.contains { $0.code == "inline-script" })
    }

    @Test func inlineScriptsAreLeftOutWithAWarning() {
        let result = Support.convert("# Press\n\nA press <script>alert(1)</script>done slowly.\n\n## Steps\n\n1. Push.\n2. Hold <style>p{}</style>still.\n")
        #expect(result.record?.summary == "A press done slowly.")
        #expect(result.record?.steps == ["Push.", "Hold still."])
        #expect(result.diagnostics.filter { $0.code == "inline-script" }.map { "\($0.line ?? 0): \($0.message)" } == [
            "3: an inline <script> element in the text was left out: its content is code, not the page's words",
            "8: an inline <style> element in the text was left out: its content is code, not the page's words",
        ])
    }
}
