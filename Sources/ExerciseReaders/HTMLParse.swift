import CLibXML2
import ExerciseDocument
import ExerciseModel

/// libxml2's HTML parser, its events building the reader's `HTMLElement` tree directly.
///
/// libxml2's own tree builder made a node, a name and a text copy per element, which the reader
/// then copied again into Swift objects and libxml2 freed: together a third of an HTML page's
/// reading. Here the parser's SAX events build the Swift tree in one step. The tree is the one
/// libxml2's builder (`xmlSAX2StartElement` and its siblings in 2.9) would make, which
/// HTMLTreeParityTests checks against libxml2's own tree on every sample, real and hostile page:
/// adjacent text joined into one node (and adjacent script or style text into another), a comment
/// or processing instruction ending a text run, a prefixed tag name (`o:p`) cut to its local part,
/// a valueless boolean attribute (`checked`) valued with its own name, content after the root
/// element closed placed where libxml2 places it, and libxml2's depth limit (it stops parsing when
/// a 258th element would open) kept.
enum HTMLParse {
    struct Result {
        var root: HTMLElement?
        /// libxml2 stopped early (e.g. nesting too deep): content after that point is missing.
        var truncated: String?
        var ruleMatches: [RuleMatch] = []
        /// Some element has an `itemscope` attribute: without one the page has no microdata,
        /// and the walk looking for it (every element of every page) is skipped.
        var hasItemScope = false
    }

    /// The most elements open at once before libxml2's tree builder stops the parse
    /// (`xmlParserMaxDepth`, without XML_PARSE_HUGE), and what it says then.
    static let maximumOpenElements = 256
    static let depthMessage = "Excessive depth in document: 256 use XML_PARSE_HUGE option"

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

    static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// True when libxml2 compiles the expression as XPath 1.0 (pipeline.json is checked with it).
    static func isValidXPath(_ expression: String) -> Bool {
        precondition(initialized)
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }

    static func parse(_ utf8: [UInt8], xpath: [ExtractRules.XPathRule] = []) -> Result {
        precondition(initialized)
        guard let ctxt = htmlNewParserCtxt() else { return Result(root: nil, truncated: "libxml2 could not allocate a parser") }
        defer { htmlFreeParserCtxt(ctxt) }
        // A value behind a pointer, not an object: the callbacks' reads and writes of its state
        // then need no run-time exclusivity checks, which were a sixth of their time.
        let builder = UnsafeMutablePointer<HTMLTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: HTMLTreeBuilder())
        defer { builder.deinitialize(count: 1); builder.deallocate() }
        ctxt.pointee.sax.pointee = HTMLTreeBuilder.handler
        ctxt.pointee._private = UnsafeMutableRawPointer(builder)
        let doc = read(utf8, with: ctxt)
        if let doc { xmlFreeDoc(doc) }  // (none: the builder makes no libxml2 document)
        let truncated = builder.pointee.truncated ?? stoppedEarly(ctxt)
        return Result(root: builder.pointee.finish(), truncated: truncated, ruleMatches: xpath.isEmpty ? [] : evaluate(xpath, on: utf8),
                      hasItemScope: builder.pointee.hasItemScope)
    }

    /// libxml2's reason for stopping before the end of the page, when its last error is one.
    static func stoppedEarly(_ ctxt: htmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(ctxt)), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.contains("Excessive depth") || text.contains("Memory allocation failed") || text.contains("Huge input lookup") ? text : nil
    }

    /// `htmlCtxtReadMemory` with the reader's options, the bytes declared UTF-8.
    static func read(_ utf8: [UInt8], with ctxt: htmlParserCtxtPtr) -> htmlDocPtr? {
        utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlCtxtReadMemory(ctxt, $0, Int32(buf.count), nil, "UTF-8", options)
            }
        }
    }

    /// Each rule's matches on the page, from libxml2's own tree: XPath needs it, so a site with
    /// rules pays for a second parse of its pages (node texts, or the value of a string expression).
    private static func evaluate(_ rules: [ExtractRules.XPathRule], on utf8: [UInt8]) -> [RuleMatch] {
        guard let ctxt = htmlNewParserCtxt() else { return [] }
        defer { htmlFreeParserCtxt(ctxt) }
        guard let doc = read(utf8, with: ctxt) else { return rules.map { RuleMatch(rule: $0, values: []) } }
        defer { xmlFreeDoc(doc) }
        guard let context = xmlXPathNewContext(doc) else { return [] }
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
}

/// The tree under construction during one parse (one page, one thread), fed by libxml2's SAX
/// callbacks, which find it through the parser context's `_private`.
struct HTMLTreeBuilder {
    /// An element whose end has not been seen. Its children so far are `children[firstChild...]`:
    /// the open elements' children share one stack, so an element's array is made once, at its
    /// size, when it ends (grown a child at a time, arrays were remade again and again).
    private struct Open {
        var name: String
        var tag: UInt8
        var attributes: HTMLAttributes
        var line: Int?
        var firstChild: Int
    }

