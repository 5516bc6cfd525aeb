import ExerciseModel

/// The format-neutral tree every reader produces and the one extractor reads.
///
/// A reader knows syntax, not exercises: headings become nested `Section`s, and the blocks inside
/// keep only what carries meaning (text, links, list structure, table cells, source lines).
public struct Document: Sendable, Equatable {
    /// Front matter (markdown) or `<meta>` data (HTML), in page order.
    public var metadata: [MetadataEntry]
    /// The whole page as a section tree: level 0, no heading; `#` headings are its children.
    public var root: Section
    /// Raw JSON-LD found in the page (`<script type="application/ld+json">`), for the extractor.
    public var embeddedJSONLD: [String]
    /// schema.org microdata items (HTML) as JSON-LD objects, read after `embeddedJSONLD`: values,
    /// not text, since they were never text (written out, they were parsed straight back).
    public var microdata: [JSONValue]
    /// Images, videos and embeds in the page's content, in page order.
    public var media: [DocumentMedia]
    /// What each of pipeline.json's XPath rules matched (HTML), in rule order.
    public var ruleMatches: [RuleMatch]

    public init(metadata: [MetadataEntry] = [], root: Section, embeddedJSONLD: [String] = [], microdata: [JSONValue] = [], media: [DocumentMedia] = [],
                ruleMatches: [RuleMatch] = []) {
        self.metadata = metadata
        self.root = root
        self.embeddedJSONLD = embeddedJSONLD
        self.microdata = microdata
        self.media = media
        self.ruleMatches = ruleMatches
    }
}

/// The texts an XPath rule matched on the page (each node's text, whitespace collapsed).
public struct RuleMatch: Sendable, Equatable {
    public var rule: ExtractRules.XPathRule
    public var values: [String]
    public init(rule: ExtractRules.XPathRule, values: [String]) {
        self.rule = rule
        self.values = values
    }
}

/// An image, video or embedded player as the page wrote it (the extractor decides what it is).
public struct DocumentMedia: Sendable, Equatable {
    public enum Element: String, Sendable {
        /// `![alt](src)`, `<img>`.
        case image
        /// `<video>` or its `<source>`.
        case video
        /// `<iframe>` (YouTube, Vimeo players).
        case embed
    }
    public var url: String
    public var element: Element
    /// Alt text, title or caption.
    public var caption: String?
    public var line: Int?

    public init(url: String, element: Element, caption: String? = nil, line: Int? = nil) {
        self.url = url
        self.element = element
        self.caption = caption
        self.line = line
    }
}

