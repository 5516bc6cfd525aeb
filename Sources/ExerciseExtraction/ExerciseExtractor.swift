import ExerciseModel
import ExerciseReaders

/// Recognises exercise structure in a `Document` of any format and builds an `Exercise` holding
/// the page's own labels (normalisation is a later stage). Whatever it cannot place becomes a
/// diagnostic: nothing on the page is dropped silently.
public struct ExerciseExtractor: Sendable {
    public init() {}

    /// Returns nil (with an error diagnostic) when the page has no title or nothing recognisable
    /// as an exercise. `defaultName` names pages that carry no title of their own (HTML fragments
    /// from another app's database, whose name lives in another column).
    public func extract(_ document: Document, source: SourceInfo, defaultName: String? = nil, diagnostics: inout DiagnosticSink) -> Exercise? {
        var run = ExtractionRun(record: Exercise(source: source), sink: diagnostics)
        run.visit(PseudoHeadings.promote(document.root), inherited: nil)
        run.applyMetadata(document.metadata)
        run.finish()
        run.applyStructuredData(document.embeddedJSONLD)
        if run.record.name.isEmpty, let defaultName { run.record.name = PlainText.collapse(defaultName) }
        diagnostics = run.sink

        let r = run.record
        guard !r.name.isEmpty else {
            diagnostics.error("no-title", "page has no title; expected a '# Name' heading or a 'title:' front matter key", line: 1)
            return nil
        }
        let hasContent = r.summary != nil || !r.steps.isEmpty || !r.tips.isEmpty || !r.mistakes.isEmpty || !r.faq.isEmpty
            || !r.bodyParts.isEmpty || !r.equipment.isEmpty || !r.primaryMuscles.isEmpty || !r.secondaryMuscles.isEmpty
            || r.difficulty != nil || r.category != nil
        guard hasContent else {
            diagnostics.error("not-an-exercise", "page '\(r.name)' has a title but no exercise content: expected a summary, facts (Equipment, Target Muscle, …), steps or tips", line: r.lines[.name])
            return nil
        }
        return r
    }
}

/// The state of one extraction: the record being filled and what was said about the page.
private struct ExtractionRun {
    var record: Exercise
    var sink: DiagnosticSink
    /// Paragraphs before the first recognised section: the summary when no section gives one.
    var introParagraphs: [(String, Int?)] = []
    var summaryParagraphs: [(String, Int?)] = []
    var summaryFact: (String, Int?)?
    /// Lists before the first section that hold no facts (see `intro`).
    var introLists: [ListBlock] = []
    var sawTitle = false

    // MARK: Sections

    mutating func visit(_ section: Section, inherited: SectionRole?) {
        var role = inherited
        if section.level == 1 && !sawTitle, let heading = section.heading {
            sawTitle = true
            record.name = heading.text
            record.lines[.name] = section.line
            role = nil
            intro(section.blocks)
        } else if section.level == 0 {
            intro(section.blocks)
        } else {
            let headingText = section.heading?.text ?? ""
            if let own = SectionRole.classify(headingText) {
                role = own
            } else if let parent = inherited, parent == .muscles || parent == .facts || parent == .equipment {
                // "Muscles" › "Target" / "Synergists" / "Stabilizers": the heading is the fact's key.
                labelledSubsection(section, key: headingText)
                return
            } else if FactKey.field(for: FactParser.label(headingText)) != nil {
                // "## Difficulty" then "Intermediate": a heading that names a field is its key.
                labelledSubsection(section, key: headingText)
                return
            } else if inherited == nil {
                if section.level == 1 {
                    sink.warning("extra-title", "a second level-1 heading '\(headingText)'; the first ('\(record.name)') is the exercise name", line: section.line)
                }
                if !section.blocks.isEmpty {
                    reportUnknownSection(headingText, section)
                }
            }
            if let role {
                handle(role, section)
            }
        }
        // FAQ subsections are questions, consumed by the FAQ handler.
        if role == .faq { return }
        for child in section.children {
            visit(child, inherited: role)
        }
    }

    mutating func reportUnknownSection(_ heading: String, _ section: Section) {
        let hasText = section.blocks.contains { !Self.text(of: $0).isEmpty }
        if hasText {
            sink.warning("unknown-section", "section '\(heading)' is not one the extractor knows (summary, facts, steps, tips, mistakes, FAQ, related, muscles, equipment); its content was not used", line: section.line)
        } else {
            sink.info("unknown-section", "section '\(heading)' holds no text (images or markup only); not used", line: section.line)
        }
    }

