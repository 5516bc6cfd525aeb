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
    /// a JSON object opening the file (`{` alone on the first line, closed by `}` alone on a line).
    static func split(_ text: String, diagnostics: inout DiagnosticSink) -> Split {
        // Line by line from the top, slicing the text: splitting the whole page into lines and
        // joining the body again cost more than the rest of this reader's own work.
        let (first, afterFirst) = line(of: text, from: text.startIndex)
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
            diagnostics.report(.frontMatterSyntax, "front matter is not valid YAML: \(describe(error)); its keys were ignored", line: line(of: error).map { $0 + firstLine - 1 } ?? firstLine - 1)
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

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
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
        "Front matter opened with `+++` has no closing `+++` line; the whole file was read as the page body. Close the block.")
    static let frontMatterAlias = DiagnosticCode("front-matter-alias", .warning,
        "The YAML front matter uses an alias (`*name`); aliases can expand without bound, so the keys were ignored. Write the values out.")
    static let frontMatterSyntax = DiagnosticCode("front-matter-syntax", .warning,
        "The front matter is not valid YAML, TOML or JSON (the message names the problem and line); its keys were ignored, the body was still read.")
    static let frontMatterShape = DiagnosticCode("front-matter-shape", .warning,
        "The front matter is valid but not a mapping of keys to values (a list or a single value); it was ignored.")
}
