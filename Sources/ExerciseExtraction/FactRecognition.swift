import ExerciseDocument
import ExerciseModel

/// Recognising facts in blocks, as pure functions: each says whether a block states facts and
/// which, and leaves applying them (and reporting) to the caller.
enum FactRecognition {
    /// A paragraph that states facts rather than prose: one `Key: value` per line (markdown line
    /// breaks; HTML `<br>` lines arrive as separate paragraphs). In running text (intro, summary)
    /// at least one key must be one the record knows, with label-like values.
    static func paragraphFacts(_ text: InlineText, line: Int?, requireKnownKey: Bool = true) -> [Fact]? {
        var facts: [Fact] = []
        for (l, lineNumber) in joinedLines(text, line: line) {
            // "Target: glutes · Secondary: hamstrings, quads": one fact per part.
            if let several = factsOnOneLine(l, line: lineNumber) {
                facts += several
            } else if let fact = text.lines.isEmpty ? FactParser.parse(text, line: line) : FactParser.parse(line: l, lineNumber: lineNumber) {
                facts.append(fact)
            } else if let fact = FactParser.parseDashed(l, lineNumber: lineNumber), !requireKnownKey || FactKey.field(for: fact.key) != nil {
                // "Equipment Required - Dumbbell": a profile line.
                facts.append(fact)
            } else {
                return nil
            }
        }
        guard !facts.isEmpty else { return nil }
        if requireKnownKey {
            guard facts.contains(where: isKnownLabelFact),
                  facts.allSatisfy({ !$0.value.hasSuffix(".") || FactKey.field(for: $0.key) != nil }) else { return nil }
        }
        return facts
    }

    /// The paragraph's lines with their line numbers; a label whose value is on the next line
    /// ("Target Muscle Group -" then "Quads/Glutes") is joined to it.
    static func joinedLines(_ text: InlineText, line: Int?) -> [(String, Int?)] {
        guard !text.lines.isEmpty else { return [(text.text, line)] }
        var out: [(String, Int?)] = []
        for (i, l) in text.lines.enumerated() {
            if let last = out.last, last.0.hasSuffix(" -") || last.0.hasSuffix(":") || last.0.hasSuffix(" –"),
               FactParser.parse(line: l, lineNumber: nil) == nil {
                out[out.count - 1].0 = last.0 + " " + l
            } else {
                out.append((l, line.map { $0 + i }))
            }
        }
        return out
    }

    /// A line of two or more `Key: value` parts joined by a middle dot, bullet or bar, one key at
    /// least a record field ("Difficulty: Easy · Type: Cardio": the other is an attribute, as on
    /// a line of its own). Nil otherwise.
    static func factsOnOneLine(_ line: String, line number: Int?) -> [Fact]? {
        for separator in [" · ", " • ", " | "] where line.containsBytes(of: separator) {
            let parts = line.components(separatedBy: separator)
            let facts = parts.compactMap { FactParser.parse(line: $0, lineNumber: number) }
            if parts.count >= 2, facts.count == parts.count, facts.contains(where: { FactKey.field(for: $0.key) != nil }) { return facts }
        }
        return nil
    }

    /// A fact whose key names a record field, with labels (not a sentence) where the field is a list.
    static func isKnownLabelFact(_ fact: Fact) -> Bool {
        FactKey.field(for: fact.key).map { !$0.isList || fact.looksLikeLabels } ?? false
    }

    /// A list is a fact list when at least one item is a known `Key: value` fact and at least half
    /// of its items are facts. Returns each item's fact (nil for an item that is not one).
    static func factList(_ list: ListBlock) -> [Fact?]? {
        let parsed = list.items.map { FactParser.parse($0.text, line: $0.line) }
        let facts = parsed.compactMap { $0 }
        guard facts.contains(where: isKnownLabelFact), facts.count * 2 >= list.items.count else { return nil }
        return parsed
    }

    enum TableRow: Equatable {
        case fact(Fact)
        /// A row that is not a `label | value` pair: its cells' text.
        case malformed(String, line: Int?)
    }

