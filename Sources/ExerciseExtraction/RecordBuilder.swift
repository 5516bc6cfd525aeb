import ExerciseDocument
import ExerciseModel

/// The record being filled from one page, with the policy every recogniser goes through: the
/// first value given for a field wins and a later, different one is reported; list fields collect
/// labels without repeats; facts the record has no field for are kept in `attributes`; whatever no
/// recogniser read is reported as unused. One builder per extraction (it is not shared).
final class RecordBuilder {
    var record: Exercise
    var sourceMap = SourceMap()
    var prose = FieldProse()
    var sink: DiagnosticSink
    /// Paragraphs before the first recognised section: the summary when no section gives one.
    var introParagraphs: [(String, Int?)] = []
    var summaryParagraphs: [(String, Int?)] = []
    /// A `description:` in front matter or a `Summary:` fact: used when the page's text gives none.
    var summaryFact: (String, Int?)?
    /// A front matter `intro:` (its first entry): used before `summaryFact`.
    var introFact: (String, Int?)?
    /// Lists before the first section that hold no facts: the steps of a page with no steps section.
    var introLists: [ListBlock] = []
    var sawTitle = false
    let rules: SiteRules
    /// The vocabulary's view of labels, as evidence for lists no heading explains.
    let recognizer: (any LabelRecognizer)?

    init(source: SourceInfo, sink: DiagnosticSink, rules: SiteRules = SiteRules(ExtractRules()), recognizer: (any LabelRecognizer)? = nil) {
        record = Exercise(source: source)
        self.sink = sink
        self.rules = rules
        self.recognizer = recognizer
    }

    /// Each decision, for `convert --explain`.
    var explanation: [Explanation] = []

    var result: ExtractedRecord { ExtractedRecord(record: record, sourceMap: sourceMap, prose: prose, explanation: explanation) }

    /// Only `convert --explain` pays for the explanation's text.
    var explaining = false

    func explain(_ line: Int?, _ text: @autoclosure () -> String) {
        if explaining { explanation.append(Explanation(line: line, text())) }
    }

    // MARK: Facts

    func apply(_ fact: Fact, fromBlock: Bool = false) {
        guard let field = FactKey.field(for: fact.key) else {
            let key = FactKey.normalize(fact.key).replacingOccurrences(of: " ", with: "-")
            if fact.value.isEmpty {
                if !fromBlock { sink.report(.malformedFact, "fact '\(fact.key)' has no value; expected 'Key: value'", line: fact.line) }
                return
            }
            appendAttribute(key, fact.value)
            sink.report(.keptAsAttribute, "fact '\(fact.key)' has no field in the record; kept as attributes.\(key)", line: fact.line)
            explain(fact.line, "fact '\(fact.key): \(preview(fact.value))' → attributes.\(key) (no record field has that key)")
            return
        }
        explain(fact.line, "fact '\(fact.key): \(preview(fact.value))' → \(field.recordField?.rawValue ?? "id") (the key names it)")
        guard !fact.value.isEmpty else {
            if !fromBlock { sink.report(.malformedFact, "fact '\(fact.key)' has no value; expected 'Key: value'", line: fact.line) }
            return
        }
        if field.isList {
            let parts = FactParser.splitList(fact.value)
            if Fact.looksLikeLabels(fact.value, parts: parts) {
                addLabels(parts, to: field, line: fact.line)
            } else {
                // A sentence, not labels: kept whole; normalize-taxonomy finds the terms named in it.
                let key = keepProse(fact.value, for: field)
                sink.report(.keptAsAttribute, "'\(fact.key)' is a sentence rather than a list of names; kept as attributes.\(key)", line: fact.line)
            }
            return
        }
        switch field {
        case .name: setName(fact)
        case .summary:
            // Often a shorter SEO blurb than the page's own text: used only when that gives none.
            if summaryFact == nil { summaryFact = (fact.value, fact.line) }
        case .slug:
            let slug = PlainText.slug(fact.value)
            if !slug.isEmpty { record.id = slug }
        case .intro:
            if introFact == nil { introFact = (fact.value, fact.line) }
        case .steps, .tips, .mistakes:
            addItems([fact.value], to: field, line: fact.line)
        case .image, .video:
            // `image: /img/squat.png`, `video: https://www.youtube.com/embed/…`; a value that is not
            // a url is a caption-less mention, kept as an attribute rather than taken for a link.
            if fact.value.contains("/") || fact.value.contains(".") {
                addMedia(url: fact.value, element: field == .video ? .video : .image, caption: nil, line: fact.line)
            } else {
                appendAttribute(FactKey.normalize(fact.key), fact.value)
            }
        case .difficulty: setSingleValue(\.difficulty, .difficulty, fact)
        case .category: setSingleValue(\.category, .category, fact)
        default: break
        }
    }