    mutating func handle(_ role: SectionRole, _ section: Section) {
        switch role {
        case .summary: summary(section.blocks)
        case .facts: facts(section.blocks, context: "facts")
        case .steps: record.steps += items(section.blocks, field: .steps)
        case .tips: record.tips += items(section.blocks, field: .tips)
        case .mistakes: record.mistakes += items(section.blocks, field: .mistakes)
        case .faq: faq(section)
        case .related: related(section.blocks)
        case .muscles: labelled(section.blocks, default: .primaryMuscles)
        case .equipment: labelled(section.blocks, default: .equipment)
        }
        if let line = section.line, let f = role.field, record.lines[f] == nil { record.lines[f] = line }
    }

    // MARK: Block handlers

    /// Text before the first section: the summary when no section gives one. A list there that
    /// holds no facts is kept aside: on a page (or fragment) with no steps section it is the steps.
    mutating func intro(_ blocks: [Block]) {
        var rest: [Block] = []
        for block in blocks {
            if case .list(let list) = block, !isFactList(list) {
                introLists.append(list)
            } else {
                rest.append(block)
            }
        }
        prose(rest, into: \.introParagraphs, place: "before the first section")
    }

    mutating func summary(_ blocks: [Block]) {
        prose(blocks, into: \.summaryParagraphs, place: "in the summary section")
    }

    /// Paragraphs (quoted ones too) are collected into `target`; lists, tables and fenced blocks
    /// of facts are read as facts; anything else is reported.
    mutating func prose(_ blocks: [Block], into target: WritableKeyPath<ExtractionRun, [(String, Int?)]>, place: String) {
        for block in blocks {
            switch block {
            case .paragraph(let text, let line):
                if let facts = paragraphFacts(text, line: line) {
                    facts.forEach { apply($0) }
                } else if !text.text.isEmpty {
                    self[keyPath: target].append((text.text, line))
                }
            case .quote(let inner, _):
                prose(inner, into: target, place: place)
            case .thematicBreak:
                continue
            default:
                if !factsIfAny(block) { unused(block, where: place) }
            }
        }
    }

    mutating func facts(_ blocks: [Block], context: String) {
        for block in blocks {
            if case .thematicBreak = block { continue }
            if case .paragraph(let text, let line) = block {
                if let facts = paragraphFacts(text, line: line, requireKnownKey: false) {
                    facts.forEach { apply($0) }
                    continue
                }
                if let fact = FactParser.parse(text, line: line) {
                    apply(fact)
                    continue
                }
            }
            if !factsIfAny(block) { unused(block, where: "in the \(context) section") }
        }
    }

    /// Reads key/value facts from a list, table, definition list or fenced block. Returns false
    /// when the block holds no facts at all (the caller reports it).
    mutating func factsIfAny(_ block: Block) -> Bool {
        switch block {
        case .list(let list):
            guard isFactList(list) else { return false }
            let parsed = list.items.map { FactParser.parse($0.text, line: $0.line) }
            for (item, fact) in zip(list.items, parsed) {
                if let fact, fact.value.isEmpty, let nested = Self.nestedTexts(item), !nested.isEmpty {
                    // "- Target muscles:" with the values as a sub-list: one value per item.
                    if let field = FactKey.field(for: fact.key), field.isList {
                        addLabels(nested, to: field, line: item.line)
                    } else {
                        apply(Fact(key: fact.key, value: nested.joined(separator: ", "), line: fact.line))
                    }
                } else if let fact {
                    apply(fact)
                } else {
                    sink.warning("malformed-fact", "fact list item '\(Self.preview(item.text.text))' is not of the form 'Key: value'; it was not used", line: item.line)
                }
            }
            return true
        case .table(let table):
            return tableFacts(table)
        case .definitionList(let items, _):
            for item in items {
                apply(Fact(key: FactParser.label(item.term.text), value: item.definitions.map(\.text).joined(separator: ", "), line: item.line))
            }
            return !items.isEmpty
        case .code(let code, _, let line):
            guard let facts = FactParser.factsInCode(code, firstLine: line) else { return false }
            for fact in facts where !fact.value.isEmpty { apply(fact, fromBlock: true) }
            return true
        default:
            return false
        }
    }

