import ExerciseModel

/// MkDocs (Material, pymdownx) syntax that CommonMark does not know, rewritten before the parse
/// into the markdown it means:
/// - admonitions, `!!! type "Title"` (or `??? type`, collapsible) over an indented body, become a
///   bold title line over the dedented body, so a titled block ("Equipment") reads as a section;
///   a bodyless one, `!!! equipment "No equipment required."`, becomes the fact
///   `**Equipment:** No equipment required.`;
/// - content tabs, `=== "Beginner"` over an indented body, the same as a titled admonition;
/// - snippet includes, `--8<-- "file.md"`, are removed: the tool reads each file on its own, so
///   their text is not this page's. Each is reported.
/// Line numbers are kept: every source line stays one line.
enum MkDocsSyntax {
    static func rewrite(_ markdown: String, firstLine: Int, diagnostics: inout DiagnosticSink) -> String {
        guard markdown.containsBytes(of: "!!!") || markdown.containsBytes(of: "???") || markdown.containsBytes(of: "--8<--") || markdown.containsBytes(of: "=== \"") else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inFence = false
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if inFence { i += 1; continue }
            if trimmed.hasPrefix("--8<--") {
                diagnostics.report(.includeNotRead, "snippet include \(trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)) is not read: each file is converted on its own", line: firstLine + i)
                lines[i] = ""
            } else if let (type, title) = admonition(line) {
                // The body: the indented lines that follow (blank lines inside it included).
                var end = i + 1
                var hasBody = false
                while end < lines.count, lines[end].allSatisfy(\.isWhitespace) || lines[end].hasPrefix("    ") || lines[end].hasPrefix("\t") {
                    if !lines[end].allSatisfy(\.isWhitespace) { hasBody = true }
                    end += 1
                }
                let typeName = type.prefix(1).uppercased() + type.dropFirst()
                if !hasBody {
                    lines[i] = title.map { "**\(typeName):** \($0)" } ?? "**\(typeName)**"
                } else {
                    lines[i] = "**\(title ?? typeName)**"
                    // (A body right under the title line joins its paragraph; the extractor splits
                    // a leading bold label off.)
                    for j in (i + 1)..<end { lines[j] = dedent(lines[j]) }
                }
                i = end
                continue
            }
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    /// `!!! type "Title"`, `??? type`, `???+ type inline end "Title"` → (type, title); a content
    /// tab, `=== "Beginner"` over its indented body, → ("tab", "Beginner").
    static func admonition(_ line: String) -> (String, String?)? {
        var rest = Substring(line)
        if rest.hasPrefix("=== \"") || rest.hasPrefix("===! \"") || rest.hasPrefix("===+ \"") {
            let quoted = rest.drop { $0 != "\"" }.dropFirst()
            let title = PlainText.collapse(String(quoted.prefix { $0 != "\"" }))
            return ("tab", title.isEmpty ? nil : title)
        }
        guard rest.hasPrefix("!!! ") || rest.hasPrefix("??? ") || rest.hasPrefix("???+ ") else { return nil }
        rest = rest.drop { $0 != " " }.drop { $0 == " " }
        let type = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard !type.isEmpty else { return nil }
        var title: String?
        if let open = rest.firstIndex(of: "\""), let close = rest.lastIndex(of: "\""), open < close {
            let t = PlainText.collapse(String(rest[rest.index(after: open)..<close]))
            title = t.isEmpty ? nil : t
        }
        return (String(type), title)
    }

    static func dedent(_ line: String) -> String {
        if line.hasPrefix("    ") { return String(line.dropFirst(4)) }
        if line.hasPrefix("\t") { return String(line.dropFirst()) }
        return line
    }
}

extension DiagnosticCode {
    static let includeNotRead = DiagnosticCode("include-not-read", .info,
        "A snippet include (`--8<-- \"file.md\"`) was left out: each file is converted on its own, so the included text is not part of this page's record.")
}

import Foundation
