import Foundation
import CCmarkGFM
import ExerciseDocument
import ExerciseModel

/// Markdown (CommonMark + GitHub extensions) through cmark-gfm, with YAML, TOML or JSON front matter.
public struct MarkdownReader: DocumentReader {
    public static let format = "markdown"
    public static let defaultExtensions = ["md", "markdown", "mdx", "txt"]

    public init() {}

    /// XPath rules are for HTML: a markdown page has no element tree to query.
    public func read(_ bytes: [UInt8], rules: ExtractRules, diagnostics: inout DiagnosticSink) -> Document? {
        guard let text = TextDecoding.utf8Text(bytes, diagnostics: &diagnostics) else { return nil }
        let split = FrontMatter.split(text, diagnostics: &diagnostics)
        let metadata = FrontMatter.entries(split, diagnostics: &diagnostics)
        let body = DocsSiteSyntax.rewrite(MkDocsSyntax.rewrite(split.body, firstLine: split.bodyFirstLine, diagnostics: &diagnostics),
                                          firstLine: split.bodyFirstLine, diagnostics: &diagnostics)
        let (root, cut, media, scripts) = CmarkTree.parse(body, lineOffset: split.bodyFirstLine - 1)
        for script in scripts {
            diagnostics.report(.inlineScriptDropped, "an inline <\(script.tag)> element in the text was left out: its content is code, not the page's words", line: script.line)
        }
        if cut {
            diagnostics.report(.tooDeep, "content nested deeper than \(Walker.maximumDepth) levels (quotes, lists or emphasis) was cut; nothing below that depth was read")
        }
        return Document(metadata: metadata, root: root, media: media)
    }
}

/// The cmark-gfm parse and the walk from its node tree into `Section`s and `Block`s.
enum CmarkTree {
    /// Registering the core extensions mutates a global registry: do it once, before any parse.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "tasklist"]