    /// A paragraph that states facts rather than prose: one `Key: value` per line (markdown line
    /// breaks; HTML `<br>` lines arrive as separate paragraphs). In running text (intro, summary)
    /// at least one key must be one the record knows, with label-like values.
    func paragraphFacts(_ text: InlineText, line: Int?, requireKnownKey: Bool = true) -> [Fact]? {
        let lines = text.lines.isEmpty ? [text.text] : text.lines
        let facts: [Fact] = lines.enumerated().compactMap { i, l in
            i == 0 && text.lines.isEmpty ? FactParser.parse(text, line: line) : FactParser.parse(line: l, lineNumber: line.map { $0 + i })
        }
        guard !facts.isEmpty, facts.count == lines.count else { return nil }
        if requireKnownKey {
            let known = facts.contains { f in FactKey.field(for: f.key).map { !$0.isList || f.looksLikeLabels } ?? false }
            guard known, facts.allSatisfy({ !$0.value.hasSuffix(".") || FactKey.field(for: $0.key) != nil }) else { return nil }
        }
        return facts
    }

    /// A list is a fact list when at least one item is a known `Key: value` fact and at least
    /// half of its items are facts.
    func isFactList(_ list: ListBlock) -> Bool {
        let parsed = list.items.compactMap { FactParser.parse($0.text, line: $0.line) }
        let known = parsed.filter { fact in FactKey.field(for: fact.key).map { !$0.isList || fact.looksLikeLabels } ?? false }
        return !known.isEmpty && parsed.count * 2 >= list.items.count
    }

    /// Key/value tables: two columns with labels on the left, or labels across the header with one
    /// row of values.
    mutating func tableFacts(_ table: TableBlock) -> Bool {
        let headerLabels = table.header.map { FactParser.label($0.text) }
        let knownHeaders = headerLabels.filter { FactKey.field(for: $0) != nil }.count
        if table.rows.count == 1, !headerLabels.isEmpty, headerLabels.count > 2 || knownHeaders == headerLabels.count, knownHeaders * 2 >= headerLabels.count {
            for (label, cell) in zip(headerLabels, table.rows[0]) {
                apply(Fact(key: label, value: cell.text, line: table.rowLines.first ?? table.line))
            }
            return true
        }
        var rows: [([InlineText], Int?)] = table.rows.enumerated().map { ($1, $0 < table.rowLines.count ? table.rowLines[$0] : table.line) }
        if !table.header.isEmpty, !Self.isColumnTitleRow(headerLabels) { rows.insert((table.header, table.line), at: 0) }
        // A one-cell row spanning the table ("Exercise details") is its caption.
        rows.removeAll { $0.0.count == 1 }
        guard rows.allSatisfy({ $0.0.count == 2 }) || headerLabels.count == 2 else { return false }
        // Labels written with a colon ("Utility:") say "this is a label" even when the key is
        // not one the record has a field for.
        let colonLabels = !rows.isEmpty && rows.allSatisfy { $0.0.first?.text.hasSuffix(":") ?? false }
        let labelled = rows.filter { $0.0.count >= 2 && FactParser.looksLikeLabel(FactParser.label($0.0[0].text)) }
        guard colonLabels || labelled.contains(where: { FactKey.field(for: FactParser.label($0.0[0].text)) != nil }) else { return false }
        for (cells, line) in rows {
            if cells.count >= 2, FactParser.looksLikeLabel(FactParser.label(cells[0].text)) {
                apply(Fact(key: FactParser.label(cells[0].text), value: cells[1].text, line: line))
            } else {
                sink.warning("malformed-fact", "table row '\(Self.preview(cells.map(\.text).joined(separator: " | ")))' is not a 'label | value' pair; it was not used", line: line)
            }
        }
        return true
    }

    /// "Attribute | Value", "Fact | Details": a header that names the columns rather than stating
    /// a fact. (A markdown table must have a header row, so "| Force | Pull |" is a fact.)
    static func isColumnTitleRow(_ labels: [String]) -> Bool {
        let titles: Set<String> = ["attribute", "attributes", "fact", "facts", "key", "property", "field", "detail", "details",
                                   "item", "parameter", "spec", "specification", "characteristic", "label", "name", "info", "exercise"]
        let values: Set<String> = ["value", "values", "details", "description", "info", "information", "answer", ""]
        guard let first = labels.first.map(FactKey.normalize) else { return true }
        let second = labels.count > 1 ? FactKey.normalize(labels[1]) : ""
        return titles.contains(first) || values.contains(second) && FactKey.field(for: first) == nil
    }

