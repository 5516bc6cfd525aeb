import CLibXML2
import ExerciseDocument
import ExerciseModel

/// libxml2's parse of a page, copied into plain Swift values so that content detection and the
/// walk into a `Document` are ordinary, testable Swift (and no libxml2 pointer outlives the parse).
struct HTMLElement: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [HTMLNode]
    var line: Int?

    func attribute(_ name: String) -> String? { attributes[name] }

    /// Class and id words, lower-cased, for recognising chrome and content containers.
    var classAndID: [String] {
        let both = (attributes["class"] ?? "") + " " + (attributes["id"] ?? "")
        return Self.asciiWords(both, lowercased: true) ?? both.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The words of an all-ASCII attribute (as `split(whereSeparator: \.isWhitespace)` gives them),
    /// on bytes; nil when the value has other characters. Class and id words are asked for by
    /// every content and chrome test, and Character-level splitting was a tenth of an HTML run.
    static func asciiWords(_ value: String, lowercased: Bool) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        for var b in value.utf8 {
            guard b < 0x80 else { return nil }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            } else {
                if lowercased && b >= 0x41 && b <= 0x5A { b += 0x20 }
                word.append(b)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// All descendant elements in document order.
    func descendants(where match: (HTMLElement) -> Bool) -> [HTMLElement] {
        var out: [HTMLElement] = []
        collectDescendants(where: match, into: &out)
        return out
    }

    /// Into one array, not an array per level appended upwards.
    private func collectDescendants(where match: (HTMLElement) -> Bool, into out: inout [HTMLElement]) {
        forEachDescendant { if match($0) { out.append($0) } }
    }

    /// Every descendant element in document order.
    func forEachDescendant(_ body: (HTMLElement) -> Void) {
        for child in children {
            if case .element(let e) = child {
                body(e)
                e.forEachDescendant(body)
            }
        }
    }

    var textContent: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    /// Into one string, not a joined array per level: content tests ask for the text of many
    /// subtrees.
    private func appendText(to out: inout String) {
        for child in children {
            switch child {
            case .text(let t): out += t
            case .element(let e): e.appendText(to: &out)
            }
        }
    }
}

indirect enum HTMLNode: Sendable {
    case text(String)
    case element(HTMLElement)
}

enum HTMLParse {
    /// Deeper nesting than this is cut (libxml2 itself stops at 256 levels without XML_PARSE_HUGE).
    static let maximumDepth = 512

    struct Result {
        var root: HTMLElement?
        /// libxml2 stopped early (e.g. nesting too deep): content after that point is missing.
        var truncated: String?
        var ruleMatches: [RuleMatch] = []
    }

    /// Parses UTF-8 bytes with libxml2's HTML parser: recover from tag soup, never touch the network,
    /// ignore the page's own encoding hint (the bytes are already UTF-8), report nothing on stderr.
    /// libxml2 must initialise its globals (dictionary mutex, random seed) once before it is used
    /// from several threads; otherwise two first parses can race and dead-lock inside
    /// `__xmlInitializeDict`. Swift runs this initialiser exactly once.
    private static let initialized: Bool = {
        xmlInitParser()
        cxml_quiet_errors()
        return true
    }()

    /// True when libxml2 compiles the expression as XPath 1.0 (pipeline.json is checked with it).
    static func isValidXPath(_ expression: String) -> Bool {
        precondition(initialized)
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }

    /// Each rule's matches on the parsed page: node texts, or the value of a string expression.
    private static func evaluate(_ rules: [ExtractRules.XPathRule], in doc: htmlDocPtr) -> [RuleMatch] {
        guard !rules.isEmpty, let context = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(context) }
        return rules.map { rule in
            var values: [String] = []
            if let result = xmlXPathEvalExpression(rule.expression, context) {
                defer { xmlXPathFreeObject(result) }
                if result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval {
                    for i in 0..<Int(set.pointee.nodeNr) {
                        guard let node = set.pointee.nodeTab[i], let content = xmlNodeGetContent(node) else { continue }
                        let text = PlainText.collapse(String(cString: content))
                        cxml_free(content)
                        if !text.isEmpty { values.append(text) }
                    }
                } else if let s = xmlXPathCastToString(result) {
                    let text = PlainText.collapse(String(cString: s))
                    cxml_free(s)
                    if !text.isEmpty { values.append(text) }
                }
            }
            return RuleMatch(rule: rule, values: values)
        }
    }

    static func parse(_ utf8: [UInt8], xpath: [ExtractRules.XPathRule] = []) -> Result {
        precondition(initialized)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
        guard let ctxt = htmlNewParserCtxt() else { return Result(root: nil, truncated: "libxml2 could not allocate a parser") }
        defer { htmlFreeParserCtxt(ctxt) }
        let doc: htmlDocPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlCtxtReadMemory(ctxt, $0, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return Result(root: nil, truncated: nil) }
        defer { xmlFreeDoc(doc) }
        var truncated: String?
        if let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(ctxt)), let message = error.pointee.message {
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.contains("Excessive depth") || text.contains("Memory allocation failed") || text.contains("Huge input lookup") {
                truncated = text
            }
        }
        guard let top = xmlDocGetRootElement(doc) else { return Result(root: nil, truncated: truncated) }
        var depthCut = false
        let root = element(top, depth: 0, depthCut: &depthCut)
        if depthCut && truncated == nil { truncated = "elements nested deeper than \(maximumDepth) levels" }
        return Result(root: root, truncated: truncated, ruleMatches: evaluate(xpath, in: doc))
    }

    private static func element(_ node: xmlNodePtr, depth: Int, depthCut: inout Bool) -> HTMLElement {
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
        var children: [HTMLNode] = []
        if depth < maximumDepth {
            var child = node.pointee.children
            while let c = child {
                switch c.pointee.type {
                case XML_ELEMENT_NODE:
                    children.append(.element(element(c, depth: depth + 1, depthCut: &depthCut)))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = c.pointee.content { children.append(.text(String(cString: content))) }
                default:
                    break  // comments, processing instructions, entity references: not content
                }
                child = c.pointee.next
            }
        } else if node.pointee.children != nil {
            depthCut = true
        }
        let line = Int(xmlGetLineNo(node))
        let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        return HTMLElement(name: name, attributes: attributes, children: children, line: line > 0 ? line : nil)
    }
}

import Foundation