    /// The section tree, whether nesting deeper than `Walker.maximumDepth` was cut, the images
    /// and embeds met on the way, and the inline `<script>`/`<style>` elements left out.
    static func parse(_ markdown: String, lineOffset: Int) -> (Section, Bool, [DocumentMedia], [Walker.DroppedElement]) {
        precondition(extensionsRegistered)
        // GitHub's autolink extension stops the inline parse at every `w` and `:` and copies
        // every text node once more: with it, cmark-gfm's parse of 5,000 generated pages took
        // 0.42 s of user time, without it 0.26 s. It only ever links text that holds `://`, `www.`
        // or `@`, so the page is parsed and walked without it first, and again with it only when
        // the walk met one of the three in a text node (links' targets, code and HTML are not text
        // nodes; text the walk does not read, past the depth limit or inside an inline script, is
        // not read either way). A page whose text holds none parses to the same tree either way,
        // but for adjacent text nodes the extension merges, which the walk joins anyway.
        var markdown = markdown
        var autolink = false
        while true {
            guard let doc = document(&markdown, autolink: autolink) else { return (Section(level: 0, heading: nil, line: nil), false, [], []) }
            defer { cmark_node_free(doc) }
            let walker = Walker(lineOffset: lineOffset)
            var before: [Block] = []
            var headed: [Section] = []
            for node in children(of: doc) {
                if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                    headed.append(Section(
                        level: Int(cmark_node_get_heading_level(node)),
                        heading: walker.inline(node),
                        line: walker.line(node)))
                } else if let block = walker.block(node) {
                    if headed.isEmpty { before.append(block) } else { headed[headed.count - 1].blocks.append(block) }
                }
            }
            if !autolink && walker.sawAutolinkable {
                autolink = true
                continue
            }
            return (Section.tree(blocksBeforeFirstHeading: before, headed: headed), walker.cut, walker.media, walker.dropped)
        }
    }

    /// cmark-gfm's document tree for `markdown`, with the GitHub extensions (autolink if asked).
    private static func document(_ markdown: inout String, autolink: Bool) -> OpaquePointer? {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensionNames + (autolink ? ["autolink"] : []) {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        markdown.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { if let base = $0.baseAddress { cmark_parser_feed(parser, base, buf.count) } }
        }
        return cmark_parser_finish(parser)
    }

    /// Whether a NUL-terminated text holds `://`, `www.` or `@` (libc's `strpbrk` finds each
    /// candidate byte).
    static func mayAutolink(_ text: UnsafePointer<CChar>) -> Bool {
        var next = strpbrk(text, "@:w")
        while let found = next {
            let p = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self)
            switch p[0] {
            case 0x40: return true
            // (A NUL ends the text, so no byte past it is read: `&&` stops at the first mismatch.)
            case 0x3A where p[1] == 0x2F && p[2] == 0x2F: return true
            case 0x77 where p[1] == 0x77 && p[2] == 0x77 && p[3] == 0x2E: return true
            default: next = strpbrk(found + 1, "@:w")
            }
        }
        return false
    }

    /// A node's children, followed through the tree's own links (no array per node).
    fileprivate static func children(of node: OpaquePointer) -> Children { Children(parent: node) }

    struct Children: Sequence, IteratorProtocol {
        private var upcoming: OpaquePointer?
        init(parent: OpaquePointer) { upcoming = cmark_node_first_child(parent) }
        mutating func next() -> OpaquePointer? {
            defer { upcoming = upcoming.flatMap(cmark_node_next) }
            return upcoming
        }
    }

    /// Whether an extension node (table, tasklist, …) is of the type named: their type values are
    /// C globals that Swift 6 will not read, so the type string is compared, without making a
    /// Swift string of it. Core types compare as `cmark_node_get_type` values.
    fileprivate static func isExtension(_ node: OpaquePointer, _ name: StaticString) -> Bool {
        guard let s = cmark_node_get_type_string(node) else { return false }
        return name.withUTF8Buffer { expected in
            expected.withMemoryRebound(to: CChar.self) { strncmp(s, $0.baseAddress!, expected.count) == 0 && s[expected.count] == 0 }
        }
    }
}

/// A class so that its depth counter and cut flag are shared by the whole recursive walk.
final class Walker {
    /// Deeper nesting is not walked: the walk is recursive, and `>>>>…` or `****…` thousands deep
    /// would otherwise exhaust the stack.
    static let maximumDepth = 200
    let lineOffset: Int
    private var depth = 0
    private(set) var cut = false
    /// Images (`![alt](src)`) and players or images in raw HTML, in page order.
    private(set) var media: [DocumentMedia] = []
    /// Inline `<script>` and `<style>` elements: their content is code, so it is left out of the
    /// text (cmark gives the tags as inline HTML and what is between them as text).
    struct DroppedElement { var tag: String; var line: Int? }
    private(set) var dropped: [DroppedElement] = []
    /// Whether a text node read holds what GitHub's autolink extension links (`CmarkTree.parse`
    /// then parses the page again with it).
    private(set) var sawAutolinkable = false

    init(lineOffset: Int) { self.lineOffset = lineOffset }

    /// Runs `body` one level deeper, or returns `fallback` (and records the cut) past the limit.
    private func deeper<T>(_ fallback: T, _ body: () -> T) -> T {
        guard depth < Self.maximumDepth else {
            cut = true
            return fallback
        }
        depth += 1
        defer { depth -= 1 }
        return body()
    }

    func line(_ node: OpaquePointer) -> Int? {
        let l = Int(cmark_node_get_start_line(node))
        return l > 0 ? l + lineOffset : nil
    }

    func block(_ node: OpaquePointer) -> Block? {
        deeper(nil) { blockAtDepth(node) }
    }