    /// Steps, tips and mistakes: the items of the section's lists, or its paragraphs when it has no
    /// list (numbered paragraphs: "1. Stand…", "Step 2: …").
    mutating func items(_ blocks: [Block], field: Exercise.Field) -> [String] {
        let hasList = blocks.contains { if case .list = $0 { true } else { false } }
        var out: [String] = []
        for block in blocks {
            switch block {
            case .list(let list):
                if record.lines[field] == nil { record.lines[field] = list.line }
                out += flatten(list, field: field).map(Self.stripNumbering).filter { !$0.isEmpty }
            case .paragraph(let text, let line) where !hasList:
                if record.lines[field] == nil { record.lines[field] = line }
                let t = Self.stripNumbering(text.text)
                if !t.isEmpty { out.append(t) }
            case .thematicBreak:
                continue
            default:
                unused(block, where: "in the \(field.rawValue) section")
            }
        }
        return out
    }

    /// A list's items in order, nested lists' items following their parent. Anything else nested
    /// in an item (raw HTML, code) is reported, not silently skipped.
    mutating func flatten(_ list: ListBlock, field: Exercise.Field) -> [String] {
        var out: [String] = []
        for item in list.items {
            out.append(item.text.text)
            for child in item.children {
                switch child {
                case .list(let nested): out += flatten(nested, field: field)
                case .paragraph(let t, _): out.append(t.text)
                default: unused(child, where: "in a \(field.rawValue) list item")
                }
            }
        }
        return out
    }

    mutating func faq(_ section: Section) {
        var entries: [FAQEntry] = []
        // Layout 1: one `###` subsection per question.
        for child in section.children {
            let question = child.heading?.text ?? ""
            let answer = PlainText.collapse(child.blocks.map(Self.text(of:)).joined(separator: " "))
            if answer.isEmpty {
                sink.warning("faq-without-answer", "FAQ question '\(Self.preview(question))' has no answer; it was not used", line: child.line)
            } else {
                entries.append(FAQEntry(question: question, answer: answer))
            }
            for grandchild in child.children {
                reportUnknownSection(grandchild.heading?.text ?? "", grandchild)
            }
        }
        // Layout 2: question paragraphs ("**Is it safe?** Yes…" or a paragraph ending in "?"),
        // each followed by its answer.
        var pending: (question: String, answer: [String], line: Int?)?
        func close() {
            guard let p = pending else { return }
            let answer = PlainText.collapse(p.answer.joined(separator: " "))
            if answer.isEmpty {
                sink.warning("faq-without-answer", "FAQ question '\(Self.preview(p.question))' has no answer; it was not used", line: p.line)
            } else {
                entries.append(FAQEntry(question: p.question, answer: answer))
            }
            pending = nil
        }
        for block in section.blocks {
            var texts: [(InlineText, Int?)] = []
            switch block {
            case .paragraph(let t, let line): texts = [(t, line)]
            case .list(let list):
                // A question item may hold its answer in nested paragraphs or a sub-list.
                texts = list.items.flatMap { item in
                    [(item.text, item.line)] + item.children.map { (InlineText(text: Self.text(of: $0)), $0.line) }
                }
            case .thematicBreak: continue
            default:
                unused(block, where: "in the FAQ section")
                continue
            }
            for (t, line) in texts {
                if let strong = t.leadingStrong, strong.hasSuffix("?") {
                    close()
                    let rest = String(t.text.dropFirst(strong.count))
                    pending = (strong, [rest], line)
                } else if t.text.hasSuffix("?") {
                    close()
                    pending = (t.text, [], line)
                } else if pending != nil {
                    pending!.answer.append(t.text)
                } else {
                    sink.warning("unused-content", "text in the FAQ section before any question was not used: '\(Self.preview(t.text))'", line: line)
                }
            }
        }
        close()
        if !entries.isEmpty, record.lines[.faq] == nil { record.lines[.faq] = section.line }
        record.faq += entries
    }