public struct MetadataEntry: Sendable, Equatable {
    public var key: String
    public var value: MetadataValue
    public var line: Int?
    public init(key: String, value: MetadataValue, line: Int?) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// Front matter values are kept as text (YAML 1.1 would turn `no` into false and dates into Date).
public indirect enum MetadataValue: Sendable, Equatable {
    case text(String)
    case list([MetadataValue])
    case map([(String, MetadataValue)])

    public static func == (a: MetadataValue, b: MetadataValue) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.map(let x), .map(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Scalars as one string; lists as their scalar items; maps as nothing (no flat meaning).
    public var texts: [String] {
        switch self {
        case .text(let s): [s]
        case .list(let items): items.flatMap(\.texts)
        case .map: []
        }
    }
}

public struct Section: Sendable, Equatable {
    /// 0 for the document root, 1–6 for headings.
    public var level: Int
    public var heading: InlineText?
    public var line: Int?
    public var blocks: [Block]
    public var children: [Section]

    public init(level: Int, heading: InlineText?, line: Int?, blocks: [Block] = [], children: [Section] = []) {
        self.level = level
        self.heading = heading
        self.line = line
        self.blocks = blocks
        self.children = children
    }
}

/// Inline content flattened to plain text, with the links and a leading bold label kept because
/// they carry meaning (related-exercise links; `**Key:** value` facts).
public struct InlineText: Sendable, Equatable {
    public var text: String
    public var links: [InlineLink]
    /// The text of a strong/bold span that opens the inline content, if any.
    public var leadingStrong: String?
    /// The text of each source line when the paragraph spans several (markdown line breaks), so
    /// "**Equipment:** Barbell⏎**Level:** Beginner" can be read as two facts. Empty for one line.
    public var lines: [String]

    public init(text: String, links: [InlineLink] = [], leadingStrong: String? = nil, lines: [String] = []) {
        self.text = text
        self.links = links
        self.leadingStrong = leadingStrong
        self.lines = lines
    }
}

public struct InlineLink: Sendable, Equatable {
    public var text: String
    public var url: String
    public init(text: String, url: String) {
        self.text = text
        self.url = url
    }
}

public indirect enum Block: Sendable, Equatable {
    case paragraph(InlineText, line: Int?)
    case list(ListBlock)
    case table(TableBlock)
    case definitionList([DefinitionItem], line: Int?)
    /// Fenced or indented code; `info` is the fence's info string; `line` is the line of the
    /// code's first line (not of the fence).
    case code(String, info: String, line: Int?)
    case quote([Block], line: Int?)
    /// Raw HTML the markdown reader cannot interpret; reported by the extractor, never dropped silently.
    case html(String, line: Int?)
    case thematicBreak(line: Int?)

    public var line: Int? {
        switch self {
        case .paragraph(_, let l), .definitionList(_, let l), .code(_, _, let l), .quote(_, let l),
             .html(_, let l), .thematicBreak(let l): l
        case .list(let b): b.line
        case .table(let t): t.line
        }
    }
}

public struct ListBlock: Sendable, Equatable {
    public var ordered: Bool
    public var items: [ListItem]
    public var line: Int?
    public init(ordered: Bool, items: [ListItem], line: Int?) {
        self.ordered = ordered
        self.items = items
        self.line = line
    }
}

public struct ListItem: Sendable, Equatable {
    /// The item's own text: its paragraphs joined.
    public var text: InlineText
    /// Blocks nested in the item other than its paragraphs (sub-lists, code, …).
    public var children: [Block]
    public var line: Int?
    /// `true`/`false` for task-list items (`- [x]`), `nil` otherwise.
    public var checked: Bool?
    /// The item's class words in HTML (`muscle-tag primary`), lower-cased: markup that may say
    /// what the item is. Empty in markdown.
    public var classes: [String]
    public init(text: InlineText, children: [Block] = [], line: Int?, checked: Bool? = nil, classes: [String] = []) {
        self.text = text
        self.children = children
        self.line = line
        self.checked = checked
        self.classes = classes
    }
}

public struct TableBlock: Sendable, Equatable {
    public var header: [InlineText]
    public var rows: [[InlineText]]
    public var line: Int?
    /// Line of each row in `rows`, where known.
    public var rowLines: [Int?]
    public init(header: [InlineText], rows: [[InlineText]], line: Int?, rowLines: [Int?] = []) {
        self.header = header
        self.rows = rows
        self.line = line
        self.rowLines = rowLines
    }
}

public struct DefinitionItem: Sendable, Equatable {
    public var term: InlineText
    public var definitions: [InlineText]
    public var line: Int?
    public init(term: InlineText, definitions: [InlineText], line: Int?) {
        self.term = term
        self.definitions = definitions
        self.line = line
    }
}

extension Section {
    /// Rebuilds the nesting from a flat run of headings: a heading of level L closes every open
    /// section of level ≥ L. Readers call this after collecting `(heading, blocks)` in page order.
    public static func tree(blocksBeforeFirstHeading: [Block], headed: [Section]) -> Section {
        var stack: [Section] = [Section(level: 0, heading: nil, line: nil, blocks: blocksBeforeFirstHeading)]
        func closeTop() {
            let done = stack.removeLast()
            stack[stack.count - 1].children.append(done)
        }
        for section in headed {
            while stack.count > 1 && stack[stack.count - 1].level >= section.level { closeTop() }
            stack.append(section)
        }
        while stack.count > 1 { closeTop() }
        return stack[0]
    }
}
