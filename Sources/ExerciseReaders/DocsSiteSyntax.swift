import ExerciseModel

/// What documentation-site generators add to markdown, rewritten before the parse into the
/// markdown it means (as `MkDocsSyntax` does for MkDocs), so that one extractor reads their pages:
/// - container directives of Docusaurus, VuePress and VitePress, `:::tip Title` … `:::`, and the
///   callouts of Obsidian and GitHub, `> [!tip] Title` over `>` lines: the title (else the type)
///   becomes a heading one level below the section it stands in, over the body as plain markdown,
///   so `:::caution Common mistakes` reads as the mistakes section. (A heading, not a bold line as
///   for MkDocs: a bold line joins the text above it, a list item's say, and the `Key: value`
///   lines below it, which then no longer read one fact a line);
/// - Hugo shortcodes on a line of their own: `{{< youtube ID >}}` and `{{< vimeo ID >}}` become the
///   video, `{{< figure src="…" >}}` the image, a paired `{{% notice tip %}}` … `{{% /notice %}}`
///   a titled block like a directive; any other is left out, with a note;
/// - MDX: `import`/`export` lines are not text; a JSX component's tag lines (`<Tabs>`, `</TabItem>`)
///   go, and a tab's `label` becomes its heading;
/// - Obsidian wikilinks, `[[Bench]]` and `[[Page|shown text]]`, become their text.
/// Line numbers are kept: every source line stays one line. Fenced code is left as it is.
enum DocsSiteSyntax {
    static func rewrite(_ markdown: String, firstLine: Int, diagnostics: inout DiagnosticSink) -> String {
        guard mayHold(markdown) else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fence: String?
        var level = 1  // the level of the last ATX heading seen (a block's heading goes one below)
        var openDirectives = 0
        var preamble = true  // only blank and MDX module lines so far
        var i = 0
        /// A block's title: a heading one level below the last one.
        func title(_ text: String) -> String { String(repeating: "#", count: min(level + 1, 6)) + " " + text }
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                i += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                i += 1
                continue
            }
            if let heading = headingLevel(trimmed) { level = heading }
            if preamble, isModuleLine(trimmed) {
                lines[i] = ""
                i += 1
                continue
            }
            if !trimmed.isEmpty { preamble = false }
            if let (type, name) = directive(trimmed) {
                lines[i] = title(name ?? untitled(type))
                openDirectives += 1
            } else if openDirectives > 0, trimmed.count >= 3, trimmed.allSatisfy({ $0 == ":" }) {
                lines[i] = ""
                openDirectives -= 1
            } else if let (type, name) = callout(trimmed) {
                lines[i] = title(name ?? untitled(type))
                var j = i + 1
                while j < lines.count, lines[j].hasPrefix(">") {
                    lines[j] = unwikilinked(String(lines[j].dropFirst().drop { $0 == " " }))
                    j += 1
                }
                i = j
                continue
            } else if let code = shortcode(trimmed) {
                switch code.name {
                case "youtube":
                    lines[i] = code.argument("id").map { "![](https://www.youtube.com/watch?v=\($0))" } ?? ""
                case "vimeo":
                    lines[i] = code.argument("id").map { "![](https://vimeo.com/\($0))" } ?? ""
                case "figure", "img", "image":
                    lines[i] = code.argument("src").map { "![\(code.named["alt"] ?? code.named["caption"] ?? code.named["title"] ?? "")](\($0))" } ?? ""
                case _ where kindFirstShortcodes.contains(code.name) || kindShortcodes.contains(code.name):
                    // (`notice tip`: the kind is the first argument; `tip`, `warning`: the name is.)
                    let kind = kindFirstShortcodes.contains(code.name) ? code.positional.first ?? code.name : code.name
                    lines[i] = title(code.named["title"] ?? untitled(kind))
                case _ where code.name.hasPrefix("/") && (kindFirstShortcodes.contains(String(code.name.dropFirst())) || kindShortcodes.contains(String(code.name.dropFirst()))):
                    lines[i] = ""
                default:
                    if !code.name.hasPrefix("/") {
                        diagnostics.report(.shortcodeNotRead, "Hugo shortcode '\(code.name)' is not read (Hugo makes its output); left out", line: firstLine + i)
                    }
                    lines[i] = ""
                }
            } else if let label = jsxTagLine(trimmed) {
                lines[i] = label.map(title) ?? ""
            }
            if lines[i].contains("[[") { lines[i] = unwikilinked(lines[i]) }
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    /// Notice-like shortcodes: those whose first argument is the kind (`{{% notice tip %}}`), and
    /// those named by it (`{{< tip >}}`); each closes with `/name`.
    private static let kindFirstShortcodes: Set = ["notice", "alert", "admonition", "callout", "hint"]
    private static let kindShortcodes: Set = ["note", "tip", "warning", "info"]