    mutating func related(_ blocks: [Block]) {
        var afterBreak = false
        func add(_ links: [InlineLink]) {
            record.related += links.map { RelatedLink(title: $0.text.isEmpty ? $0.url : $0.text, url: $0.url) }
        }
        for block in blocks {
            switch block {
            case .thematicBreak:
                afterBreak = true
            case .list(let list) where !afterBreak:
                for item in list.items {
                    // Links may sit in the item or in a sub-list ("Squat family" › links).
                    let links = item.text.links + item.children.flatMap(Self.links(in:))
                    if links.isEmpty {
                        sink.warning("related-without-link", "related item '\(Self.preview(item.text.text))' has no link; it was not used", line: item.line)
                    }
                    add(links)
                }
            case .paragraph(let text, _) where !afterBreak && !text.links.isEmpty:
                add(text.links)
            default:
                // Text after a horizontal rule closing the page is the site's footer.
                if afterBreak {
                    let t = Self.text(of: block)
                    if !t.isEmpty { sink.info("unused-content", "page footer after the related links was not used: '\(Self.preview(t))'", line: block.line) }
                } else {
                    unused(block, where: "in the related section")
                }
            }
        }
    }

    /// "Muscles worked" / "Equipment" sections: `Key: value` items are facts; bare items are
    /// labels of the section's own field.
    mutating func labelled(_ blocks: [Block], default field: FactField) {
        for block in blocks {
            switch block {
            case .list(let list):
                for item in list.items {
                    if let fact = FactParser.parse(item.text, line: item.line), FactKey.field(for: fact.key) != nil || FactKey.isMuscleRole(fact.key) {
                        apply(fact)
                    } else {
                        addLabels(FactParser.splitList(item.text.text), to: field, line: item.line)
                    }
                }
            case .paragraph(let text, let line):
                // "Primary: glutes. Secondary: hamstrings and adductors." — one fact per sentence.
                let sentences = text.text.split(separator: ".").map { PlainText.collapse(String($0)) }.filter { !$0.isEmpty }
                let facts = sentences.compactMap { FactParser.parse(line: $0, lineNumber: line) }
                if sentences.count > 1, facts.count == sentences.count, facts.allSatisfy({ FactKey.field(for: $0.key) != nil || FactKey.isMuscleRole($0.key) }) {
                    facts.forEach { apply($0) }
                } else if let fact = FactParser.parse(text, line: line), FactKey.field(for: fact.key) != nil {
                    apply(fact)
                } else {
                    // "This move works your quads and glutes." The normalize-taxonomy stage finds
                    // the terms in it; the sentence itself is kept in attributes.
                    let key = field == .equipment ? "equipmentText" : "musclesText"
                    appendAttribute(key, text.text)
                    if let f = field.recordField, record.lines[f] == nil { record.lines[f] = line }
                }
            case .thematicBreak:
                continue
            case .table(let table) where field != .equipment && muscleRoleTable(table):
                continue
            default:
                if !factsIfAny(block) { unused(block, where: "in the \(field == .equipment ? "equipment" : "muscles") section") }
            }
        }
    }

    /// "| Muscle | Role |" tables: each row names a muscle and whether it is a target (primary,
    /// target, main, prime mover) or secondary (secondary, synergist, assisting); other roles
    /// (stabilizer) are kept in attributes under the role. False when the table is not one.
    mutating func muscleRoleTable(_ table: TableBlock) -> Bool {
        let header = table.header.map { FactKey.normalize($0.text) }
        guard header.count == 2, ["muscle", "muscles", "muscle group"].contains(header[0]),
              ["role", "type", "function", "involvement", "activation"].contains(header[1]) else { return false }
        for (i, row) in table.rows.enumerated() where row.count >= 2 {
            let line = i < table.rowLines.count ? table.rowLines[i] : table.line
            let role = FactKey.normalize(row[1].text)
            if ["primary", "target", "main", "prime mover", "agonist"].contains(role) {
                addLabels([row[0].text], to: .primaryMuscles, line: line)
            } else if ["secondary", "synergist", "assisting", "assistant", "supporting"].contains(role) {
                addLabels([row[0].text], to: .secondaryMuscles, line: line)
            } else {
                apply(Fact(key: row[1].text, value: row[0].text, line: line))
            }
        }
        return true
    }

    // MARK: Facts

