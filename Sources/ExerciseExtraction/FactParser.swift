import ExerciseModel
import ExerciseDocument

/// One `Key: value` statement found on a page, wherever it was written.
struct Fact: Sendable, Equatable {
    var key: String
    var value: String
    var line: Int?

    /// "Hamstrings, Glutes" is a list of labels; "Stretches the glutes and the hip flexors." is a
    /// sentence: every part short and no full stop at the end.
    var looksLikeLabels: Bool { Self.looksLikeLabels(value, parts: FactParser.splitList(value)) }

    /// `looksLikeLabels` for a value already split (`FactParser.splitList(value)`), so that a
    /// caller that goes on to use the parts splits it once.
    static func looksLikeLabels(_ value: String, parts: [String]) -> Bool {
        !value.hasSuffix(".") && parts.allSatisfy { PlainText.wordCount($0) <= 6 }
    }
}

enum FactParser {
    /// `**Key:** value`, `**Key**: value` and `Key: value`. The label must look like a label (at
    /// most five words of letters, spaces, `/`, `(`, `)`, `-`, `_`, `&`), so a sentence with a colon
    /// in it is not mistaken for a fact.
    static func parse(_ text: InlineText, line: Int?) -> Fact? {
        if let strong = text.leadingStrong, !strong.isEmpty {
            // `**Body Part:** Legs` or `**Body Part**: Legs`
            var label = strong
            var rest = Substring(text.text)
            // (On the bytes when each byte is a Character, as in nearly every page.)
            if text.text.bytesAreCharacters && strong.bytesAreCharacters {
                if rest.utf8.starts(with: strong.utf8) { rest = rest[rest.utf8.index(rest.startIndex, offsetBy: strong.utf8.count)...] }
            } else if rest.hasPrefix(strong) {
                rest = rest.dropFirst(strong.count)
            }
            if label.hasSuffix(":") {
                label.removeLast()
            } else if rest.first == ":" {
                rest = rest.dropFirst()
            } else {
                return nil
            }
            guard looksLikeLabel(label) else { return nil }
            return Fact(key: PlainText.collapse(label), value: PlainText.collapse(String(rest)), line: line)
        }
        return parse(line: text.text, lineNumber: line)
    }

    /// A plain `key: value` line (also used for fenced blocks of facts).
    static func parse(line: String, lineNumber: Int?) -> Fact? {
        guard let colon = line.firstIndex(ofASCII: 0x3A) else { return nil }
        let label = String(line[..<colon])
        let value = line[line.index(after: colon)...]
        // "https://…" is a URL, not a fact. (The bytes first: "/" has no other form, so a value
        // whose bytes do not start "//" does not start with the two Characters either.)
        guard !(value.utf8.starts(with: [0x2F, 0x2F]) && value.hasPrefix("//")), looksLikeLabel(label) else { return nil }
        return Fact(key: PlainText.collapse(label), value: PlainText.collapse(String(value)), line: lineNumber)
    }

    /// `Label - value` (also with an en or em dash): profile lines ("Equipment Required -
    /// Dumbbell"). The dash must stand between spaces after a label-like key.
    static func parseDashed(_ line: String, lineNumber: Int?) -> Fact? {
        for dash in [" - ", " – ", " — "] {
            guard let range = line.rangeOfBytes(of: dash) else { continue }
            let label = String(line[..<range.lowerBound])
            let value = String(line[range.upperBound...])
            guard looksLikeLabel(label), !PlainText.collapse(value).isEmpty else { return nil }
            return Fact(key: PlainText.collapse(label), value: PlainText.collapse(value), line: lineNumber)
        }
        return nil
    }

    /// A label as written in a cell or term, without its trailing colon: "Utility:" → "Utility".
    static func label(_ s: String) -> String {
        var t = PlainText.collapse(s)
        while t.hasSuffix(":") { t.removeLast() }
        return PlainText.collapse(t)
    }

