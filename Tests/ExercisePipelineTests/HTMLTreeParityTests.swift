import CLibXML2
import Foundation
@testable import ExerciseReaders
import Testing

/// The HTML reader builds its tree from libxml2's parse events (`HTMLTreeBuilder`) instead of
/// copying the tree libxml2 builds. These tests hold the two to the same tree: libxml2's own
/// (walked here as the reader used to walk it) against the builder's, on every HTML page of the
/// corpus, the samples, the hostile pages and the corners of libxml2's tree building.
@Suite struct HTMLTreeParityTests {
    /// libxml2's own tree for the bytes, as text: what the reader read before the builder.
    static func libxml2Tree(_ bytes: [UInt8]) -> (tree: String, truncated: String?) {
        guard let ctxt = htmlNewParserCtxt() else { return ("", nil) }
        defer { htmlFreeParserCtxt(ctxt) }
        guard let doc = HTMLParse.read(bytes, with: ctxt) else { return ("", nil) }
        defer { xmlFreeDoc(doc) }
        let truncated = HTMLParse.stoppedEarly(ctxt)
        guard let root = xmlDocGetRootElement(doc) else { return ("", truncated) }
        var out = ""
        dump(root, depth: 0, into: &out)
        return (out, truncated)
    }

    private static func dump(_ node: xmlNodePtr, depth: Int, into out: inout String) {
        var attributes: [String: String] = [:]
        var attr = node.pointee.properties
        while let a = attr {
            if let name = a.pointee.name {
                let value = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1)
                attributes[String(cString: name).lowercased()] = value.map { String(cString: $0) } ?? ""
                if let value { cxml_free(value) }
            }
            attr = a.pointee.next
        }
        let line = Int(xmlGetLineNo(node))
        let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        out += String(repeating: " ", count: depth) + "<\(name) \(attributes.sorted { $0.key < $1.key }) line \(line > 0 && line < 65_535 ? line : 0)>\n"
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: dump(c, depth: depth + 1, into: &out)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { out += String(repeating: " ", count: depth + 1) + "\(String(cString: content).debugDescription)\n" }
            default: break
            }
            child = c.pointee.next
        }
    }

    /// The builder's tree for the bytes, as the same text.
    static func builderTree(_ bytes: [UInt8]) -> (tree: String, truncated: String?) {
        let parsed = HTMLParse.parse(bytes)
        var out = ""
        if let root = parsed.root { dump(root, depth: 0, into: &out) }
        return (out, parsed.truncated)
    }

    private static func dump(_ e: HTMLElement, depth: Int, into out: inout String) {
        let attributes = Dictionary(e.attributes.pairs, uniquingKeysWith: { _, last in last })
        out += String(repeating: " ", count: depth) + "<\(e.name) \(attributes.sorted { $0.key < $1.key }) line \(e.line ?? 0)>\n"
        for child in e.children {
            switch child {
            case .element(let c): dump(c, depth: depth + 1, into: &out)
            case .text(let t): out += String(repeating: " ", count: depth + 1) + "\(t.debugDescription)\n"
            }
        }
    }

    static func expectSameTree(_ bytes: [UInt8], _ name: String) {
        let (expected, builder) = (libxml2Tree(bytes), builderTree(bytes))
        #expect(builder.tree == expected.tree, "\(name): the trees differ")
        #expect(builder.truncated == expected.truncated, "\(name)")
    }

    @Test func everyCorpusAndSamplePage() throws {
        var files: [URL] = []
        for folder in [Support.shared.appendingPathComponent("corpus"), Support.root.appendingPathComponent("input")] {
            let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = walk?.nextObject() as? URL {
                if ["html", "htm"].contains(url.pathExtension) { files.append(url) }
            }
        }
        #expect(files.count >= 70)
        for url in files { Self.expectSameTree(Array(try Data(contentsOf: url)), url.lastPathComponent) }
    }

    @Test func everyHostileHTMLPage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var count = 0
        for c in HostileCorpus.cases where c.name.hasSuffix(".html") || c.name.hasSuffix(".htm") {
            try c.write(folder)
            Self.expectSameTree(Array(try Data(contentsOf: folder.appendingPathComponent(c.name))), c.name)
            count += 1
        }
        #expect(count >= 10)
    }

    /// Where libxml2's tree building has rules of its own.
    @Test func theCornersOfLibxml2sTreeBuilding() {
        let long = String(repeating: "Lift the bar. ", count: 200)
        let cases: [(String, String)] = [
            ("adjacent text", "<p>a &amp; b &lt; c\(long)</p>"),
            ("text split by a comment", "<p>before<!-- note -->after</p>"),
            ("text split by an instruction", "<p>before<?php echo 1 ?>after</p>"),
            ("script beside text", "<div>text<script>var a = 1;\(long)</script>more<style>p {}</style><style>b {}</style></div>"),
            ("prefixed names", "<body><o:p>office</o:p><fb:like href=x></fb:like><:odd>x</:odd><odd:>y</odd:><a:b:c>z</a:b:c></body>"),
            ("boolean and empty attributes", "<form><input checked disabled type=checkbox value=''><option selected>x</option><div hidden data-x>y</div></form>"),
            ("upper-case names", "<DIV CLASS=Card ID=Main><P Style='display:none'>x</P></DIV>"),
            ("non-ASCII attribute names", "<div \u{C9}t\u{E9}=1 \u{E9}t\u{E9}=2>x</div>"),
            ("content after the root", "<html><body><p>in</p></body></html><p>after</p>tail<div>more</div>"),
            ("comment first, content after", "<!-- first --><html><body><p>in</p></body></html><p>after</p>"),
            ("doctype first, content after", "<!DOCTYPE html><html><body><p>in</p></body></html><p>after</p>"),
            ("doctype misplaced", "<html><body><p>in</p><!DOCTYPE html></body></html><p>after</p>"),
            ("no markup", "just text\non two lines"),
            ("only a comment", "<!-- nothing -->"),
            ("whitespace between blocks", "<html> <head> <title> t </title> </head>\n<body>\n<p>a</p>\n <p>b</p> <b>c</b> <i>d</i>\n</body>\n</html>\n"),
            ("implied elements", "<li>one<li>two<td>cell<p>para<p>next"),
            ("lines", "<html>\n<body>\n\n<h1>t</h1>\n<p>\nx\n</p>\n</body></html>"),
            ("entities", "<p title='&quot;q&quot; &amp; &eacute;'>&nbsp;&copy;&#8212;&#x1F4AA;&bogus;</p>"),
        ]
        for (name, html) in cases { Self.expectSameTree(Array(html.utf8), name) }
        // libxml2 stops when a 258th element would open: the same elements either side of it.
        for depth in [250, 255, 256, 257, 258, 259, 300] {
            let html = "<h1>Deep</h1>" + String(repeating: "<div>", count: depth) + "<p>inner</p>" + String(repeating: "</div>", count: depth) + "<p>after</p>"
            Self.expectSameTree(Array(html.utf8), "\(depth) nested divs")
        }
    }
}
