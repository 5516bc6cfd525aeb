import ExerciseDocument
import ExerciseModel
import Foundation

/// HTML pages and fragments through libxml2's HTML parser, into the same `Document` the markdown
/// reader produces: the one extractor does the rest, so the same page in either format gives the
/// same record.
public struct HTMLReader: DocumentReader {
    public static let format = "html"
    public static let defaultExtensions = ["html", "htm", "xhtml"]

    public init() {}

    public func read(_ bytes: [UInt8], rules: ExtractRules, diagnostics: inout DiagnosticSink) -> Document? {
        let utf8 = HTMLCharset.utf8Bytes(bytes, diagnostics: &diagnostics)
        let parsed = HTMLParse.parse(utf8, xpath: rules.xpath)
        if let cut = parsed.truncated {
            diagnostics.report(.htmlTruncated, "the HTML parser stopped early (\(cut)); content after that point is missing")
        }
        guard let html = parsed.root else {
            diagnostics.report(.notHTML, "no HTML content could be parsed from the file")
            return nil
        }
        let head = html.firstDescendant(where: { $0.tag == HTMLTag.head })
        let body = html.tag == HTMLTag.body ? html : (html.firstDescendant(where: { $0.tag == HTMLTag.body }) ?? html)

        // Structured data anywhere in the page (it usually sits in <head> or beside the content).
        let jsonLD = html.descendants(where: { $0.tag == HTMLTag.script && ($0.attribute("type") ?? "").lowercased().contains("ld+json") })
            .map(\.textContent)
        let microdata = parsed.hasItemScope ? Microdata.items(in: body) : []

        let cleaned = HTMLContent.strip(body)
        let content = HTMLSemantics.rewrite(HTMLContent.root(of: cleaned))

        var metadata: [MetadataEntry] = []
        let contentHasTitle = content.hasDescendant(where: { $0.tag == HTMLTag.h1 })
        if !contentHasTitle {
            // The page's <h1>, even in the site header the content was cut from, names it better
            // than <title>, which carries the site's name and SEO tails.
            // An <h1> in the content first; one in the chrome the content was cut from only when
            // it is not the header's logo (the site's name, or classed as its logo). (The content's
            // own <h1> is trusted whatever the title: "FitSite | Goblet Squat" puts the site first.)
            let inContent = cleaned.descendants(where: { $0.tag == HTMLTag.h1 })
            let site = Self.siteName(head)
            let inChrome = body.descendants(where: { $0.tag == HTMLTag.h1 }).filter { h1 in
                !Self.namesSite(h1, text: PlainText.collapse(h1.textContent), site: site)
            }
            if let h1 = (inContent + inChrome).first(where: { !PlainText.collapse($0.textContent).isEmpty }) {
                let lines = InlineCollector.parts(h1.children).map(\.text).filter { !$0.isEmpty }
                metadata.append(MetadataEntry(key: "title", value: .text(lines.joined(separator: "\n")), line: h1.line))
            } else if let title = Self.meta(head, property: "og:title") {
                metadata.append(MetadataEntry(key: "title", value: .text(HTMLContent.titleWithoutSite(title.0)), line: title.1))
            } else if let title = head?.firstDescendant(where: { $0.tag == HTMLTag.title }) {
                let text = HTMLContent.titleWithoutSite(title.textContent)
                if !text.isEmpty { metadata.append(MetadataEntry(key: "title", value: .text(text), line: title.line)) }
            }
        }
        if let description = Self.meta(head, name: "description") ?? Self.meta(head, property: "og:description") {
            metadata.append(MetadataEntry(key: "description", value: .text(description.0), line: description.1))
        }

        var builder = HTMLDocumentBuilder()
        // The container itself is walked as a block: when the densest block is a list (a fragment
        // that is one <ul>), it stays a list.
        builder.block(content)
        return Document(metadata: metadata, root: builder.finish(), embeddedJSONLD: jsonLD, microdata: microdata, media: Self.media(in: content),
                        ruleMatches: parsed.ruleMatches)
    }

    /// The site's name as the head gives it: `og:site_name`, else what `<title>` adds after the
    /// page's own title ("Goblet Squat | FitSite" → "FitSite"). Lower-cased; nil when neither says.
    static func siteName(_ head: HTMLElement?) -> String? {
        if let name = Self.meta(head, property: "og:site_name") { return name.0.lowercased() }
        guard let title = head?.firstDescendant(where: { $0.tag == HTMLTag.title }) else { return nil }
        return HTMLContent.siteOfTitle(title.textContent)?.lowercased()
    }

