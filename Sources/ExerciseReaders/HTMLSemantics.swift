import ExerciseDocument
import ExerciseModel

/// App-style HTML says with classes what semantic HTML says with elements: a card's
/// `<div class="card-title">` is a heading; six `<div class="step-row">` siblings are a list; a run
/// of `<span class="tag">` chips is a list too. This rewriter turns such markup into the elements
/// the document builder already reads (`h3`, `ul`/`ol`, `li`), so the one extractor sees sections
/// and lists whatever the site's markup. It knows markup conventions, not exercises.
enum HTMLSemantics {
    static func rewrite(_ e: HTMLElement) -> HTMLElement { rewritten(e) ?? e }

    /// The element rewritten, or nil when nothing in it changes: most of a page stays as it is,
    /// and copying every element's children on the way up showed in the profile.
    private static func rewritten(_ e: HTMLElement) -> HTMLElement? {
        var children: [HTMLNode]?
        for (i, node) in e.children.enumerated() {
            if case .element(let child) = node, let changed = rewritten(child) {
                if children == nil { children = e.children }
                children![i] = .element(changed)
            }
        }
        let out = children.map { e.with(children: $0) } ?? e
        if let heading = classHeading(out) { return heading }
        if let list = repeatedRows(out) { return list }
        return children == nil ? nil : out
    }

    // (Sets made once: these are asked of every element of every page.)
    private static let headingHolders: HTMLTagSet = ["div", "span", "p", "strong", "header"]
    private static let rowHolders: HTMLTagSet = ["div", "section", "p", "span", "td", "article", "main"]
    private static let notInRows: HTMLTagSet = ["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "dl"]
    private static let inlineWrappers: HTMLTagSet = ["a", "strong", "b", "em"]
    /// Children a run of rows looks past.
    private static let notRows: HTMLTagSet = ["br", "script"]

    // MARK: Headings named by class

    /// `<div class="detail-card-title">📋 Step-by-Step Form</div>`: an element whose class says
    /// title or heading, holding a short line of inline text, is a heading.
    static func classHeading(_ e: HTMLElement) -> HTMLElement? {
        guard headingHolders.contains(e), let value = e.attributes["class"], hasHeadingClass(value) else { return nil }
        guard !e.hasDescendant(where: { HTMLDocumentBuilder.blockElements.contains($0) || HTMLTag.headingLevel($0.tag) != nil }) else { return nil }
        let text = PlainText.collapse(e.textContent)
        guard !text.isEmpty, PlainText.wordCount(text) <= 10, !text.hasSuffix(".") else { return nil }
        return e.with(name: "h3", children: e.children)
    }

    /// "title", "card-title", "section_heading", "sectionTitle": the last word of the class is
    /// title or heading (`page-title-wrapper` is not a heading).
    static func isHeadingToken(_ token: String) -> Bool {
        let words = ClassWords.split(token)
        guard let last = words.last else { return false }
        return last == "title" || last == "heading" || last == "headline"
    }

    /// Whether a word of a class attribute `isHeadingToken`. Every `div`, `span` and `p` with a
    /// class is asked, so ASCII values (nearly all) are tested on their bytes, with no strings.
    static func hasHeadingClass(_ value: String) -> Bool {
        HTMLElement.anyASCIIWord(in: value, lowercased: false, ClassWords.lastWordIsHeading)
            ?? value.split(whereSeparator: \.isWhitespace).contains { isHeadingToken(String($0)) }
    }

    // MARK: Repeated rows and chips

    /// Runs of two or more sibling elements of one tag sharing a class (`step-row`, `list-row`,
    /// `muscle-tag`) are the items of a list (ordered when each starts with a number badge). A
    /// container with loose text of its own is inline prose, and is left alone.
    static func repeatedRows(_ e: HTMLElement) -> HTMLElement? {
        guard rowHolders.contains(e) else { return nil }
        // Most holders have fewer than two such children: counted first, with nothing made.
        var candidates = 0
        for case .element(let child) in e.children where !notRows.contains(child) { candidates += 1 }
        guard candidates >= 2 else { return nil }
        var elements: [(index: Int, element: HTMLElement)] = []
        for (i, node) in e.children.enumerated() {
            switch node {
            case .text(let t): if !PlainText.isBlank(t) { return nil }
            case .element(let child): if !notRows.contains(child) { elements.append((i, child)) }
            }
        }
        guard elements.count >= 2 else { return nil }
        // Each element is asked whether it is a row once (it walks the element's text), and only
        // when its name and classes already match its neighbour's; classes are read only for
        // neighbours of one name that both have a class or id. (Two elements' words share one
        // when a word of one is among the other's: an element has a few, and sets of them, with
        // dictionaries of the answers, were half of this function's time.)
        func hasClassOrID(_ k: Int) -> Bool { elements[k].element.attributes["class"] != nil || elements[k].element.attributes["id"] != nil }
        var rows = [Bool?](repeating: nil, count: elements.count)
        func isRowAt(_ k: Int) -> Bool {
            if let known = rows[k] { return known }
            let answer = isRow(elements[k].element)
            rows[k] = answer
            return answer
        }
        var runs: [[(index: Int, element: HTMLElement)]] = []
        for (k, entry) in elements.enumerated() {
            if k > 0, entry.element.name == elements[k - 1].element.name, hasClassOrID(k), hasClassOrID(k - 1),
               elements[k - 1].element.classAndID.contains(where: entry.element.classAndID.contains), isRowAt(k), isRowAt(k - 1) {
                runs[runs.count - 1].append(entry)
            } else {
                runs.append([entry])
            }
        }
        let lists = runs.filter { $0.count >= 2 }
        guard !lists.isEmpty else { return nil }
        var replaced: [Int: HTMLNode] = [:]
        var dropped: Set<Int> = []
        for run in lists {
            let items = run.map { item($0.element) }
            let list = HTMLElement(name: items.allSatisfy(\.numbered) ? "ol" : "ul", attributes: [:], children: items.map { .element($0.li) }, line: run[0].element.line)
            replaced[run[0].index] = .element(list)
            for entry in run.dropFirst() { dropped.insert(entry.index) }
        }
        return e.with(children: e.children.enumerated().compactMap { i, node in dropped.contains(i) ? nil : (replaced[i] ?? node) })
    }

    /// A row is a leaf of the layout with a class: short text, no headings, lists or tables, at
    /// most one paragraph (a layout's columns are not list items).
    static func isRow(_ e: HTMLElement) -> Bool {
        guard !e.classAndID.isEmpty, !HTMLDocumentBuilder.mediaElements.contains(e), HTMLTag.headingLevel(e.tag) == nil else { return false }
        let text = PlainText.collapse(e.textContent)
        return !text.isEmpty && PlainText.wordCount(text) <= 80
            && !e.hasDescendant(where: { notInRows.contains($0) }) && e.descendants(where: { $0.name == "p" }).count <= 1
    }

    /// One row as a list item: a number badge (`<div class="step-num">1</div>`) and icons (✗, →)
    /// are dropped; a short lead before the text ("High Plank Position", a `qs-label`) becomes
    /// "Lead: text", as a card's bold lead is written.
    static func item(_ row: HTMLElement) -> (li: HTMLElement, numbered: Bool) {
        var parts: [HTMLNode] = []
        var numbered = false
        for part in leaves(row) {
            let text = PlainText.collapse(textOf(part))
            if text.isEmpty { continue }
            if !text.contains(where: { $0.isLetter || $0.isNumber }) { continue }  // an icon
            if parts.isEmpty, !numbered, text.count <= 3, text.allSatisfy(\.isNumber) { numbered = true; continue }
            parts.append(part)
        }
        var children: [HTMLNode] = []
        if parts.count == 2, let lead = Optional(PlainText.collapse(textOf(parts[0]))),
           PlainText.wordCount(lead) <= 6, !lead.hasSuffix("."), !lead.hasSuffix(":"), isElement(parts[0]) {
            children = [.element(HTMLElement(name: "strong", attributes: [:], children: [.text(lead + ":")], line: row.line)), .text(" "), parts[1]]
        } else {
            for part in parts { children += [part, .text(" ")] }
        }
        return (HTMLElement(name: "li", attributes: row.attributes, children: children, line: row.line), numbered)
    }

    /// A row's text-bearing parts in order: its children, descending through wrappers that hold
    /// nothing but other elements (`<div><div class="step-head">…</div><div class="step-text">…</div></div>`).
    static func leaves(_ e: HTMLElement) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for node in e.children {
            switch node {
            case .text(let t): if !PlainText.isBlank(t) { out.append(node) }
            case .element(let child):
                let hasOwnText = child.children.contains { if case .text(let t) = $0 { !PlainText.isBlank(t) } else { false } }
                let elements = child.children.filter { if case .element = $0 { true } else { false } }
                if !hasOwnText && elements.count >= 2 && !inlineWrappers.contains(child) {
                    out += leaves(child)
                } else {
                    out.append(node)
                }
            }
        }
        return out
    }