    mutating func apply(_ fact: Fact, fromBlock: Bool = false) {
        guard let field = FactKey.field(for: fact.key) else {
            let key = FactKey.normalize(fact.key).replacingOccurrences(of: " ", with: "-")
            if fact.value.isEmpty {
                if !fromBlock { sink.warning("malformed-fact", "fact '\(fact.key)' has no value; expected 'Key: value'", line: fact.line) }
                return
            }
            appendAttribute(key, fact.value)
            sink.info("kept-as-attribute", "fact '\(fact.key)' has no field in the record; kept as attributes.\(key)", line: fact.line)
            return
        }
        guard !fact.value.isEmpty else {
            if !fromBlock {
                sink.warning("malformed-fact", "fact '\(fact.key)' has no value; expected 'Key: value'", line: fact.line)
            }
            return
        }
        if field.isList {
            if fact.looksLikeLabels {
                addLabels(FactParser.splitList(fact.value), to: field, line: fact.line)
            } else {
                // A sentence, not labels: kept whole; normalize-taxonomy finds muscles and
                // equipment named in it.
                let key = field == .equipment ? "equipmentText" : (field == .bodyParts ? "bodyPartsText" : "musclesText")
                appendAttribute(key, fact.value)
                sink.info("kept-as-attribute", "'\(fact.key)' is a sentence rather than a list of names; kept as attributes.\(key)", line: fact.line)
            }
            return
        }
        switch field {
        case .name: setScalar(\.name, fact, .name)
        case .summary:
            // A `description:` in front matter or a `Summary:` fact: used when the page's own
            // text gives no summary (it is often a shorter SEO blurb).
            if summaryFact == nil { summaryFact = (fact.value, fact.line) }
        case .slug:
            let slug = PlainText.slug(fact.value)
            if !slug.isEmpty { record.id = slug }
        case .difficulty, .category:
            // One value only; "/" is not a separator here ("2/10" is one difficulty).
            let values = FactParser.splitList(fact.value, separators: [",", ";"])
            let keyPath: WritableKeyPath<Exercise, String?> = field == .difficulty ? \.difficulty : \.category
            let recordField: Exercise.Field = field == .difficulty ? .difficulty : .category
            guard let first = values.first else { return }
            if record[keyPath: keyPath] == nil {
                record[keyPath: keyPath] = first
                record.lines[recordField] = fact.line
            } else if record[keyPath: keyPath] != first {
                sink.warning("conflicting-fact", "\(recordField.rawValue) '\(first)' conflicts with '\(record[keyPath: keyPath]!)' given earlier; the earlier value was kept", line: fact.line)
            }
            if values.count > 1 {
                sink.warning("conflicting-fact", "\(recordField.rawValue) holds one value; '\(values.dropFirst().joined(separator: ", "))' after '\(first)' was not used", line: fact.line)
            }
        default:
            break
        }
    }

    /// Attributes keep every value said under one key, joined with "; ".
    mutating func appendAttribute(_ key: String, _ value: String) {
        if let existing = record.attributes[key], !existing.isEmpty {
            if existing != value { record.attributes[key] = existing + "; " + value }
        } else {
            record.attributes[key] = value
        }
    }

    /// A sub-section of a facts, muscles or equipment section whose heading is the key
    /// ("Synergists") and whose list items or paragraphs are the values.
    mutating func labelledSubsection(_ section: Section, key: String) {
        let label = FactParser.label(key)
        let field = FactKey.field(for: label)
        for block in section.blocks {
            switch block {
            case .list(let list):
                for item in list.items where !item.text.text.isEmpty {
                    if let field, field.isList {
                        // One item, one name: "Deltoid, Anterior" is not two muscles.
                        addLabels([item.text.text], to: field, line: item.line)
                    } else {
                        apply(Fact(key: label, value: item.text.text, line: item.line))
                    }
                }
            case .paragraph(let text, let line):
                // A paragraph that states its own fact ("Equipment: Barbell") is that fact.
                if let own = FactParser.parse(text, line: line), FactKey.field(for: own.key) != nil {
                    apply(own)
                } else {
                    apply(Fact(key: label, value: text.text, line: line))
                }
            case .thematicBreak:
                continue
            default:
                if !factsIfAny(block) { unused(block, where: "under '\(key)'") }
            }
        }
        // Sub-sections are read on their own ("Difficulty" › "**Target Muscle**" › "Lats").
        for child in section.children { visit(child, inherited: nil) }
    }