    /// Whether a heading is the site's name rather than the page's: its text is the site's name,
    /// or its class or id calls it the logo, the brand or the site's title.
    static func namesSite(_ h1: HTMLElement, text: String, site: String?) -> Bool {
        if let site, text.lowercased() == site { return true }
        return h1.anyClassOrIDWord { word in
            if siteWords.contains(where: { word.elementsEqual($0) }) { return true }
            // `header-logo`, `brand_name`: a part of the word.
            return word.split(whereSeparator: { $0 == 0x2D || $0 == 0x5F }).contains { part in logoParts.contains { part.elementsEqual($0) } }
        }
    }

    private static let siteWords = ["sitename", "site-name", "site-title", "site_title", "site_name"].map { Array($0.utf8) }
    private static let logoParts = ["logo", "brand", "branding"].map { Array($0.utf8) }

    private static func meta(_ head: HTMLElement?, name: String? = nil, property: String? = nil) -> (String, Int?)? {
        guard let head else { return nil }
        let match = head.descendants(where: { e in
            e.tag == HTMLTag.meta && (name.map { e.attribute("name")?.lowercased() == $0 } ?? false
                || property.map { e.attribute("property")?.lowercased() == $0 } ?? false)
        }).first
        guard let m = match, let content = m.attribute("content") else { return nil }
        let text = PlainText.collapse(content)
        return text.isEmpty ? nil : (text, m.line)
    }
}

/// Walks the content container in document order, turning block elements into `Block`s and
/// headings into `Section`s, and everything inline into `InlineText`.
struct HTMLDocumentBuilder {
    private var before: [Block] = []
    private var headed: [Section] = []
    private var pending = InlineCollector()
    private var pendingLine: Int?

