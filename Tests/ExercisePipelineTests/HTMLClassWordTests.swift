@testable import ExerciseReaders
import Foundation
import Testing

/// The HTML reader's class and id tests run on the attributes' bytes; each must answer what the
/// same test on the words as strings answers, on every class and id value of the corpus's and
/// the samples' HTML pages and on chosen corners.
@Suite struct HTMLClassWordTests {
    static func attributeValues() throws -> [String] {
        var values: Set<String> = [
            "", " ", "title", "TITLE", "card-title", "sectionTitle", "page-title-wrapper", "title-", "-title", "_", "--",
            "aTitle", "ATitle", "subHeadline", "x--heading__", "headingX", "HeadingBlock", "my_heading", "step\ttitle",
            "a\u{0B}b title\u{0C}", "Título", "card-títle heading", "cookie-banner", "Site-Header", "NAV", "entry-meta x",
            "sharedaddy", "ad", "adsbygoogle-x", "wp-block-post-date", "x_y-z", "lg:grid-cols-[1fr_18rem]", "x\tnav", "cookie\nbar",
        ]
        let pattern = try NSRegularExpression(pattern: #"(?:class|id)\s*=\s*"([^"]*)""#, options: [.caseInsensitive])
        for folder in [Support.shared.appendingPathComponent("corpus/real-pages"), Support.root.appendingPathComponent("input"),
                       Support.root.appendingPathComponent("Tests/ExercisePipelineTests/Fixtures")] {
            for path in Support.allFiles(under: folder) where [".html", ".htm", ".md"].contains(where: path.hasSuffix) {
                let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { values.insert(String(text[range])) }
                }
            }
        }
        return values.sorted()
    }

    @Test func headingClassesOnBytesAsOnWords() throws {
        let values = try Self.attributeValues()
        #expect(values.count > 150)
        var headings = 0
        for value in values {
            let onWords = value.split(whereSeparator: \.isWhitespace).contains { HTMLSemantics.isHeadingToken(String($0)) }
            #expect(HTMLSemantics.hasHeadingClass(value) == onWords, "\(value.debugDescription)")
            if onWords { headings += 1 }
        }
        #expect(headings > 10)
    }

    @Test func classAndIDWordsOnBytesAsOnWords() throws {
        let values = try Self.attributeValues()
        let probes: [(String, (String) -> Bool)] = [
            ("chrome token", { HTMLContent.chromeTokens.contains($0) }),
            ("article meta", { HTMLContent.articleMetaTokens.contains($0) }),
            ("chrome part", { var w = $0; return w.withUTF8 { HTMLContent.hasChromePart($0) } }),
            ("any word", { !$0.isEmpty }),
            ("the word title", { $0 == "title" }),
        ]
        var hits = 0
        for (i, value) in values.enumerated() {
            let id = values[(i * 7) % values.count]
            for attributes in [["class": value], ["id": value], ["class": value, "id": id]] as [HTMLAttributes] {
                for (name, probe) in probes {
                    let element = HTMLElement(name: "div", attributes: attributes, children: [], line: nil)
                    let onBytes = element.anyClassOrIDWord { probe(String(decoding: $0, as: UTF8.self)) }
                    let onWords = element.classAndID.contains(where: probe)
                    #expect(onBytes == onWords, "\(name): \(attributes.pairs)")
                    if onWords && name != "any word" { hits += 1 }
                    // Asked again once the words are known (the cached path).
                    #expect(element.anyClassOrIDWord { probe(String(decoding: $0, as: UTF8.self)) } == onWords)
                }
            }
        }
        #expect(hits > 20)
    }

    /// `hasText` stops at the first text that counts; it must say what `textLength > 0` says, for
    /// every element of every HTML page of the corpus and the samples (on two parses of each, so
    /// that neither answer is one the other cached).
    @Test func hasTextIsATextLength() throws {
        var elements = 0
        var pages: [[UInt8]] = ["<main>\u{301}</main>", "<main> <p> </p>\u{00A0}</main>", "<div>\t\n</div><main><b></b>x</main>",
                                "<main>e\u{301}</main>", "<main>\u{200B}</main>", "<main>&nbsp;&#8203;</main>", "<main><p>\u{FEFF}</p><i> a</i></main>",
                                "<main>\u{1F1EB}\u{1F1F7}</main>", "<main>\r\n</main>", "<main><script>x</script></main>"].map { Array(("<html><body>" + $0 + "</body></html>").utf8) }
        for folder in [Support.shared.appendingPathComponent("corpus/real-pages"), Support.root.appendingPathComponent("input"),
                       Support.root.appendingPathComponent("Tests/ExercisePipelineTests/Fixtures")] {
            for path in Support.allFiles(under: folder) where path.hasSuffix(".html") || path.hasSuffix(".htm") {
                pages.append([UInt8](try Data(contentsOf: folder.appendingPathComponent(path))))
            }
        }
        for bytes in pages {
            guard let a = HTMLParse.parse(bytes).root, let b = HTMLParse.parse(bytes).root else { continue }
            let asked = [a] + a.descendants(where: { _ in true }), counted = [b] + b.descendants(where: { _ in true })
            #expect(asked.count == counted.count)
            for (x, y) in zip(asked, counted) {
                #expect(x.hasText == (y.textLength > 0), "<\(x.name)> line \(x.line ?? 0) of \(String(decoding: bytes.prefix(80), as: UTF8.self))")
                elements += 1
            }
        }
        #expect(elements > 5000)
    }
}