    mutating func setScalar(_ keyPath: WritableKeyPath<Exercise, String>, _ fact: Fact, _ field: Exercise.Field) {
        if record[keyPath: keyPath].isEmpty {
            record[keyPath: keyPath] = fact.value
            record.lines[field] = fact.line
        } else if record[keyPath: keyPath] != fact.value {
            sink.info("conflicting-fact", "\(field.rawValue) '\(fact.value)' differs from '\(record[keyPath: keyPath])' given earlier; the earlier value was kept", line: fact.line)
        }
    }

    mutating func addLabels(_ labels: [String], to field: FactField, line: Int?) {
        let keyPath: WritableKeyPath<Exercise, [String]>
        switch field {
        case .bodyParts: keyPath = \.bodyParts
        case .equipment: keyPath = \.equipment
        case .primaryMuscles: keyPath = \.primaryMuscles
        case .secondaryMuscles: keyPath = \.secondaryMuscles
        default: return
        }
        if let f = field.recordField, record.lines[f] == nil { record.lines[f] = line }
        for label in labels where !record[keyPath: keyPath].contains(label) {
            record[keyPath: keyPath].append(label)
            if let f = field.recordField { record.setLabelLine(f, label, line) }
        }
    }

    // MARK: Front matter

    mutating func applyMetadata(_ entries: [MetadataEntry]) {
        for entry in entries {
            switch entry.value {
            case .text(let s):
                apply(Fact(key: entry.key, value: PlainText.collapse(s), line: entry.line), fromBlock: true)
            case .list(let items):
                let texts = items.flatMap(\.texts).map(PlainText.collapse).filter { !$0.isEmpty }
                if let field = FactKey.field(for: entry.key), field.isList {
                    addLabels(texts, to: field, line: entry.line)
                } else {
                    apply(Fact(key: entry.key, value: texts.joined(separator: ", "), line: entry.line), fromBlock: true)
                }
            case .map(let pairs):
                for (key, value) in pairs {
                    apply(Fact(key: "\(entry.key) \(key)", value: value.texts.joined(separator: ", "), line: entry.line), fromBlock: true)
                }
            }
        }
    }

    // MARK: Finishing

    mutating func finish() {
        // A page or fragment with no steps section: an intro list, or a run of numbered
        // paragraphs ("1. Stand…", "Step 2: …"), is the steps.
        if record.steps.isEmpty, let list = introLists.first(where: \.ordered) ?? introLists.first {
            record.steps = flatten(list, field: .steps).map(Self.stripNumbering).filter { !$0.isEmpty }
            record.lines[.steps] = list.line
            introLists.removeAll { $0 == list }
        } else if record.steps.isEmpty {
            let numbered = introParagraphs.filter { Self.stripNumbering($0.0) != $0.0 }
            if numbered.count >= 2 {
                record.steps = numbered.map { Self.stripNumbering($0.0) }
                record.lines[.steps] = numbered[0].1
                introParagraphs.removeAll { p in numbered.contains { $0.0 == p.0 && $0.1 == p.1 } }
            }
        }
        for list in introLists { unused(.list(list), where: "before the first section") }
        introLists = []

        let chosen: [(String, Int?)]
        if !summaryParagraphs.isEmpty {
            chosen = summaryParagraphs
            for (text, line) in introParagraphs {
                sink.warning("unused-content", "paragraph before the first section was not used (the page has a summary section): '\(Self.preview(text))'", line: line)
            }
        } else if !introParagraphs.isEmpty {
            chosen = introParagraphs
        } else {
            chosen = summaryFact.map { [$0] } ?? []
        }
        if let first = chosen.first {
            record.summary = PlainText.collapse(chosen.map(\.0).joined(separator: " "))
            record.lines[.summary] = first.1
        }
    }

    /// Fills fields the visible page left empty from its schema.org data, saying so.
    mutating func applyStructuredData(_ blocks: [String]) {
        guard !blocks.isEmpty else { return }
        let data = StructuredFacts(blocks)
        if data.malformed > 0 {
            sink.warning("invalid-json-ld", "\(data.malformed) embedded JSON-LD block\(data.malformed == 1 ? " is" : "s are") not valid JSON; not used")
        }
        var used: [String] = []
        if record.name.isEmpty, let name = data.name { record.name = name; used.append("name") }
        if record.summary == nil, let d = data.description { record.summary = d; used.append("summary") }
        if record.steps.isEmpty, !data.steps.isEmpty { record.steps = data.steps; used.append("steps") }
        if record.equipment.isEmpty, !data.tools.isEmpty { addLabels(data.tools, to: .equipment, line: nil); used.append("equipment") }
        if record.primaryMuscles.isEmpty && record.secondaryMuscles.isEmpty, !data.muscles.isEmpty {
            addLabels(data.muscles, to: .primaryMuscles, line: nil); used.append("primaryMuscles")
        }
        if record.bodyParts.isEmpty, !data.bodyParts.isEmpty { addLabels(data.bodyParts, to: .bodyParts, line: nil); used.append("bodyParts") }
        if record.category == nil, let c = data.category { record.category = c; used.append("category") }
        if record.difficulty == nil, let d = data.difficulty { record.difficulty = d; used.append("difficulty") }
        if record.faq.isEmpty, !data.faq.isEmpty { record.faq = data.faq; used.append("faq") }
        if !used.isEmpty {
            sink.info("from-structured-data", "took \(used.joined(separator: ", ")) from the page's schema.org data (the visible content did not give them)")
        }
    }

