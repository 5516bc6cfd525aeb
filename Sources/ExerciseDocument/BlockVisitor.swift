/// Walks the blocks of a `Document`, after swift-markdown's `MarkupVisitor`: one method per kind
/// of block, each defaulting to `defaultVisit`. A visitor implements only the kinds it reads; the
/// rest fall to its default (the extractor's default reports the block as unused, so nothing is
/// dropped silently).
public protocol BlockVisitor {
    associatedtype Result
    mutating func defaultVisit(_ block: Block) -> Result
    mutating func visitParagraph(_ text: InlineText, line: Int?) -> Result
    mutating func visitList(_ list: ListBlock) -> Result
    mutating func visitTable(_ table: TableBlock) -> Result
    mutating func visitDefinitionList(_ items: [DefinitionItem], line: Int?) -> Result
    mutating func visitCode(_ code: String, info: String, line: Int?) -> Result
    mutating func visitQuote(_ blocks: [Block], line: Int?) -> Result
    mutating func visitHTML(_ html: String, line: Int?) -> Result
    mutating func visitThematicBreak(line: Int?) -> Result
}

// (`@inlinable`: the extractor's visitors live in another module, where these are specialized for
// each of them; otherwise every block went through the unspecialized generic dispatch.)
extension BlockVisitor {
    /// Dispatches one block to its method: the only `switch` over block kinds a visitor needs.
    @inlinable public mutating func visit(_ block: Block) -> Result {
        switch block {
        case .paragraph(let text, let line): visitParagraph(text, line: line)
        case .list(let list): visitList(list)
        case .table(let table): visitTable(table)
        case .definitionList(let items, let line): visitDefinitionList(items, line: line)
        case .code(let code, let info, let line): visitCode(code, info: info, line: line)
        case .quote(let blocks, let line): visitQuote(blocks, line: line)
        case .html(let html, let line): visitHTML(html, line: line)
        case .thematicBreak(let line): visitThematicBreak(line: line)
        }
    }

    @inlinable public mutating func visitParagraph(_ text: InlineText, line: Int?) -> Result { defaultVisit(.paragraph(text, line: line)) }
    @inlinable public mutating func visitList(_ list: ListBlock) -> Result { defaultVisit(.list(list)) }
    @inlinable public mutating func visitTable(_ table: TableBlock) -> Result { defaultVisit(.table(table)) }
    @inlinable public mutating func visitDefinitionList(_ items: [DefinitionItem], line: Int?) -> Result { defaultVisit(.definitionList(items, line: line)) }
    @inlinable public mutating func visitCode(_ code: String, info: String, line: Int?) -> Result { defaultVisit(.code(code, info: info, line: line)) }
    @inlinable public mutating func visitQuote(_ blocks: [Block], line: Int?) -> Result { defaultVisit(.quote(blocks, line: line)) }
    @inlinable public mutating func visitHTML(_ html: String, line: Int?) -> Result { defaultVisit(.html(html, line: line)) }
    @inlinable public mutating func visitThematicBreak(line: Int?) -> Result { defaultVisit(.thematicBreak(line: line)) }
}

extension BlockVisitor where Result == Void {
    /// Visits blocks in order.
    @inlinable public mutating func visit(_ blocks: [Block]) {
        for block in blocks { visit(block) }
    }
}

/// Rewrites a section tree bottom-up, after swift-markdown's `MarkupRewriter`: pre-passes such as
/// promoting bold pseudo-headings to sections are rewriters, so the extractor reads one shape.
public protocol SectionRewriter {
    /// Rewrites one section whose children have already been rewritten.
    func rewrite(_ section: Section) -> Section
}

extension SectionRewriter {
    /// Rewrites the whole tree, children first.
    @inlinable public func rewriteTree(_ section: Section) -> Section {
        var out = section
        out.children = section.children.map(rewriteTree)
        return rewrite(out)
    }
}