    /// A quick "nothing here" for the pages that use none of it (most pages), asked of every
    /// markdown page: each trigger (`:::`, `[!`, `[[`, `{{`, `<Ta`) is found from its first byte
    /// with memchr, and MDX's module lines only where they stand, at the top of the body.
    private static func mayHold(_ s: String) -> Bool {
        var text = s
        return text.withUTF8 { u in
            guard let base = u.baseAddress else { return false }
            /// Whether a `first` byte is followed by `second` (or `orSecond`), and then `third`.
            func follows(_ first: UInt8, _ second: UInt8, or orSecond: UInt8? = nil, then third: UInt8? = nil) -> Bool {
                var from = 0
                while from < u.count - 1, let hit = memchr(base + from, Int32(first), u.count - 1 - from) {
                    let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    let next = u[i + 1]
                    if next == second || next == orSecond, third.map({ i + 2 < u.count && u[i + 2] == $0 }) ?? true { return true }
                    from = i + 1
                }
                return false
            }
            if follows(0x3A, 0x3A, then: 0x3A) || follows(0x5B, 0x21, or: 0x5B) || follows(0x7B, 0x7B) || follows(0x3C, 0x54, then: 0x61) { return true }
            var i = 0
            while i < u.count, u[i] == 0x20 || u[i] == 0x0A || u[i] == 0x09 { i += 1 }
            let top = UnsafeBufferPointer(rebasing: u[i...])
            return top.starts(with: "import ".utf8) || top.starts(with: "export ".utf8)
        }
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// The heading of a block with no title of its own: its kind, as a section would be named
    /// (`:::tip` holds tips; `:::caution` could hold anything, and is named as it is).
    static func untitled(_ kind: String) -> String {
        switch kind.lowercased() {
        case "tip", "tips", "hint", "success": "Tips"
        case "note", "notes": "Notes"
        default: capitalized(kind.lowercased())
        }
    }

    /// `:::tip`, `::: caution Common mistakes`, `:::note[Title]`, `::::info{title="Muscles"}` → (type, title).
    static func directive(_ line: String) -> (String, String?)? {
        let colons = line.prefix { $0 == ":" }.count
        guard colons >= 3 else { return nil }
        let rest = line.dropFirst(colons).drop { $0 == " " }
        let type = rest.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
        guard !type.isEmpty else { return nil }
        var title = String(rest.dropFirst(type.count))
        if let open = title.firstIndex(of: "["), let close = title.lastIndex(of: "]"), open < close {
            title = String(title[title.index(after: open)..<close])
        } else if let quote = title.range(of: "title=\"") {
            title = String(title[quote.upperBound...].prefix { $0 != "\"" })
        }
        let t = PlainText.collapse(title.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")))
        return (capitalized(String(type)), t.isEmpty ? nil : t)
    }

    /// `> [!tip] Form cues`, `> [!WARNING]`, `> [!faq]- Questions` → (type, title).
    static func callout(_ line: String) -> (String, String?)? {
        guard line.hasPrefix(">") else { return nil }
        let rest = line.dropFirst().drop { $0 == " " }
        guard rest.hasPrefix("[!"), let close = rest.firstIndex(of: "]") else { return nil }
        let type = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
        guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        let title = PlainText.collapse(String(rest[rest.index(after: close)...].drop { $0 == "-" || $0 == "+" }))
        return (capitalized(type.lowercased()), title.isEmpty ? nil : title)
    }

    struct Shortcode {
        var name: String
        var positional: [String]
        var named: [String: String]

        /// A named argument, else the first positional one.
        func argument(_ key: String) -> String? { named[key] ?? positional.first }
    }

    /// A line that is one shortcode, `{{< name a b="c" >}}` or `{{% name %}}`.
    static func shortcode(_ line: String) -> Shortcode? {
        let opener = line.hasPrefix("{{<") ? "{{<" : line.hasPrefix("{{%") ? "{{%" : nil
        guard let opener else { return nil }
        let closer = opener == "{{<" ? ">}}" : "%}}"
        guard line.hasSuffix(closer), line.count > 6 else { return nil }
        let inner = line.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
        var words: [String] = []
        var current = "", quoted = false
        for c in inner {
            if c == "\"" { quoted.toggle(); continue }
            if c == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        guard let name = words.first?.lowercased(), !name.isEmpty else { return nil }
        var code = Shortcode(name: name, positional: [], named: [:])
        for word in words.dropFirst() {
            if let eq = word.firstIndex(of: "=") { code.named[String(word[..<eq]).lowercased()] = String(word[word.index(after: eq)...]) } else { code.positional.append(word) }
        }
        return code
    }

    /// A line that is a JSX component's tag alone: nil when it is not; else the heading it
    /// becomes (a tab's label), or nil inside for a tag that just goes.
    static func jsxTagLine(_ line: String) -> String?? {
        guard line.hasPrefix("<"), line.hasSuffix(">") else { return nil }
        let name = line.dropFirst(line.hasPrefix("</") ? 2 : 1).prefix { $0.isLetter || $0.isNumber || $0 == "." }
        // (A component with a source, `<Video src="…" />`, stays: its media are read from it.)
        guard let first = name.first, first.isUppercase, !line.dropFirst().contains("<"), !line.contains("src=") else { return nil }
        if !line.hasPrefix("</"), let label = line.range(of: "label=\"") {
            let text = PlainText.collapse(String(line[label.upperBound...].prefix { $0 != "\"" }))
            return .some(text.isEmpty ? nil : text)
        }
        return .some(nil)
    }

    /// `import Tabs from '@theme/Tabs';`, `export const meta = {…}`: MDX module lines.
    static func isModuleLine(_ line: String) -> Bool {
        (line.hasPrefix("import ") && (line.contains(" from ") || line.hasPrefix("import '") || line.hasPrefix("import \""))) || line.hasPrefix("export ")
    }

    /// `[[Bench]]` → Bench, `[[Page|shown text]]` → shown text, `[[Page#Part]]` → Page.
    static func unwikilinked(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            out += rest[..<open.lowerBound]
            // (`![[image.png]]` embeds: the `!` goes with them.)
            if out.hasSuffix("!") { out.removeLast() }
            let target = rest[open.upperBound..<close.lowerBound]
            let shown = target.split(separator: "|", maxSplits: 1).last.map(String.init) ?? ""
            out += shown.split(separator: "#").first.map(String.init) ?? shown
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

extension DiagnosticCode {
    static let shortcodeNotRead = DiagnosticCode("shortcode-not-read", .info,
        "A Hugo shortcode on a line of its own was left out: Hugo makes its output, which the page's markdown does not hold. (youtube, vimeo, figure and notice-style shortcodes are read.)")
}

import Foundation
