import ExerciseDocument
import ExerciseModel

/// A parsed page as plain Swift objects (built from libxml2's parse events, `HTMLParse`), so that
/// content detection and the walk into a `Document` are ordinary, testable Swift (and no libxml2
/// pointer outlives the parse).
///
/// An element is a reference and never changes once made: the chrome strip and the semantic
/// rewrite make new elements only along the paths they change and share everything else. As a
/// value type every pass copied (and retained, and released) the name, attributes and children of
/// each element it looked at, which was most of the reader's time; a reference also lets an
/// element keep what the passes ask of it again and again (its text, its class and id words).
/// Elements live inside one page's read, on one thread.
final class HTMLElement {
    let name: String
    /// The name's number in `HTMLTag` (0: a tag no set asks about).
    let tag: UInt8
    let attributes: HTMLAttributes
    let children: [HTMLNode]
    let line: Int?

    init(name: String, tag: UInt8, attributes: HTMLAttributes, children: [HTMLNode], line: Int?) {
        self.name = name
        self.tag = tag
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    convenience init(name: String, attributes: HTMLAttributes, children: [HTMLNode], line: Int?) {
        self.init(name: name, tag: HTMLTag.number(name), attributes: attributes, children: children, line: line)
    }

    /// The same element with other children (and, for the rewrite's headings, another name).
    func with(name: String? = nil, children: [HTMLNode]) -> HTMLElement {
        guard let name else { return HTMLElement(name: self.name, tag: tag, attributes: attributes, children: children, line: line) }
        return HTMLElement(name: name, attributes: attributes, children: children, line: line)
    }

    func attribute(_ name: String) -> String? { attributes[name] }

    private var knownClassAndID: [String]?
    private var knownText: String?
    private var knownTextLength: Int?

    /// Class and id words, lower-cased, for recognising chrome and content containers.
    var classAndID: [String] {
        if let knownClassAndID { return knownClassAndID }
        var words: [String] = []
        let (classes, id) = (attributes["class"], attributes["id"])
        if classes != nil || id != nil { words.reserveCapacity(4) }
        if let classes { Self.appendLowercasedWords(classes, to: &words) }
        if let id { Self.appendLowercasedWords(id, to: &words) }
        knownClassAndID = words
        return words
    }

    /// Whether `test` holds for a class or id word: the words of `classAndID`, in its order, as
    /// lower-cased bytes. ASCII attributes (nearly all) are split on their bytes without making
    /// the words strings: the chrome test asks this of every element of the page, and most of
    /// their words are in no set at all.
    func anyClassOrIDWord(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if knownClassAndID == nil, let inClass = Self.anyASCIIWord(in: attributes["class"], lowercased: true, test) {
            if inClass { return true }
            if let inID = Self.anyASCIIWord(in: attributes["id"], lowercased: true, test) { return inID }
        }
        return classAndID.contains { word in
            var word = word
            return word.withUTF8(test)
        }
    }

    /// Whether `test` holds for a word of an ASCII attribute value (the words `asciiWords` gives,
    /// as bytes, lower-cased if asked): false without the attribute, nil when it is not ASCII.
    static func anyASCIIWord(in value: String?, lowercased: Bool, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        guard var value else { return false }
        return value.withUTF8 { u in
            guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: u.count) { copy in
                let words = lowercased ? UnsafeBufferPointer(copy) : u
                var start = 0
                for i in 0...u.count {
                    let b: UInt8 = i < u.count ? u[i] : 0x20
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        if i > start && test(UnsafeBufferPointer(rebasing: words[start..<i])) { return true }
                        start = i + 1
                    } else if lowercased {
                        copy[i] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                    }
                }
                return false
            }
        }
    }

    /// An attribute's words, lower-cased: on the bytes when they are ASCII, as they nearly always are.
    static func lowercasedWords(_ value: String) -> [String] {
        var words: [String] = []
        appendLowercasedWords(value, to: &words)
        return words
    }

    static func appendLowercasedWords(_ value: String, to words: inout [String]) {
        if !appendASCIIWords(value, lowercased: true, to: &words) {
            words += value.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        }
    }

    /// The words of an all-ASCII attribute (as `split(whereSeparator: \.isWhitespace)` gives them),
    /// on bytes; nil when the value has other characters. Class and id words are asked for by
    /// every content and chrome test, and Character-level splitting was a tenth of an HTML run.
    static func asciiWords(_ value: String, lowercased: Bool) -> [String]? {
        var words: [String] = []
        return appendASCIIWords(value, lowercased: lowercased, to: &words) ? words : nil
    }

    /// `asciiWords` appended to `words`; false (and `words` as it was) when the value is not ASCII.
    static func appendASCIIWords(_ value: String, lowercased: Bool, to words: inout [String]) -> Bool {
        var value = value
        return value.withUTF8 { u -> Bool in
            let before = words.count
            var start = -1
            var hasUpper = false
            func end(_ i: Int) {
                let word = UnsafeBufferPointer(rebasing: u[start..<i])
                if lowercased && hasUpper {
                    words.append(String(unsafeUninitializedCapacity: word.count) { out in
                        for (k, b) in word.enumerated() { out[k] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
                        return word.count
                    })
                } else {
                    words.append(String(decoding: word, as: UTF8.self))
                }
                start = -1
                hasUpper = false
            }
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x80 else {
                    words.removeSubrange(before...)
                    return false
                }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    if start >= 0 { end(i) }
                } else {
                    if start < 0 { start = i }
                    if b >= 0x41 && b <= 0x5A { hasUpper = true }
                }
            }
            if start >= 0 { end(u.count) }
            return true
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
    /// (Counted over the text nodes as they are: the text itself need not be made.)
    var textLength: Int {
        if let knownTextLength { return knownTextLength }
        var counter = PlainText.CollapsedCounter()
        feedText(to: &counter)
        let length = counter.exact ? counter.count : PlainText.collapse(textContent).count
        knownTextLength = length
        return length
    }

    /// `textLength > 0`, found at the first text that counts (a content container's test).
    var hasText: Bool {
        if let knownTextLength { return knownTextLength > 0 }
        var counter = PlainText.CollapsedCounter()
        var inexact = false
        func anyText(in e: HTMLElement) -> Bool {
            for child in e.children {
                switch child {
                case .text(let t):
                    counter.feed(t)
                    // (A counted character stays counted; a character the counter cannot be sure
                    // of sends the question to `textLength`.)
                    if counter.count > 0 { return true }
                    if !counter.exact { inexact = true; return false }
                case .element(let child):
                    if anyText(in: child) || inexact { return !inexact }
                }
            }
            return false
        }
        if anyText(in: self) { return true }
        return inexact ? textLength > 0 : false
    }

    private func feedText(to counter: inout PlainText.CollapsedCounter) {
        if let knownText { counter.feed(knownText); return }
        for child in children {
            switch child {
            case .text(let t): counter.feed(t)
            case .element(let e): e.feedText(to: &counter)
            }
        }
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

/// An element's attributes, in document order. An element has a few, so a search finds one
/// sooner than a hash would (a dictionary made per element was a tenth of the parse).
struct HTMLAttributes: ExpressibleByDictionaryLiteral {
    private(set) var pairs: [(name: String, value: String)] = []

    init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    init(reservingCapacity count: Int) { pairs.reserveCapacity(count) }

    var isEmpty: Bool { pairs.isEmpty }

    /// A name given twice keeps its last value, as in a dictionary.
    subscript(name: String) -> String? {
        get {
            for pair in pairs where pair.name == name { return pair.value }
            return nil
        }
        set {
            if let i = pairs.firstIndex(where: { $0.name == name }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((name, newValue))
            }
        }
    }

    /// Appends without looking for the name: for names known to be new (libxml2 drops a
    /// repeated attribute before reporting an element).
    mutating func appendNew(_ name: String, _ value: String) { pairs.append((name, value)) }
}

enum HTMLNode {
    case text(String)
    case element(HTMLElement)
}

/// The tag names the reader's passes ask about, numbered (0 is any other tag; h1–h6 are 1–6). An
/// element keeps its tag's number, so asking whether its tag is in a set is a bit test: sets of
/// tag names were asked of every element of every page a dozen times, each time hashing the name.
enum HTMLTag {
    static let names: [String] = [
        "",
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "address", "article", "aside", "audio", "b", "base",
        "blockquote", "body", "br", "button", "canvas", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "head",
        "header", "hr", "html", "iframe", "img", "input", "label", "li", "link", "main", "map", "math",
        "menu", "meta", "nav", "noscript", "object", "ol", "p", "picture", "pre", "script", "section",
        "select", "source", "span", "strong", "style", "summary", "svg", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "video", "wbr"
    ]
    private static let numbers: [String: UInt8] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt8($0)) })

    /// The tag's number, 0 when no set asks about it.
    static func number(_ name: String) -> UInt8 { numbers[name] ?? 0 }

    /// 1–6 for h1–h6, else nil.
    static func headingLevel(_ tag: UInt8) -> Int? { tag >= 1 && tag <= 6 ? Int(tag) : nil }

    // The numbers the readers switch on and compare with (a switch over names compared the
    // element's name with each case in turn, for every element a pass looks at).
    static let a = numbered("a"), address = numbered("address"), article = numbered("article"), b = numbered("b")
    static let blockquote = numbered("blockquote"), body = numbered("body"), br = numbered("br"), caption = numbered("caption")
    static let dd = numbered("dd"), dl = numbered("dl"), dt = numbered("dt"), figcaption = numbered("figcaption")
    static let figure = numbered("figure"), h1 = numbered("h1"), head = numbered("head"), hr = numbered("hr")
    static let iframe = numbered("iframe"), img = numbered("img"), li = numbered("li"), main = numbered("main")
    static let menu = numbered("menu"), meta = numbered("meta"), ol = numbered("ol"), p = numbered("p")
    static let picture = numbered("picture"), pre = numbered("pre"), script = numbered("script"), source = numbered("source")
    static let strong = numbered("strong"), summary = numbered("summary"), table = numbered("table"), td = numbered("td")
    static let th = numbered("th"), title = numbered("title"), tr = numbered("tr"), ul = numbered("ul")
    static let video = numbered("video"), wbr = numbered("wbr"), footer = numbered("footer"), div = numbered("div")

    private static func numbered(_ name: String) -> UInt8 {
        let tag = number(name)
        precondition(tag != 0, "\(name) is not numbered in HTMLTag.names")
        return tag
    }
}

/// A set of tag names as bits of their numbers (`HTMLTag`); every name must be numbered there.
struct HTMLTagSet: ExpressibleByArrayLiteral, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(arrayLiteral names: String...) {
        for name in names {
            let tag = HTMLTag.number(name)
            precondition(tag != 0, "\(name) is not numbered in HTMLTag.names")
            if tag < 64 { low |= 1 << tag } else { high |= 1 << (tag - 64) }
        }
    }

    func contains(_ tag: UInt8) -> Bool { tag < 64 ? low >> tag & 1 == 1 : tag < 128 && high >> (tag - 64) & 1 == 1 }
    func contains(_ e: HTMLElement) -> Bool { contains(e.tag) }
}