    static func looksLikeLabel(_ label: String) -> Bool {
        let trimmed = PlainText.collapse(label)
        if trimmed.bytesAreCharacters {
            // The same test on the bytes, each one Character: ASCII letters, digits and " /()-_&".
            let u = trimmed.utf8
            guard let first = u.first, u.count <= 40, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { return false }
            guard PlainText.wordCount(trimmed) <= 5 else { return false }
            return u.allSatisfy { b in
                ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (b >= 0x30 && b <= 0x39) || [0x20, 0x2F, 0x28, 0x29, 0x2D, 0x5F, 0x26].contains(b)
            }
        }
        return characterLooksLikeLabel(trimmed)
    }

    /// `looksLikeLabel` on a collapsed label, Character by Character.
    static func characterLooksLikeLabel(_ trimmed: String) -> Bool {
        guard !trimmed.isEmpty, trimmed.count <= 40, trimmed.first?.isLetter == true else { return false }
        guard PlainText.wordCount(trimmed) <= 5 else { return false }
        return trimmed.allSatisfy { $0.isLetter || $0.isNumber || " /()-_&·".contains($0) }
    }

    /// Every line of a code block is `key: value` (blank lines aside): everkinetic's fenced facts.
    static func factsInCode(_ code: String, firstLine: Int?) -> [Fact]? {
        var facts: [Fact] = []
        for (i, raw) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let fact = parse(line: line, lineNumber: firstLine.map { $0 + i }) else { return nil }
            facts.append(fact)
        }
        return facts.isEmpty ? nil : facts
    }

    /// Splits a list-valued fact on `,` `;` `/` outside parentheses: "Hamstrings, Glutes" → two.
    static func splitList(_ value: String, separators: ListSeparators = .standard) -> [String] {
        asciiSplitList(value, separators: separators) ?? characterSplitList(value, separators: separators.characters)
    }

    /// The characters a list splits on, with a table of the ASCII ones for the byte path (made
    /// once: this runs for every fact and muscle line of every page).
    struct ListSeparators: Sendable {
        let characters: Set<Character>
        fileprivate let ascii: [Bool]
        init(_ characters: Set<Character>) {
            self.characters = characters
            var table = [Bool](repeating: false, count: 128)
            for c in characters { if let a = c.asciiValue { table[Int(a)] = true } }
            ascii = table
        }
        static let standard = ListSeparators([",", ";", "/", "\u{2022}"])
        static let commaOrSemicolon = ListSeparators([",", ";"])
    }

    /// `splitList` on the bytes of an ASCII value (nearly every one), where each byte is a
    /// Character (but "\r\n", neither of whose bytes is a bracket or a separator); nil otherwise.
    private static func asciiSplitList(_ value: String, separators: ListSeparators) -> [String]? {
        var value = value
        return value.withUTF8 { u -> [String]? in
            guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
            let isSeparator = separators.ascii
            var parts: [String] = []
            var start = 0
            var depth = 0
            for (i, b) in u.enumerated() {
                switch b {
                case 0x28, 0x5B: depth += 1
                case 0x29, 0x5D: depth = max(0, depth - 1)
                case _ where isSeparator[Int(b)] && depth == 0:
                    parts.append(PlainText.collapse(String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)))
                    start = i + 1
                default: break
                }
            }
            parts.append(PlainText.collapse(String(decoding: UnsafeBufferPointer(rebasing: u[start...]), as: UTF8.self)))
            return parts.filter { !$0.isEmpty }
        }
    }

    /// `splitList` Character by Character (the reference the byte path is tested against).
    static func characterSplitList(_ value: String, separators: Set<Character>) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in value {
            switch c {
            case "(", "[": depth += 1; current.append(c)
            case ")", "]": depth = max(0, depth - 1); current.append(c)
            case _ where separators.contains(c):
                if depth == 0 {
                    parts.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            default:
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map(PlainText.collapse).filter { !$0.isEmpty }
    }
}

import Foundation