    static let mediaElements: HTMLTagSet = ["img", "video", "iframe", "picture"]
    static let blockElements: HTMLTagSet = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "figure", "figcaption", "hr",
        "address", "details", "summary", "center", "fieldset", "body", "html", "h1", "h2", "h3", "h4", "h5", "h6", "menu",
    ]

    /// Content inside a quote or a list item, where headings cannot open sections: the blocks in
    /// order, each heading kept as a paragraph, at any depth.
    static func flatBlocks(of nodes: [HTMLNode], line: Int?) -> [Block] {
        var inner = HTMLDocumentBuilder()
        inner.walk(nodes, line: line)
        func flatten(_ section: Section) -> [Block] {
            (section.heading.map { [.paragraph($0, line: section.line)] } ?? []) + section.blocks + section.children.flatMap(flatten)
        }
        return flatten(inner.finish())
    }

    mutating func finish() -> Section {
        flush()
        return Section.tree(blocksBeforeFirstHeading: before, headed: headed)
    }

    private mutating func emit(_ block: Block) {
        if headed.isEmpty { before.append(block) } else { headed[headed.count - 1].blocks.append(block) }
    }

    /// Loose inline content (text directly inside a `<div>`) becomes a paragraph at the next block.
    private mutating func flush() {
        for part in pending.parts where !part.text.isEmpty {
            emit(.paragraph(part, line: pendingLine))
        }
        pending = InlineCollector()
        pendingLine = nil
    }

    mutating func walk(_ nodes: [HTMLNode], line: Int?) {
        for node in nodes {
            switch node {
            case .text(let t):
                if pendingLine == nil && !PlainText.isBlank(t) { pendingLine = line }
                pending.add(node)
            case .element(let e):
                if Self.blockElements.contains(e) {
                    flush()
                    block(e)
                } else {
                    if pendingLine == nil { pendingLine = e.line ?? line }
                    pending.add(node)
                }
            }
        }
    }

    mutating func block(_ e: HTMLElement) {
        if let level = HTMLTag.headingLevel(e.tag) {
            let text = InlineCollector.joined(e.children)
            if !text.text.isEmpty { headed.append(Section(level: level, heading: text, line: e.line)) }
            return
        }
        switch e.tag {
        case HTMLTag.p, HTMLTag.dt, HTMLTag.dd, HTMLTag.figcaption, HTMLTag.caption, HTMLTag.summary, HTMLTag.address:
            for part in InlineCollector.parts(e.children) where !part.text.isEmpty {
                emit(.paragraph(part, line: e.line))
            }
        case HTMLTag.ul, HTMLTag.ol, HTMLTag.menu:
            emit(.list(list(e)))
        case HTMLTag.dl:
            emit(.definitionList(definitions(e), line: e.line))
        case HTMLTag.table:
            if let table = dataTable(e) { emit(.table(table)) } else { walkLayoutTable(e) }
        case HTMLTag.blockquote:
            emit(.quote(Self.flatBlocks(of: e.children, line: e.line), line: e.line))
        case HTMLTag.pre:
            // A line break right after <pre> is not content (HTML drops it): the code starts below.
            let text = e.textContent
            let startsBelow = text.hasPrefix("\n")
            emit(.code(startsBelow ? String(text.dropFirst()) : text, info: "", line: e.line.map { startsBelow ? $0 + 1 : $0 }))
        case HTMLTag.hr:
            emit(.thematicBreak(line: e.line))
        case HTMLTag.figure where e.hasDescendant(where: { Self.mediaElements.contains($0) }):
            // A picture or player with its caption: the caption belongs to the media, not the text.
            return
        default:
            walk(e.children, line: e.line)
            flush()
        }
    }

    /// A table that lays out the page: each of its own cells is a container, in order.
    private mutating func walkLayoutTable(_ table: HTMLElement) {
        for row in Self.ownRows(table) {
            for case .element(let cell) in row.children where cell.tag == HTMLTag.td || cell.tag == HTMLTag.th {
                walk(cell.children, line: cell.line)
                flush()
            }
        }
    }

    static let rowGroups: HTMLTagSet = ["thead", "tbody", "tfoot"]
    /// What a data table's cells never hold: a table holding one lays out the page.
    static let layoutInCells: HTMLTagSet = ["table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre"]

    /// The rows of this table (directly or under thead/tbody/tfoot), not of tables nested in it.
    static func ownRows(_ table: HTMLElement) -> [HTMLElement] {
        var rows: [HTMLElement] = []
        for case .element(let child) in table.children {
            if child.tag == HTMLTag.tr { rows.append(child) }
            else if Self.rowGroups.contains(child) {
                for case .element(let row) in child.children where row.tag == HTMLTag.tr { rows.append(row) }
            }
        }
        return rows
    }

    private func list(_ e: HTMLElement) -> ListBlock {
        var items: [ListItem] = []
        for item in e.children {
            guard case .element(let li) = item else { continue }
            if li.tag == HTMLTag.ul || li.tag == HTMLTag.ol {
                // A list directly inside a list (invalid but common): it belongs to the previous item.
                if !items.isEmpty { items[items.count - 1].children.append(.list(list(li))) }
                continue
            }
            guard li.tag == HTMLTag.li else { continue }
            var texts: [InlineText] = []
            var children: [Block] = []
            var inlineRun: [HTMLNode] = []
            func closeRun() {
                let t = InlineCollector.joined(inlineRun)
                if !t.text.isEmpty {
                    if children.isEmpty { texts.append(t) } else { children.append(.paragraph(t, line: li.line)) }
                }
                inlineRun = []
            }
            for node in li.children {
                if case .element(let child) = node, Self.blockElements.contains(child) {
                    closeRun()
                    let isTextBlock = child.tag == HTMLTag.p || (child.tag == HTMLTag.div && !child.hasDescendant(where: { Self.blockElements.contains($0) }))
                    if isTextBlock {
                        let t = InlineCollector.joined(child.children)
                        if !t.text.isEmpty {
                            if children.isEmpty { texts.append(t) } else { children.append(.paragraph(t, line: child.line)) }
                        }
                    } else {
                        children += Self.flatBlocks(of: [node], line: child.line)
                    }
                } else {
                    inlineRun.append(node)
                }
            }
            closeRun()
            items.append(ListItem(text: InlineText.joined(texts), children: children, line: li.line,
                                  classes: li.attributes["class"].map(HTMLElement.lowercasedWords) ?? []))
        }
        return ListBlock(ordered: e.tag == HTMLTag.ol, items: items, line: e.line)
    }

    private func definitions(_ e: HTMLElement) -> [DefinitionItem] {
        var items: [DefinitionItem] = []
        for d in e.descendants(where: { $0.tag == HTMLTag.dt || $0.tag == HTMLTag.dd }) {
            let text = InlineCollector.joined(d.children)
            if d.tag == HTMLTag.dt {
                items.append(DefinitionItem(term: text, definitions: [], line: d.line))
            } else if !items.isEmpty, !text.text.isEmpty {
                items[items.count - 1].definitions.append(text)
            }
        }
        return items
    }

    /// A table is data (rows of cells) when no cell holds a heading, list or another table; a
    /// table that lays out the page is walked as containers instead.
    private func dataTable(_ e: HTMLElement) -> TableBlock? {
        if e.hasDescendant(where: { Self.layoutInCells.contains($0) }) { return nil }
        let rows: [(cells: [InlineText], line: Int?, isHeader: Bool)] = Self.ownRows(e).map { row in
            var isHeader = true
            let cells = row.children.compactMap { node -> InlineText? in
                guard case .element(let c) = node, c.tag == HTMLTag.td || c.tag == HTMLTag.th else { return nil }
                if c.tag == HTMLTag.td { isHeader = false }
                // Lines in a cell ("Barbell<br>Flat bench") are separate values.
                let parts = InlineCollector.parts(c.children)
                return InlineText(text: parts.map(\.text).joined(separator: ", "), links: parts.flatMap(\.links), leadingStrong: parts.first?.leadingStrong)
            }
            return (cells, row.line, isHeader)
        }.filter { !$0.cells.isEmpty }
        guard !rows.isEmpty else { return nil }
        // Only a row of <th> cells is a header; a table of <td> rows is all data.
        let header = rows[0].isHeader ? rows[0].cells : []
        let body = rows[0].isHeader ? Array(rows.dropFirst()) : rows
        let table = TableBlock(header: header, rows: body.map(\.cells), line: rows[0].line ?? e.line, rowLines: body.map(\.line))
        return table
    }
}

