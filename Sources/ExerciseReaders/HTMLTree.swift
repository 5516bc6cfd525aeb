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
    let attributes: HTMLAttributes
    let children: [HTMLNode]
    let line: Int?

    init(name: String, attributes: HTMLAttributes, children: [HTMLNode], line: Int?) {
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
        let length = PlainText.collapsedCharacterCount(textContent)
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