    /// Where a document-level element (one opened with nothing open) goes: libxml2 links it to the
    /// document when the document has no node yet, under the root element when the root is the
    /// document's first node, and beside the document's first node (where no one looks: the root
    /// is the first element) when that is a doctype or a comment.
    private enum Placement { case root, underRoot, outside }

    private var open: [Open] = []
    private var children: [HTMLNode] = []
    private var bottom = Placement.root
    /// The root element, once it has ended, and its children (later document-level elements may
    /// still join them).
    private var closedRoot: Open?
    private var rootChildren: [HTMLNode] = []
    private var documentHasNodes = false
    private var rootIsFirstNode = false
    /// The text run of the innermost open element: its bytes, and whether it is character data
    /// (script, style), which libxml2 keeps apart from text.
    private var run: [UInt8] = []
    private var runKind = RunKind.none
    private enum RunKind { case none, text, cdata }
    private var names = Names()
    private(set) var truncated: String?
    private(set) var hasItemScope = false

    /// The tree: elements still open closed where they stand, as libxml2 leaves them.
    mutating func finish() -> HTMLElement? {
        while !open.isEmpty { end() }
        return closedRoot.map { HTMLElement(name: $0.name, tag: $0.tag, attributes: $0.attributes, children: rootChildren, line: $0.line) }
    }

    private mutating func flushRun() {
        guard runKind != .none else { return }
        children.append(.text(String(decoding: run, as: UTF8.self)))
        run.removeAll(keepingCapacity: true)
        runKind = .none
    }

    private mutating func append(_ bytes: UnsafePointer<xmlChar>?, _ count: Int32, as kind: RunKind) {
        // (Text with nothing open is dropped, as libxml2 drops it.)
        guard !open.isEmpty, let bytes, count >= 0 else { return }
        if runKind != kind {
            flushRun()
            runKind = kind
        }
        run.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
    }

    /// A comment or processing instruction: no content, but the end of a text run, or the
    /// document's first node.
    private mutating func otherNode() {
        if open.isEmpty {
            documentHasNodes = true
        } else {
            flushRun()
        }
    }

    private mutating func start(_ ctxt: htmlParserCtxtPtr, _ tag: UnsafePointer<xmlChar>, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if open.count > HTMLParse.maximumOpenElements {
            truncated = HTMLParse.depthMessage
            xmlStopParser(ctxt)
            return
        }
        if open.isEmpty {
            if !documentHasNodes {
                bottom = .root
                documentHasNodes = true
                rootIsFirstNode = true
            } else {
                bottom = closedRoot == nil ? .root : rootIsFirstNode ? .underRoot : .outside
            }
        } else {
            flushRun()
        }
        var attributes: HTMLAttributes = [:]
        if let atts {
            var count = 0
            while atts[count] != nil { count += 2 }
            if count > 0 { attributes = HTMLAttributes(reservingCapacity: count / 2) }
            var i = 0
            while i < count, let name = atts[i] {
                let (key, changed) = names.lowercased(name)
                // `<input checked>`: libxml2 gives a boolean attribute its own name as value.
                let value = atts[i + 1].map { String(cString: $0) } ?? (htmlIsBooleanAttr(name) != 0 ? key : "")
                // libxml2 drops a repeated name, but two names may meet once lower-cased here.
                if changed { attributes[key] = value } else { attributes.appendNew(key, value) }
                if key == "itemscope" { hasItemScope = true }
                i += 2
            }
        }
        let line = Int(ctxt.pointee.input?.pointee.line ?? 0)
        // (libxml2 keeps lines up to 65,534; past that its line numbers are a guess: none here.)
        let (name, number) = names.localName(tag)
        open.append(Open(name: name, tag: number, attributes: attributes, line: line > 0 && line < 65_535 ? line : nil, firstChild: children.count))
    }

    private mutating func end() {
        guard !open.isEmpty else { return }
        flushRun()
        let done = open.removeLast()
        let own = done.firstChild == children.count ? [] : Array(children[done.firstChild...])
        children.removeSubrange(done.firstChild...)
        if !open.isEmpty {
            children.append(.element(HTMLElement(name: done.name, tag: done.tag, attributes: done.attributes, children: own, line: done.line)))
            return
        }
        switch bottom {
        case .root where closedRoot == nil:
            closedRoot = done
            rootChildren = own
        case .root, .outside:
            break
        case .underRoot:
            rootChildren.append(.element(HTMLElement(name: done.name, tag: done.tag, attributes: done.attributes, children: own, line: done.line)))
        }
    }

