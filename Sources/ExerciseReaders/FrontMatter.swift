import ExerciseDocument
import ExerciseModel
import Yams
import Foundation

/// Splits a markdown page into front matter and body, and reads YAML front matter.
///
/// YAML is read through Yams' node tree, not `load`, so every scalar stays the text the author
/// wrote (YAML 1.1 would otherwise turn `no` into false and `2024-01-01` into a Date).
enum FrontMatter {
    enum Syntax: String {
        case yaml = "YAML", toml = "TOML", json = "JSON"
    }

    struct Split {
        /// The front matter's syntax and text, when the page has front matter.
        var syntax: Syntax?
        var text: String = ""
        /// 1-based line of the front matter's first content line.
        var firstLine: Int = 0
        var body: String
        /// 1-based line in the file where `body` begins.
        var bodyFirstLine: Int

        static func none(_ text: String) -> Split { Split(syntax: nil, body: text, bodyFirstLine: 1) }
    }

    /// Front matter as static-site generators read it: `---` YAML, `+++` TOML (Hugo's default), or
    /// a JSON object opening the file, as Hugo finds it: from the `{` that starts the file to its
    /// matching `}`, on one line or many, with nothing after it on its line.
    static func split(_ text: String, diagnostics: inout DiagnosticSink) -> Split {
        // Line by line from the top, slicing the text: splitting the whole page into lines and
        // joining the body again cost more than the rest of this reader's own work.
        let (first, afterFirst) = line(of: text, from: text.startIndex)
        if let object = jsonObjectOpening(text) { return object }
        let syntax: Syntax
        switch first.trimmingTrailingSpaces {
        case "---": syntax = .yaml
        case "+++": syntax = .toml
        case "{": syntax = .json
        default: return .none(text)
        }
        let closers: Set<Substring> = switch syntax { case .yaml: ["---", "..."]; case .toml: ["+++"]; case .json: ["}"] }
        var inner: [Substring] = []
        var next = afterFirst
        var closing: (line: Substring, after: String.Index?)?
        while let start = next {
            let (l, after) = line(of: text, from: start)
            if closers.contains(l.trimmingTrailingSpaces) { closing = (l, after); break }
            inner.append(l)
            next = after
        }
        guard let closing else {
            // A lone `---` on line 1 is a thematic break in markdown, not front matter; a `{`
            // line is text.
            if syntax == .toml {
                diagnostics.report(.unclosedFrontMatter, "front matter opened with '+++' is never closed; expected a closing '+++' line", line: 1)
            } else if syntax == .yaml, let next = inner.first(where: { !$0.allSatisfy(\.isWhitespace) }), Self.isYAMLKeyLine(next) {
                // A `key: value` line right after it: front matter that lost its closing line (a
                // rule over a heading, or over a "Muscles worked: …" line, is a rule).
                diagnostics.report(.unclosedFrontMatter, "front matter opened with '---' is never closed; expected a closing '---' line (its lines were read as the page's text)", line: 1)
            } else if syntax == .json {
                diagnostics.report(.unclosedFrontMatter, "front matter opened with '{' is never closed; expected the object's closing '}' (the lines were read as the page's text)", line: 1)
            }
            return .none(text)
        }
        // A page may open with a `---` thematic break and have another later: the lines between
        // are front matter only when they read as a YAML mapping (`key: value` first).
        if syntax == .yaml, !Self.looksLikeMapping(inner[...]) { return .none(text) }
        // JSON keeps its braces; YAML and TOML lose their fences.
        let innerText = syntax == .json ? String(text[..<closing.line.endIndex]) : inner.joined(separator: "\n")
        let body = closing.after.map { String(text[$0...]) } ?? ""
        return Split(syntax: syntax, text: innerText, firstLine: syntax == .json ? 1 : 2, body: body, bodyFirstLine: inner.count + 3)
    }