    static func textOf(_ node: HTMLNode) -> String {
        switch node {
        case .text(let t): t
        case .element(let e): e.textContent
        }
    }

    static func isElement(_ node: HTMLNode) -> Bool {
        if case .element = node { true } else { false }
    }
}

/// Words of a class token: `card-title`, `card_title`, `cardTitle` → ["card", "title"].
enum ClassWords {
    static func split(_ token: String) -> [String] {
        asciiSplit(token) ?? characterSplit(token)
    }

    /// Whether the last word `split` gives of an ASCII token is title, heading or headline, found
    /// on the bytes: words end at "-" and "_" and where a lower-case letter meets an upper-case one.
    static func lastWordIsHeading(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var last = 0..<0
        var previous: UInt8 = 0
        for (i, b) in token.enumerated() {
            if b == 0x2D || b == 0x5F {
                if i > start { last = start..<i }
                start = i + 1
            } else if b >= 0x41 && b <= 0x5A, previous >= 0x61 && previous <= 0x7A, i > start {
                last = start..<i
                start = i
            }
            previous = b
        }
        if token.count > start { last = start..<token.count }
        let word = token[last].lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        return headingWords.contains { word.elementsEqual($0) }
    }

    private static let headingWords = [Array("title".utf8), Array("heading".utf8), Array("headline".utf8)]

    /// The same split on bytes, for the ASCII tokens nearly every site uses (nil for any other):
    /// every classed element of every page is asked whether it names a heading.
    private static func asciiSplit(_ token: String) -> [String]? {
        var words: [String] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        for b in token.utf8 {
            guard b < 0x80 else { return nil }
            if b == 0x2D || b == 0x5F {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            } else {
                let isUpper = b >= 0x41 && b <= 0x5A
                if isUpper, previous >= 0x61 && previous <= 0x7A, !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                current.append(isUpper ? b + 0x20 : b)
            }
            previous = b
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    private static func characterSplit(_ token: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for c in token {
            if c == "-" || c == "_" {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
            } else {
                if c.isUppercase, let p = previous, p.isLowercase, !current.isEmpty { words.append(current.lowercased()); current = "" }
                current.append(c)
            }
            previous = c
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}
