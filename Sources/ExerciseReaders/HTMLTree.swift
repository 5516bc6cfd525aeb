import CLibXML2
import ExerciseDocument
import ExerciseModel

/// libxml2's parse of a page, copied into plain Swift objects so that content detection and the
/// walk into a `Document` are ordinary, testable Swift (and no libxml2 pointer outlives the parse).
///
/// An element is a reference and never changes once made: the chrome strip and the semantic
/// rewrite make new elements only along the paths they change and share everything else. As a
/// value type every pass copied (and retained, and released) the name, attributes and children of
/// each element it looked at, which was most of the reader's time; a reference also lets an
/// element keep what the passes ask of it again and again (its text, its class and id words).
/// Elements live inside one page's read, on one thread.
final class HTMLElement {
    let name: String
    let attributes: [String: String]
    let children: [HTMLNode]
    let line: Int?

    init(name: String, attributes: [String: String], children: [HTMLNode], line: Int?) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The same element with other children (and, for the rewrite's headings, another name).
    func with(name: String? = nil, children: [HTMLNode]) -> HTMLElement {
        HTMLElement(name: name ?? self.name, attributes: attributes, children: children, line: line)
    }

    func attribute(_ name: String) -> String? { attributes[name] }

    private var knownClassAndID: [String]?
    private var knownText: String?
    private var knownTextLength: Int?

    /// Class and id words, lower-cased, for recognising chrome and content containers.
    var classAndID: [String] {
        if let knownClassAndID { return knownClassAndID }
        var words: [String] = []
        for value in [attributes["class"], attributes["id"]] {
            guard let value else { continue }
            words += Self.lowercasedWords(value)
        }
        knownClassAndID = words
        return words
    }

    /// An attribute's words, lower-cased: on the bytes when they are ASCII, as they nearly always are.
    static func lowercasedWords(_ value: String) -> [String] {
        asciiWords(value, lowercased: true) ?? value.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The words of an all-ASCII attribute (as `split(whereSeparator: \.isWhitespace)` gives them),
    /// on bytes; nil when the value has other characters. Class and id words are asked for by
    /// every content and chrome test, and Character-level splitting was a tenth of an HTML run.
    static func asciiWords(_ value: String, lowercased: Bool) -> [String]? {
        var value = value
        return value.withUTF8 { u -> [String]? in
            var words: [String] = []
            var start = -1
            var hasUpper = false
            func end(_ i: Int) {
                let word = UnsafeBufferPointer(rebasing: u[start..<i])
                if lowercased && hasUpper {
                    words.append(String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self))
                } else {
                    words.append(String(decoding: word, as: UTF8.self))
                }
                start = -1
                hasUpper = false
            }
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x80 else { return nil }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    if start >= 0 { end(i) }
                } else {
                    if start < 0 { start = i }
                    if b >= 0x41 && b <= 0x5A { hasUpper = true }
                }
            }
            if start >= 0 { end(u.count) }
            return words
        }
    }

    /// All descendant elements in document order.
    func descendants(where match: (HTMLElement) -> Bool) -> [HTMLElement] {
        var out: [HTMLElement] = []
        forEachDescendant { if match($0) { out.append($0) } }
        return out
    }

    /// The first descendant element in document order that matches.
    func firstDescendant(where match: (HTMLElement) -> Bool) -> HTMLElement? {
        for case .element(let e) in children {
            if match(e) { return e }
            if let found = e.firstDescendant(where: match) { return found }
        }
        return nil
    }

    /// Whether any descendant element matches (stops at the first).
    func hasDescendant(where match: (HTMLElement) -> Bool) -> Bool {
        firstDescendant(where: match) != nil
    }

    /// Every descendant element in document order.
    func forEachDescendant(_ body: (HTMLElement) -> Void) {
        for case .element(let e) in children {
            body(e)
            e.forEachDescendant(body)
        }
    }

    /// The text of every descendant text node, in order (kept: content tests ask for the text of
    /// the same subtrees more than once).
    var textContent: String {
        if let knownText { return knownText }
        var out = ""
        appendText(to: &out)
        knownText = out
        return out
    }

    /// `PlainText.collapse(textContent).count`: the length the content tests compare.
    var textLength: Int {
        if let knownTextLength { return knownTextLength }
        let collapsed = PlainText.collapse(textContent)
        // Characters, counted on the bytes when they are all ASCII (collapsed text holds no CR LF,
        // the one ASCII pair that is a single Character): the body's text is counted on every page.
        let length = collapsed.utf8.allSatisfy { $0 < 0x80 } ? collapsed.utf8.count : collapsed.count
        knownTextLength = length
        return length
    }

    /// Into one string, not a joined array per level (and not each level's string kept).
    private func appendText(to out: inout String) {
        if let knownText { out += knownText; return }
        for child in children {
            switch child {
            case .text(let t): out += t
            case .element(let e): e.appendText(to: &out)
            }
        }
    }
}