    /// Key/value tables: two columns with labels on the left, or labels across the header with one
    /// row of values. Nil when the table is not one.
    static func tableFacts(_ table: TableBlock) -> [TableRow]? {
        let headerLabels = table.header.map { FactParser.label($0.text) }
        let knownHeaders = headerLabels.filter { FactKey.field(for: $0) != nil }.count
        if table.rows.count == 1, !headerLabels.isEmpty, headerLabels.count > 2 || knownHeaders == headerLabels.count, knownHeaders * 2 >= headerLabels.count {
            return zip(headerLabels, table.rows[0]).map { .fact(Fact(key: $0, value: $1.text, line: table.rowLines.first ?? table.line)) }
        }
        var rows: [([InlineText], Int?)] = table.rows.enumerated().map { ($1, table.line(ofRow: $0)) }
        if !table.header.isEmpty, !isColumnTitleRow(headerLabels) { rows.insert((table.header, table.line), at: 0) }
        // A one-cell row spanning the table ("Exercise details") is its caption.
        rows.removeAll { $0.0.count == 1 }
        guard rows.allSatisfy({ $0.0.count == 2 }) || headerLabels.count == 2 else { return nil }
        // Labels written with a colon ("Utility:") say "this is a label" even when the key is
        // not one the record has a field for.
        let colonLabels = !rows.isEmpty && rows.allSatisfy { $0.0.first?.text.hasSuffix(":") ?? false }
        let labelled = rows.filter { $0.0.count >= 2 && FactParser.looksLikeLabel(FactParser.label($0.0[0].text)) }
        guard colonLabels || labelled.contains(where: { FactKey.field(for: FactParser.label($0.0[0].text)) != nil }) else { return nil }
        return rows.map { cells, line in
            if cells.count >= 2, FactParser.looksLikeLabel(FactParser.label(cells[0].text)) {
                return .fact(Fact(key: FactParser.label(cells[0].text), value: cells[1].text, line: line))
            }
            return .malformed(cells.map(\.text).joined(separator: " | "), line: line)
        }
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

    enum MuscleRole: Equatable {
        case primary, secondary
        /// Another role (stabilizer, antagonist), as the page wrote it.
        case other(String)
    }

    /// "| Muscle | Role |" tables: each row names a muscle and whether it is a target (primary,
    /// target, main, prime mover) or secondary (secondary, synergist, assisting). Nil when the
    /// table is not one.
    static func muscleRoleRows(_ table: TableBlock) -> [(muscle: String, role: MuscleRole, line: Int?)]? {
        if let columns = muscleRoleColumns(table) { return columns }
        let header = table.header.map { FactKey.normalize($0.text) }
        guard header.count == 2, ["muscle", "muscles", "muscle group"].contains(header[0]),
              ["role", "type", "function", "involvement", "activation"].contains(header[1]) else { return nil }
        return table.rows.enumerated().filter { $0.element.count >= 2 }.map { i, row in
            let role = FactKey.normalize(row[1].text)
            let kind: MuscleRole
            if ["primary", "target", "main", "prime mover", "agonist"].contains(role) {
                kind = .primary
            } else if ["secondary", "synergist", "assisting", "assistant", "supporting"].contains(role) {
                kind = .secondary
            } else {
                kind = .other(row[1].text)
            }
            return (row[0].text, kind, table.line(ofRow: i))
        }
    }

    /// "| Primary | Secondary |" tables: each column a role (every header names one of the muscle
    /// fields), each cell under it a muscle of that role. Nil when the table is not one.
    static func muscleRoleColumns(_ table: TableBlock) -> [(muscle: String, role: MuscleRole, line: Int?)]? {
        let roles: [MuscleRole] = table.header.compactMap { cell in
            switch FactKey.field(for: cell.text) {
            case .primaryMuscles?: .primary
            case .secondaryMuscles?: .secondary
            case .stabilizerMuscles?: .other(cell.text)
            default: nil
            }
        }
        guard roles.count >= 2, roles.count == table.header.count else { return nil }
        var out: [(muscle: String, role: MuscleRole, line: Int?)] = []
        for (i, row) in table.rows.enumerated() {
            for (cell, role) in zip(row, roles) where !PlainText.isBlank(cell.text) {
                out.append((PlainText.collapse(cell.text), role, table.line(ofRow: i)))
            }
        }
        return out
    }

    /// "Primary: glutes. Secondary: hamstrings and adductors." — one fact per sentence, every key a
    /// field or a muscle role. Nil when the paragraph is not such a run.
    static func roleSentences(_ text: InlineText, line: Int?) -> [Fact]? {
        let sentences = text.text.split(separator: ".").map { PlainText.collapse(String($0)) }.filter { !$0.isEmpty }
        let facts = sentences.compactMap { FactParser.parse(line: $0, lineNumber: line) }
        guard sentences.count > 1, facts.count == sentences.count,
              facts.allSatisfy({ FactKey.field(for: $0.key) != nil }) else { return nil }
        return facts
    }
}

/// Reads key/value facts from a list, table, definition list or fenced block into the record.
/// Visiting returns false when the block holds no facts at all (the caller reports it).
struct FactBlockReader: BlockVisitor {
    let builder: RecordBuilder

    func defaultVisit(_ block: Block) -> Bool { false }

    func visitList(_ list: ListBlock) -> Bool {
        guard let parsed = FactRecognition.factList(list) else { return false }
        for (item, fact) in zip(list.items, parsed) {
            if let fact, fact.value.isEmpty, let nested = item.nestedTexts, !nested.isEmpty {
                // "- Target muscles:" with the values as a sub-list: one value per item.
                if let field = FactKey.field(for: fact.key), field.isList {
                    builder.addLabels(nested, to: field, line: item.line)
                } else {
                    builder.apply(Fact(key: fact.key, value: nested.joined(separator: ", "), line: fact.line))
                }
            } else if let fact {
                builder.apply(fact)
            } else {
                builder.sink.report(.malformedFact, "fact list item '\(preview(item.text.text))' is not of the form 'Key: value'; it was not used", line: item.line)
            }
        }
        return true
    }

    func visitTable(_ table: TableBlock) -> Bool {
        guard let rows = FactRecognition.tableFacts(table) else { return false }
        for row in rows {
            switch row {
            case .fact(let fact): builder.apply(fact)
            case .malformed(let text, let line):
                builder.sink.report(.malformedFact, "table row '\(preview(text))' is not a 'label | value' pair; it was not used", line: line)
            }
        }
        return true
    }

    func visitDefinitionList(_ items: [DefinitionItem], line: Int?) -> Bool {
        for item in items {
            builder.apply(Fact(key: FactParser.label(item.term.text), value: item.definitions.map(\.text).joined(separator: ", "), line: item.line))
        }
        return !items.isEmpty
    }

    func visitCode(_ code: String, info: String, line: Int?) -> Bool {
        guard let facts = FactParser.factsInCode(code, firstLine: line) else { return false }
        for fact in facts where !fact.value.isEmpty { builder.apply(fact, fromBlock: true) }
        return true
    }
}

extension RecordBuilder {
    /// Reads the block's facts, or reports it as unused at `place` when it states none.
    func readFactsOrReportUnused(_ block: Block, where place: String) {
        var reader = FactBlockReader(builder: self)
        if !reader.visit(block) { reportUnused(block, where: place) }
    }
}
import Foundation