    /// Difficulty and category hold one value; "/" is not a separator here ("2/10" is one value).
    private func setSingleValue(_ keyPath: WritableKeyPath<Exercise, String?>, _ field: Exercise.Field, _ fact: Fact) {
        let values = FactParser.splitList(fact.value, separators: .commaOrSemicolon)
        guard let first = values.first else { return }
        if record[keyPath: keyPath] == nil {
            record[keyPath: keyPath] = first
            sourceMap[field] = fact.line
        } else if record[keyPath: keyPath] != first {
            sink.report(.conflictingFact, "\(field.rawValue) '\(first)' conflicts with '\(record[keyPath: keyPath]!)' given earlier; the earlier value was kept", line: fact.line)
        }
        if values.count > 1 {
            sink.report(.conflictingFact, "\(field.rawValue) holds one value; '\(values.dropFirst().joined(separator: ", "))' after '\(first)' was not used", line: fact.line)
        }
    }

    func setName(_ fact: Fact) {
        if record.name.isEmpty {
            record.name = fact.value
            sourceMap[.name] = fact.line
        } else if record.name != fact.value {
            sink.report(.conflictingFact, "name '\(fact.value)' differs from '\(record.name)' given earlier; the earlier value was kept", line: fact.line, severity: .info)
        }
    }

    /// Attributes keep every value said under one key, joined with "; ".
    func appendAttribute(_ key: String, _ value: String) {
        if let existing = record.attributes[key], !existing.isEmpty {
            if existing != value { record.attributes[key] = existing + "; " + value }
        } else {
            record.attributes[key] = value
        }
    }

    /// A sentence that names muscles, equipment or body parts without listing them: kept for the
    /// normalizer (`prose`) and for the reader of the record (`attributes.<field>Text`). Returns
    /// the attribute key.
    @discardableResult
    func keepProse(_ sentence: String, for field: FactField) -> String {
        let key: String
        switch field {
        case .equipment: key = "equipmentText"; FieldProse.add(sentence, to: &prose.equipment)
        case .bodyParts: key = "bodyPartsText"; FieldProse.add(sentence, to: &prose.bodyParts)
        default: key = "musclesText"; FieldProse.add(sentence, to: &prose.muscles)
        }
        appendAttribute(key, sentence)
        return key
    }

    /// Steps, tips or mistakes given as a value (front matter `steps: [...]`): used when the page's
    /// own sections give none of that field, and said when they do.
    func addItems(_ items: [String], to field: FactField, line: Int?) {
        guard !field.isList, let keyPath = field.listKeyPath, let recordField = field.recordField else { return }
        let cleaned = items.map(stripNumbering).map(PlainText.collapse).filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return }
        if !record[keyPath: keyPath].isEmpty, sourceMap[recordField] != line {
            sink.report(.conflictingFact, "\(recordField.rawValue) given again (\(cleaned.count) item\(cleaned.count == 1 ? "" : "s")); the page's \(recordField.rawValue) section was kept", line: line, severity: .info)
            return
        }
        record[keyPath: keyPath] += cleaned
        sourceMap.noteFirst(recordField, line)
    }

    func addLabels(_ labels: [String], to field: FactField, line: Int?) {
        guard field.isList, let keyPath = field.listKeyPath, let recordField = field.recordField else { return }
        sourceMap.noteFirst(recordField, line)
        for label in labels where !record[keyPath: keyPath].contains(label) {
            record[keyPath: keyPath].append(label)
            sourceMap.noteLabel(label, in: recordField, line)
        }
    }

    // MARK: What no recogniser read

    func reportUnused(_ block: Block, where place: String) {
        if case .html(let html, let line) = block {
            let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("<!--") { return }  // comments are not content
            sink.report(.rawHTML, "raw HTML \(place) is not read in markdown pages: '\(preview(trimmed))'", line: line)
            return
        }
        let text = block.plainText
        guard !text.isEmpty else { return }
        sink.report(.unusedContent, "\(block.kindName) \(place) was not used: '\(preview(text))'", line: block.line)
        explain(block.line, "\(block.kindName) '\(preview(text))' → left out (nothing \(place) reads it)")
    }
}

extension FieldProse {
    /// The same sentence said twice in a row is kept once (as `attributes` keeps it).
    static func add(_ sentence: String, to list: inout [String]) {
        if list.joined(separator: "; ") != sentence { list.append(sentence) }
    }
}

extension DiagnosticCode {
    static let malformedFact = DiagnosticCode("malformed-fact", .warning,
        "A fact list item, table row or label has no value, or is not of the form `Key: value`; it was not used. Write `Key: value`.")
    static let keptAsAttribute = DiagnosticCode("kept-as-attribute", .info,
        "A fact the record has no field for (or a sentence where names were expected) was kept in `attributes.<key>` rather than dropped.")
    static let conflictingFact = DiagnosticCode("conflicting-fact", .warning,
        "A field holds one value and the page gave another, or several; the first was kept (a differing name is a note). Make the page agree with itself.")
    static let unusedContent = DiagnosticCode("unused-content", .warning,
        "A block the extractor could not place in any field (the message says which and where); it is not in the record. Give it a section heading the extractor knows, or a per-site rule.")
    static let rawHTML = DiagnosticCode("raw-html", .warning,
        "Raw HTML inside a markdown page is not read; its text is not in the record. Write it as markdown.")
}

import Foundation
