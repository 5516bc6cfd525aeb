import ExerciseModel

/// What a block says, read the same way by every stage that needs its text, links or name.
extension Block {
    /// The block's plain text, nested content included, whitespace collapsed.
    public var plainText: String {
        switch self {
        case .paragraph(let t, _): t.text
        case .list(let l): l.items.map { item in ([item.text.text] + item.children.map(\.plainText)).joined(separator: " ") }.joined(separator: " ")
        case .table(let t): (t.header + t.rows.flatMap { $0 }).map(\.text).joined(separator: " ")
        case .definitionList(let items, _): items.map { ([$0.term] + $0.definitions).map(\.text).joined(separator: " ") }.joined(separator: " ")
        case .code(let c, _, _): PlainText.collapse(c)
        case .quote(let blocks, _): blocks.map(\.plainText).joined(separator: " ")
        case .html(let h, _): PlainText.collapse(h)
        case .thematicBreak: ""
        }
    }

    /// Links in paragraphs, list items (nested ones too) and quotes.
    public var links: [InlineLink] {
        switch self {
        case .paragraph(let t, _): t.links
        case .list(let l): l.items.flatMap { $0.text.links + $0.children.flatMap(\.links) }
        case .quote(let blocks, _): blocks.flatMap(\.links)
        default: []
        }
    }

    /// The kind of block in words, for diagnostics ("list", "code block").
    public var kindName: String {
        switch self {
        case .paragraph: "paragraph"
        case .list: "list"
        case .table: "table"
        case .definitionList: "definition list"
        case .code: "code block"
        case .quote: "quote"
        case .html: "HTML block"
        case .thematicBreak: "rule"
        }
    }
}

extension ListItem {
    /// The texts of the item's sub-lists (and nested paragraphs), one per item; nil when the item
    /// has no nested blocks.
    public var nestedTexts: [String]? {
        guard !children.isEmpty else { return nil }
        return children.flatMap { child -> [String] in
            switch child {
            case .list(let l): return l.items.map(\.text.text).filter { !$0.isEmpty }
            case .paragraph(let t, _): return [t.text]
            default: return []
            }
        }
    }
}

extension TableBlock {
    /// The line of row `i` of `rows`, else the table's line.
    public func line(ofRow i: Int) -> Int? {
        i < rowLines.count ? rowLines[i] : line
    }
}