enum HTMLNode {
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
        var names = Names()
        let root = element(top, depth: 0, depthCut: &depthCut, names: &names)
        if depthCut && truncated == nil { truncated = "elements nested deeper than \(maximumDepth) levels" }
        return Result(root: root, truncated: truncated, ruleMatches: evaluate(xpath, in: doc))
    }

    /// Tag and attribute names as Swift strings, each made once per page: a page has a few dozen
    /// names over thousands of elements. (libxml2's HTML tree does not share one copy of a name
    /// between its nodes, so the name's bytes, not its address, find it.)
    private struct Names {
        private var recent = [(bytes: [UInt8], string: String)](repeating: ([], ""), count: 64)

        mutating func callAsFunction(_ name: UnsafePointer<xmlChar>) -> String {
            var hash: UInt32 = 2_166_136_261
            var length = 0
            while name[length] != 0 {
                hash = (hash ^ UInt32(name[length])) &* 16_777_619
                length += 1
            }
            let slot = Int(hash & 63)
            let bytes = UnsafeBufferPointer(start: name, count: length)
            if recent[slot].bytes.elementsEqual(bytes) { return recent[slot].string }
            // (libxml2's HTML parser lower-cases tag and attribute names already.)
            let raw = String(decoding: bytes, as: UTF8.self)
            let string = bytes.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? raw.lowercased() : raw
            recent[slot] = (Array(bytes), string)
            return string
        }
    }

    private static func element(_ node: xmlNodePtr, depth: Int, depthCut: inout Bool, names: inout Names) -> HTMLElement {
        // Sized once: growing each element's table attribute by attribute showed in the profile.
        var count = 0
        var attr = node.pointee.properties
        while let a = attr { count += 1; attr = a.pointee.next }
        var attributes: [String: String] = count == 0 ? [:] : Dictionary(minimumCapacity: count)
        attr = node.pointee.properties
        while let a = attr {
            if let name = a.pointee.name {
                if let text = a.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                    // One text child (nearly every attribute): its content as it is, with no copy
                    // made and freed by libxml2.
                    attributes[names(name)] = String(cString: content)
                } else {
                    let value = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1)
                    attributes[names(name)] = value.map { String(cString: $0) } ?? ""
                    if let value { cxml_free(value) }
                }
            }
            attr = a.pointee.next
        }
        var children: [HTMLNode] = []
        if depth < maximumDepth {
            var kids = 0
            var next = node.pointee.children
            while let c = next { kids += 1; next = c.pointee.next }
            children.reserveCapacity(kids)
            var child = node.pointee.children
            while let c = child {
                switch c.pointee.type {
                case XML_ELEMENT_NODE:
                    children.append(.element(element(c, depth: depth + 1, depthCut: &depthCut, names: &names)))
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
        let name = node.pointee.name.map { names($0) } ?? ""
        return HTMLElement(name: name, attributes: attributes, children: children, line: line > 0 ? line : nil)
    }
}