/// Flattens inline HTML to plain text, keeping links and a leading bold label; `<br>` splits it
/// into parts (lines) so "Equipment: Barbell<br>Level: Beginner" stays two statements.
struct InlineCollector {
    private var raw = ""
    private var links: [InlineLink] = []
    private var leadingStrong: String?
    private var sawContent = false
    private(set) var finished: [InlineText] = []

    var parts: [InlineText] {
        var all = finished
        let last = current
        if !last.text.isEmpty { all.append(last) }
        return all
    }

    private var current: InlineText {
        InlineText(text: PlainText.collapse(raw), links: links, leadingStrong: leadingStrong)
    }

    static func parts(_ nodes: [HTMLNode]) -> [InlineText] {
        var c = InlineCollector()
        for n in nodes { c.add(n) }
        return c.parts
    }

    /// All the inline content as one text (line breaks become spaces).
    static func joined(_ nodes: [HTMLNode]) -> InlineText {
        InlineText.joined(parts(nodes))
    }

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation when both ends are ASCII other
    /// than space or tab (nearly every link: Foundation's trim was 2% of an HTML run).
    static func trimmed(_ href: String) -> String {
        let utf8 = href.utf8
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return href }
        return href.trimmingCharacters(in: .whitespaces)
    }

    mutating func add(_ node: HTMLNode) {
        switch node {
        case .text(let t):
            raw += t
            if !PlainText.isBlank(t) { sawContent = true }
        case .element(let e):
            switch e.tag {
            case HTMLTag.br:
                if !current.text.isEmpty { finished.append(current) }
                raw = ""
                links = []
                leadingStrong = nil
                sawContent = false
            case HTMLTag.img, HTMLTag.picture, HTMLTag.wbr:
                raw += " "
            case HTMLTag.strong, HTMLTag.b:
                let text = PlainText.collapse(e.textContent)
                if !sawContent && leadingStrong == nil && !text.isEmpty { leadingStrong = text }
                for child in e.children { add(child) }
            case HTMLTag.a:
                // (A byte offset: counting Characters walked the whole line for every link.)
                let before = raw.utf8.count
                for child in e.children { add(child) }
                let text = PlainText.collapse(String(decoding: raw.utf8.dropFirst(before), as: UTF8.self))
                if let href = e.attribute("href"), !href.isEmpty, !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") {
                    links.append(InlineLink(text: text, url: Self.trimmed(href)))
                }
            default:
                if HTMLDocumentBuilder.blockElements.contains(e) { raw += " " }
                for child in e.children { add(child) }
                if HTMLDocumentBuilder.blockElements.contains(e) { raw += " " }
            }
        }
    }
}

extension DiagnosticCode {
    static let htmlTruncated = DiagnosticCode("html-truncated", .warning,
        "libxml2 stopped parsing early (nesting deeper than 256 levels, or a fatal error); content after that point is missing from the record.")
    static let notHTML = DiagnosticCode("not-html", .error,
        "Nothing could be parsed from the file as HTML; no record. Check that the file is an HTML page.")
}

extension HTMLReader {
    /// True when libxml2 compiles the expression as XPath 1.0.
    public static func isValidXPath(_ expression: String) -> Bool { HTMLParse.isValidXPath(expression) }
}