    mutating func unused(_ block: Block, where place: String) {
        if case .html(let html, let line) = block {
            let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("<!--") { return }  // comments are not content
            sink.warning("raw-html", "raw HTML \(place) is not read in markdown pages: '\(Self.preview(trimmed))'", line: line)
            return
        }
        let text = Self.text(of: block)
        guard !text.isEmpty else { return }
        sink.warning("unused-content", "\(Self.kind(of: block)) \(place) was not used: '\(Self.preview(text))'", line: block.line)
    }

    // MARK: Helpers

    static func text(of block: Block) -> String {
        switch block {
        case .paragraph(let t, _): t.text
        case .list(let l): l.items.map { item in ([item.text.text] + item.children.map(text(of:))).joined(separator: " ") }.joined(separator: " ")
        case .table(let t): (t.header + t.rows.flatMap { $0 }).map(\.text).joined(separator: " ")
        case .definitionList(let items, _): items.map { ([$0.term] + $0.definitions).map(\.text).joined(separator: " ") }.joined(separator: " ")
        case .code(let c, _, _): PlainText.collapse(c)
        case .quote(let blocks, _): blocks.map(text(of:)).joined(separator: " ")
        case .html(let h, _): PlainText.collapse(h)
        case .thematicBreak: ""
        }
    }

    /// The texts of a list item's sub-lists (and nested paragraphs), one per item.
    static func nestedTexts(_ item: ListItem) -> [String]? {
        guard !item.children.isEmpty else { return nil }
        return item.children.flatMap { child -> [String] in
            switch child {
            case .list(let l): return l.items.map(\.text.text).filter { !$0.isEmpty }
            case .paragraph(let t, _): return [t.text]
            default: return []
            }
        }
    }

    static func links(in block: Block) -> [InlineLink] {
        switch block {
        case .paragraph(let t, _): t.links
        case .list(let l): l.items.flatMap { $0.text.links + $0.children.flatMap(links(in:)) }
        case .quote(let blocks, _): blocks.flatMap(links(in:))
        default: []
        }
    }

    static func kind(of block: Block) -> String {
        switch block {
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

    static func preview(_ s: String) -> String {
        s.count <= 60 ? s : String(s.prefix(57)) + "…"
    }

    /// "1. Stand…", "1) Stand…", "Step 1: Stand…", "Step 1 - Stand…" → "Stand…".
    static func stripNumbering(_ s: String) -> String {
        var rest = Substring(s)
        if rest.lowercased().hasPrefix("step ") {
            let afterWord = rest.dropFirst(5)
            let digits = afterWord.prefix(while: \.isNumber)
            if !digits.isEmpty {
                rest = afterWord.dropFirst(digits.count)
                rest = rest.drop(while: { $0 == ":" || $0 == "." || $0 == ")" || $0 == "-" || $0 == "\u{2013}" || $0 == " " })
                return String(rest)
            }
        }
        let digits = rest.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 2 {
            let after = rest.dropFirst(digits.count)
            if let sep = after.first, sep == "." || sep == ")", after.dropFirst().first == " " {
                return String(after.dropFirst(2))
            }
        }
        return s
    }
}

extension SectionRole {
    /// The record field a section of this role fills first (for source lines).
    var field: Exercise.Field? {
        switch self {
        case .summary: .summary
        case .steps: .steps
        case .tips: .tips
        case .mistakes: .mistakes
        case .faq: .faq
        case .related: .related
        case .facts, .muscles, .equipment: nil
        }
    }
}

import Foundation