    private func blockAtDepth(_ node: OpaquePointer) -> Block? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inline(node), line: line(node))
        case CMARK_NODE_HEADING:
            // Headings nested in lists or quotes: keep their text as a paragraph.
            return .paragraph(inline(node), line: line(node))
        case CMARK_NODE_LIST:
            return .list(list(node))
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            // The line of the code's first line: after the opening fence for a fenced block.
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            return .code(literal(node), info: PlainText.collapse(info), line: line(node).map { fenced ? $0 + 1 : $0 })
        case CMARK_NODE_HTML_BLOCK:
            let html = literal(node)
            media += RawHTMLMedia.scan(html, line: line(node))
            return .html(html, line: line(node))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(CmarkTree.children(of: node).compactMap(block), line: line(node))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(line: line(node))
        case _ where CmarkTree.isExtension(node, "table"):
            return .table(table(node))
        default:
            // footnote definitions and anything newer: keep the text rather than lose it.
            let text = inline(node)
            return text.text.isEmpty ? nil : .paragraph(text, line: line(node))
        }
    }

    func list(_ node: OpaquePointer) -> ListBlock {
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        var items: [ListItem] = []
        for item in CmarkTree.children(of: node) {
            var texts: [InlineText] = []
            var nested: [Block] = []
            for child in CmarkTree.children(of: item) {
                if cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH && nested.isEmpty {
                    texts.append(inline(child))
                } else if let b = block(child) {
                    nested.append(b)
                }
            }
            let checked: Bool? = CmarkTree.isExtension(item, "tasklist")
                ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
            items.append(ListItem(text: InlineText.joined(texts), children: nested, line: line(item), checked: checked))
        }
        return ListBlock(ordered: ordered, items: items, line: line(node))
    }

    func table(_ node: OpaquePointer) -> TableBlock {
        var header: [InlineText] = []
        var rows: [[InlineText]] = []
        var rowLines: [Int?] = []
        for row in CmarkTree.children(of: node) {
            let cells = CmarkTree.children(of: row).map { inline($0) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 && header.isEmpty {
                header = cells
            } else {
                rows.append(cells)
                rowLines.append(line(row))
            }
        }
        return TableBlock(header: header, rows: rows, line: line(node), rowLines: rowLines)
    }

    func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Flattens inline content to plain text, keeping links and a leading bold label.
    func inline(_ node: OpaquePointer) -> InlineText {
        var raw = ""
        var links: [InlineLink] = []
        collect(node, into: &raw, links: &links)
        var leadingStrong: String?
        if let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_STRONG {
            var strongText = ""
            var ignored: [InlineLink] = []
            collect(first, into: &strongText, links: &ignored)
            leadingStrong = PlainText.collapse(strongText)
        }
        // (The line break is a control character, so collapsing turns it into a space; most runs
        // have none and need no split.)
        // (On the bytes: the marker is a control character, always a Character of its own.)
        let lines = raw.containsByte(Self.lineBreakByte)
            ? raw.utf8.split(separator: Self.lineBreakByte).map { PlainText.collapse(String(decoding: $0, as: UTF8.self)) }.filter { !$0.isEmpty } : []
        return InlineText(text: PlainText.collapse(raw), links: links,
                          leadingStrong: leadingStrong, lines: lines.count > 1 ? lines : [])
    }

    /// Marks a soft or hard line break inside collected inline text (a control character that
    /// cannot occur in the parsed text).
    static let lineBreak: Character = "\u{1E}"
    private static let lineBreakByte: UInt8 = 0x1E

    /// Tags that end a word where they stand: line breaks, rules, images and players, and the
    /// block-level elements a page may write inline.
    static let wordSeparatingTags: Set<String> = [
        "br", "hr", "img", "iframe", "video", "audio", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "figure", "figcaption", "pre", "details", "summary",
    ]

    /// Whether inline HTML (`<br>`, `</td>`, `<span class="x">`) separates the words around it.
    static func separatesWords(_ html: String) -> Bool {
        var name = Substring(html.lowercased()).drop { $0 == "<" || $0 == "/" }
        name = name.prefix { $0.isLetter || $0.isNumber }
        // A comment or anything that is not a tag: keep the words apart, as before.
        return name.isEmpty || wordSeparatingTags.contains(String(name))
    }

    /// "script" or "style" when inline HTML opens one of those elements.
    static func codeElement(_ html: String) -> String? {
        let lower = html.lowercased()
        for tag in ["script", "style"] where lower.hasPrefix("<\(tag)") {
            let next = lower.dropFirst(tag.count + 1).first
            if next == nil || next == ">" || next == " " || next == "\t" || next == "\n" || next == "/" { return tag }
        }
        return nil
    }

    private func collect(_ node: OpaquePointer, into out: inout String, links: inout [InlineLink]) {
        guard depth < Self.maximumDepth else {
            cut = true
            return
        }
        depth += 1
        defer { depth -= 1 }
        // Inside an inline <script> or <style>: the closing tag to wait for.
        var closing: String?
        for child in CmarkTree.children(of: node) {
            let type = cmark_node_get_type(child)
            // Inline HTML's text, read once: the script check and the case below both need it.
            let html = type == CMARK_NODE_HTML_INLINE ? literal(child) : ""
            if let end = closing {
                if type == CMARK_NODE_HTML_INLINE, html.lowercased().contains(end) { closing = nil }
                continue
            }
            if type == CMARK_NODE_HTML_INLINE, let tag = Self.codeElement(html) {
                dropped.append(DroppedElement(tag: tag, line: line(child) ?? line(node)))
                if !html.lowercased().contains("</\(tag)") { closing = "</\(tag)" }
                out += " "
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let text = cmark_node_get_literal(child) else { continue }
                if type == CMARK_NODE_TEXT && !sawAutolinkable && CmarkTree.mayAutolink(text) { sawAutolinkable = true }
                out += String(cString: text)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out.append(Self.lineBreak)
            case CMARK_NODE_HTML_INLINE:
                // `<br>` and block-level tags separate words; inline ones (`<b>`, `<span>`, …)
                // carry no text of their own and sit inside words ("bo<b>ld</b>" is "bold").
                media += RawHTMLMedia.scan(html, line: line(child) ?? line(node))
                if Self.separatesWords(html) { out += " " }
            case CMARK_NODE_IMAGE:
                // Pictures go to the record's media; their alt text is a caption, not prose.
                var alt = ""
                var ignored: [InlineLink] = []
                collect(child, into: &alt, links: &ignored)
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                media.append(DocumentMedia(url: url, element: .image, caption: PlainText.collapse(alt), line: line(child) ?? line(node)))
            case CMARK_NODE_LINK:
                var text = ""
                var inner: [InlineLink] = []
                collect(child, into: &text, links: &inner)
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                links.append(InlineLink(text: PlainText.collapse(text), url: url))
                out += text
            default:
                collect(child, into: &out, links: &links)
            }
        }
    }
}

extension InlineText {
    /// Several paragraphs (e.g. of one list item) as one inline run.
    public static func joined(_ parts: [InlineText]) -> InlineText {
        guard let first = parts.first else { return InlineText(text: "") }
        if parts.count == 1 { return first }
        return InlineText(
            text: PlainText.collapse(parts.map(\.text).joined(separator: " ")),
            links: parts.flatMap(\.links),
            leadingStrong: first.leadingStrong)
    }
}

extension DiagnosticCode {
    static let tooDeep = DiagnosticCode("too-deep", .warning,
        "Quotes, lists or emphasis nest deeper than the reader follows (200 levels); content below that depth was not read.")
    static let inlineScriptDropped = DiagnosticCode("inline-script", .warning,
        "A markdown paragraph, list item or heading holds an inline `<script>` or `<style>` element: its content is code, not the page's words, so it was left out of the text. Remove it from the page, or ignore this if the page embeds it on purpose.")
}