    /// JSON front matter that closes: the object from the file's first `{` (followed by a key or
    /// by `}`, so a `{{< shortcode >}}` or `{.class}` line stays text) to its matching brace,
    /// outside strings, with only spaces after it on its line. Nil otherwise (an object that never
    /// closes is left to the line-by-line split, which reports a lone `{` line never closed).
    static func jsonObjectOpening(_ text: String) -> Split? {
        let u = text.utf8
        guard u.first == 0x7B else { return nil }
        var i = u.index(after: u.startIndex)
        while i < u.endIndex, u[i] == 0x20 || u[i] == 0x09 || u[i] == 0x0D || u[i] == 0x0A { i = u.index(after: i) }
        guard i < u.endIndex, u[i] == 0x22 || u[i] == 0x7D else { return nil }
        var depth = 0, inString = false, escaped = false, lines = 1
        i = u.startIndex
        while i < u.endIndex {
            let b = u[i]
            if b == 0x0A { lines += 1 }
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x7B || b == 0x5B {
                depth += 1
            } else if b == 0x7D || b == 0x5D {
                depth -= 1
                if depth == 0 {
                    let end = u.index(after: i)
                    let (rest, next) = line(of: text, from: end)
                    guard rest.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { return nil }
                    return Split(syntax: .json, text: String(text[..<end]), firstLine: 1, body: next.map { String(text[$0...]) } ?? "", bodyFirstLine: lines + 1)
                }
            }
            i = u.index(after: i)
        }
        return nil
    }

    /// The line starting at `start` (without its line feed) and where the next one starts, nil
    /// after the last line.
    private static func line(of text: String, from start: String.Index) -> (Substring, String.Index?) {
        guard let feed = text.utf8[start...].firstIndex(of: 0x0A) else { return (text[start...], nil) }
        return (text[start..<feed], text.utf8.index(after: feed))
    }

    /// Reads the front matter of a split, whatever its syntax.
    static func entries(_ split: Split, diagnostics: inout DiagnosticSink) -> [MetadataEntry] {
        switch split.syntax {
        case nil: []
        case .yaml?: parseYAML(split.text, firstLine: split.firstLine, diagnostics: &diagnostics)
        case .toml?: TOMLFrontMatter.parse(split.text, firstLine: split.firstLine, diagnostics: &diagnostics)
        case .json?: JSONFrontMatter.parse(split.text, firstLine: split.firstLine, diagnostics: &diagnostics)
        }
    }