    /// The builder a callback's context carries (libxml2 passes the parser context as `ctx`).
    private static func from(_ ctx: UnsafeMutableRawPointer?) -> (htmlParserCtxtPtr, UnsafeMutablePointer<HTMLTreeBuilder>)? {
        guard let ctxt = ctx?.assumingMemoryBound(to: htmlParserCtxt.self), let builder = ctxt.pointee._private else { return nil }
        return (ctxt, builder.assumingMemoryBound(to: HTMLTreeBuilder.self))
    }

    /// The callbacks: libxml2's HTML parser calls these (and no others that build anything) with
    /// the parser context, which carries the builder.
    nonisolated(unsafe) static let handler: htmlSAXHandler = {
        var h = htmlSAXHandler()
        h.startElement = { ctx, name, atts in
            guard let (ctxt, builder) = from(ctx), let name else { return }
            builder.pointee.start(ctxt, name, atts)
        }
        h.endElement = { ctx, _ in from(ctx)?.1.pointee.end() }
        h.characters = { ctx, bytes, count in from(ctx)?.1.pointee.append(bytes, count, as: .text) }
        h.cdataBlock = { ctx, bytes, count in from(ctx)?.1.pointee.append(bytes, count, as: .cdata) }
        h.comment = { ctx, _ in from(ctx)?.1.pointee.otherNode() }
        h.processingInstruction = { ctx, _, _ in from(ctx)?.1.pointee.otherNode() }
        // A doctype becomes the document's first node wherever it stands.
        h.internalSubset = { ctx, _, _, _ in
            guard let (_, builder) = from(ctx) else { return }
            builder.pointee.documentHasNodes = true
            builder.pointee.rootIsFirstNode = false
        }
        return h
    }()
}

/// Tag and attribute names as Swift strings, each made once per page: a page has a few dozen
/// names over thousands of elements.
private struct Names {
    private var recent = [(bytes: [UInt8], string: String, changed: Bool)](repeating: ([], "", false), count: 64)
    /// By address first: libxml2 hands its callbacks names from the parser's dictionary (or its
    /// own constants), one address per name for the whole parse, and this cache lives one parse.
    private var byAddress = [(address: UnsafePointer<xmlChar>?, string: String, changed: Bool)](repeating: (nil, "", false), count: 64)
    private var localByAddress = [(address: UnsafePointer<xmlChar>?, string: String, tag: UInt8)](repeating: (nil, "", 0), count: 64)

    private static func slot(_ p: UnsafePointer<xmlChar>) -> Int { Int(truncatingIfNeeded: UInt(bitPattern: p) >> 3) & 63 }

    /// The name lower-cased, and whether that changed it (libxml2's HTML parser lower-cases ASCII
    /// letters already: only other letters can change).
    mutating func lowercased(_ name: UnsafePointer<xmlChar>) -> (String, changed: Bool) {
        let slot = Self.slot(name)
        if byAddress[slot].address == name { return (byAddress[slot].string, byAddress[slot].changed) }
        var length = 0
        while name[length] != 0 { length += 1 }
        let found = self(UnsafeBufferPointer(start: name, count: length))
        byAddress[slot] = (name, found.0, found.changed)
        return found
    }

    mutating func callAsFunction(_ bytes: UnsafeBufferPointer<xmlChar>) -> (String, changed: Bool) {
        var hash: UInt32 = 2_166_136_261
        for b in bytes { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        let slot = Int(hash & 63)
        if recent[slot].bytes.elementsEqual(bytes) { return (recent[slot].string, recent[slot].changed) }
        let raw = String(decoding: bytes, as: UTF8.self)
        let string = bytes.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? raw.lowercased() : raw
        let changed = !string.utf8.elementsEqual(bytes)
        recent[slot] = (Array(bytes), string, changed)
        return (string, changed)
    }

    /// A tag's name as libxml2's tree names its element, and the name's number in `HTMLTag`:
    /// `o:p` is `p` (`xmlSplitQName`: the part after the first colon, unless the colon is first
    /// or last).
    mutating func localName(_ tag: UnsafePointer<xmlChar>) -> (String, UInt8) {
        let slot = Self.slot(tag)
        if localByAddress[slot].address == tag { return (localByAddress[slot].string, localByAddress[slot].tag) }
        let name = splitLocalName(tag)
        let number = HTMLTag.number(name)
        localByAddress[slot] = (tag, name, number)
        return (name, number)
    }

    private mutating func splitLocalName(_ tag: UnsafePointer<xmlChar>) -> String {
        var length = 0, colon = -1
        while tag[length] != 0 {
            if colon < 0 && tag[length] == 0x3A { colon = length }
            length += 1
        }
        guard colon > 0, colon < length - 1 else { return self(UnsafeBufferPointer(start: tag, count: length)).0 }
        return self(UnsafeBufferPointer(start: tag + colon + 1, count: length - colon - 1)).0
    }
}