    /// `key: value` or `key:` with a one-word key of letters, digits, `_` and `-`: what front
    /// matter's first line is, and a page's first line after a `---` rule seldom is.
    static func isYAMLKeyLine(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon], after = line[line.index(after: colon)...]
        return !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } && (after.isEmpty || after.first == " ")
    }

    /// True when the block is empty (Jekyll's `---⏎---` marks a page for processing) or its first
    /// line that is not blank or a comment is a `key:` line. Markdown between two rules starts
    /// with a heading, a paragraph or `**Label:**`, none of which is a YAML key.
    static func looksLikeMapping(_ lines: ArraySlice<Substring>) -> Bool {
        let content = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        if content.isEmpty { return true }
        guard let first = content.first(where: { !$0.hasPrefix("#") }) else { return false }
        guard let colon = first.firstIndex(of: ":") else { return false }
        let key = first[..<colon]
        let after = first[first.index(after: colon)...]
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return false }
        let unquoted = key.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return !unquoted.isEmpty && unquoted.allSatisfy { $0.isLetter || $0.isNumber || "_- .".contains($0) } && key.first != " "
    }

    /// Reads YAML front matter into metadata entries. A mapping is expected at the top; anything
    /// else, or a YAML syntax error, is a warning naming the line, and the page still converts.
    static func parseYAML(_ yaml: String, firstLine: Int, diagnostics: inout DiagnosticSink) -> [MetadataEntry] {
        if yaml.allSatisfy(\.isWhitespace) { return [] }
        // Aliases (`*name`) are expanded by the YAML composer: nine levels of nine aliases turn
        // 300 bytes into gigabytes. Front matter has no use for them, so they are refused.
        if let line = aliasLine(yaml) {
            diagnostics.report(.frontMatterAlias, "front matter uses a YAML alias (*name); aliases are not supported — its keys were ignored", line: line + firstLine - 1)
            return []
        }
        if let simple = SimpleYAML.entries(yaml, firstLine: firstLine) { return simple }
        return composedEntries(yaml, firstLine: firstLine, diagnostics: &diagnostics)
    }

    /// The front matter as Yams composes it (anything `SimpleYAML` does not read).
    static func composedEntries(_ yaml: String, firstLine: Int, diagnostics: inout DiagnosticSink) -> [MetadataEntry] {
        let node: Node?
        do {
            // The basic resolver: every value is read as its text, so resolving tags (seven regular
            // expressions per key for the default resolver's bools, numbers, dates…, run by the
            // composer's duplicate-key check) bought nothing and was 3% of a markdown run. Keys
            // are text to the reader, so `1:` and `"1":` are the same key, and now a duplicate.
            // UTF-8 named: Yams' default encoding reads the process environment on every call.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.report(.frontMatterSyntax, "front matter is not valid YAML: \(describe(error, firstLine: firstLine)); its keys were ignored", line: line(of: error).map { $0 + firstLine - 1 } ?? firstLine - 1)
            return []
        } catch {
            diagnostics.report(.frontMatterSyntax, "front matter is not valid YAML: \(error); its keys were ignored", line: firstLine - 1)
            return []
        }
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            diagnostics.report(.frontMatterShape, "front matter should be a mapping of `key: value` lines; found \(kind(of: node)) — ignored", line: firstLine)
            return []
        }
        var entries: [MetadataEntry] = []
        for (key, value) in mapping {
            let keyText = key.scalar?.string ?? ""
            let line = key.mark.map { $0.line + firstLine - 1 }
            entries.append(MetadataEntry(key: keyText, value: metadataValue(value), line: line))
        }
        return entries
    }

    /// The 1-based line of the first alias (`*name` where a value starts), or nil.
    static func aliasLine(_ yaml: String) -> Int? {
        if yaml.bytesAreCharacters {
            var text = yaml
            return text.withUTF8 { asciiAliasLine($0) }
        }
        for (i, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var previous: Character = " "
            var inQuote: Character?
            for c in line {
                if let q = inQuote {
                    if c == q { inQuote = nil }
                } else if c == "\"" || c == "'" {
                    inQuote = c
                } else if c == "#" && (previous == " " || previous == "\t") {
                    break
                } else if c == "*" && " \t[{,:-".contains(previous) {
                    return i + 1
                }
                previous = c
            }
        }
        return nil
    }

    /// `aliasLine` on the bytes of front matter whose bytes are Characters (nearly all of it).
    /// Every YAML front matter is checked, and Character by Character that was a tenth of reading it.
    private static func asciiAliasLine(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        var line = 1, previous: UInt8 = 0x20, quote: UInt8 = 0, inComment = false
        for b in u {
            if b == 0x0A {
                line += 1
                previous = 0x20
                quote = 0
                inComment = false
                continue
            }
            if inComment { continue }
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x23 && (previous == 0x20 || previous == 0x09) {
                inComment = true
                continue
            } else if b == 0x2A && (previous == 0x20 || previous == 0x09 || previous == 0x5B || previous == 0x7B || previous == 0x2C || previous == 0x3A || previous == 0x2D) {
                return line
            }
            previous = b
        }
        return nil
    }

    private static func metadataValue(_ node: Node) -> MetadataValue {
        switch node {
        case .scalar(let s): .text(s.string)
        case .sequence(let seq): .list(seq.map(metadataValue))
        case .mapping(let m): .map(m.map { ($0.key.scalar?.string ?? "", metadataValue($0.value)) })
        case .alias: .text("")
        }
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    /// The problem, and where what it is inside began when that was an earlier line: libyaml
    /// notices an unclosed `[none` on the line after it ("did not find expected ',' or ']' while
    /// parsing a flow sequence started on line 3").
    private static func describe(_ error: YamlError, firstLine: Int) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            guard let context, context.mark.line < mark.line else { return problem }
            return "\(problem) \(context.text) started on line \(context.mark.line + firstLine - 1)"
        default:
            return "\(error)"
        }
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}

extension DiagnosticCode {
    static let unclosedFrontMatter = DiagnosticCode("unclosed-front-matter", .warning,
        "Front matter opened with `+++`, with `---` over a `key: value` line, or with a lone `{` has no closing line (`+++`, `---`, the object's `}`); the whole file was read as the page body. Close the block.")
    static let frontMatterAlias = DiagnosticCode("front-matter-alias", .warning,
        "The YAML front matter uses an alias (`*name`); aliases can expand without bound, so the keys were ignored. Write the values out.")
    static let frontMatterSyntax = DiagnosticCode("front-matter-syntax", .warning,
        "The front matter is not valid YAML, TOML or JSON (the message names the problem and line); its keys were ignored, the body was still read.")
    static let frontMatterShape = DiagnosticCode("front-matter-shape", .warning,
        "The front matter is valid but not a mapping of keys to values (a list or a single value); it was ignored.")
}
