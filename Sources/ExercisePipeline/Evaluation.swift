import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// `evaluate`: how close the records come to hand-made labels, field by field. The pages go through
/// the very `PageConverter` that `convert` and `run` use, so a score measures what users get, not a
/// test-only path. Labels are the page's own words; records hold normalized values. Each field is
/// therefore compared the way the contract defines it: text after whitespace collapse, item lists
/// in order, taxonomy labels as the ids they resolve to in the taxonomy in force.

/// The record fields a truth line may label, in the fixed order every report lists them.
public enum EvaluatedField: String, CaseIterable, Sendable, Codable {
    case name, summary, steps, tips, mistakes
    case primaryMuscles, secondaryMuscles, equipment, bodyParts, difficulty, category
    case faq

    /// The vocabulary a taxonomy field's labels resolve through; nil for text and item fields.
    var kind: TaxonomyKind? {
        [.primaryMuscles: .muscle, .secondaryMuscles: .muscle, .equipment: .equipment,
         .bodyParts: .bodyPart, .difficulty: .difficulty, .category: .category][self]
    }
}

/// What a truth line asserts about one field.
public enum TruthLabel: Sendable, Equatable {
    case text(String)
    /// Item lists (steps, tips, mistakes) and taxonomy labels; an empty list asserts "none".
    case items([String])
    case faq([FAQEntry])
}

/// One line of truth.jsonl: the page (relative to the truth file's folder) and the fields read off
/// it. An absent key is not checked, so `labels` holds only what the labeller was sure of.
public struct TruthLine: Sendable, Equatable {
    public var file: String, line: Int
    public var labels: [EvaluatedField: TruthLabel]
}

/// Bad truth input (unreadable file, a line that is not a JSON object with `file`): a usage error.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One field's score over all truth lines that label it.
public struct FieldScore: Sendable, Codable, Equatable {
    public var field: String, right: Int, checked: Int
    /// right / checked, stored so that --json readers need not divide.
    public var accuracy: Double
    init(field: String, right: Int, checked: Int) {
        self.field = field; self.right = right; self.checked = checked
        accuracy = checked == 0 ? 1 : Double(right) / Double(checked)
    }
}

/// One labelled field the record got wrong, on truth line `line`. `severity` ranks the worst pages
/// first: how many items differ; Int.max when the page gave no record at all.
public struct Miss: Sendable, Codable, Equatable {
    public var file: String, line: Int, field: String
    public var expected: String, got: String, severity: Int
}

public struct EvaluationReport: Sendable, Codable {
    public var truth: String
    public var records: Int
    /// Only the fields some line labels, in `EvaluatedField` order.
    public var scores: [FieldScore]
    public var total: FieldScore
    /// Every miss, by field order, then worst first, then file and line (deterministic).
    public var misses: [Miss]
    /// Pages that are missing or gave no record, and keys that are not evaluated; for stderr.
    public var warnings: [String]

    /// The checked fields whose accuracy is under `minimum` (`--min`).
    public func fields(below minimum: Double) -> [FieldScore] { scores.filter { $0.accuracy < minimum } }

    /// The table, the total, then each imperfect field's `worst` worst pages.
    public func render(worst: Int = 3) -> String {
        func row(_ field: String, _ count: String, _ percent: String) -> String {
            field.padding(toLength: 18, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 13 - count.count)) + count + "  " + percent + "\n"
        }
        func row(_ s: FieldScore) -> String { row(s.field, "\(s.right)/\(s.checked)", String(format: "%6.1f%%", s.accuracy * 100)) }
        var out = "\(truth): \(records) labelled records\n" + row("field", "right/checked", "percent")
        for s in scores { out += row(s) }
        out += row(total)
        for s in scores where s.right < s.checked && worst > 0 {
            out += "\n\(s.field): \(s.right)/\(s.checked) right; worst pages:\n"
            for m in misses.filter({ $0.field == s.field }).prefix(worst) {
                out += "  \(m.file) (truth line \(m.line))\n"
                out += "    expected: \(Self.shorten(m.expected))\n    got:      \(Self.shorten(m.got))\n"
            }
        }
        return out
    }

    /// About 100 characters: enough to recognise the failure, short enough to scan a list. The
    /// length is kept, since "the whole page landed in the summary" shows only in the length.
    static func shorten(_ s: String, to limit: Int = 100) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 14)) + "… (\(s.count) chars)"
    }
}

public enum Evaluation {
    /// Reads the truth file, converts each labelled page once with `config`, and scores every
    /// labelled field. Throws `EvaluationError` for bad truth input; a missing page is not an
    /// error but a page wrong on every field, so one typo does not hide the other scores.
    public static func run(truthURL: URL, config: PipelineConfig) throws -> EvaluationReport {
        let shown = truthURL.relativePath
        let lines = try readTruth(truthURL, shown: shown)
        var warnings = lines.warnings
        let folder = truthURL.deletingLastPathComponent()
        let converter = PageConverter(config: config)
        // file → its records, or why there are none. Several lines with one file are the page's
        // exercises in page order, matched to its records in order.
        var converted: [String: Result<[Exercise], EvaluationError>] = [:]
        for line in lines.truth where converted[line.file] == nil {
            let outcome = convert(line.file, in: folder, config: config, converter: converter)
            if case .failure(let why) = outcome { warnings.append("\(shown):\(line.line): \(line.file): \(why.description)") }
            converted[line.file] = outcome
        }
        var right: [EvaluatedField: Int] = [:], checked: [EvaluatedField: Int] = [:]
        var misses: [Miss] = []
        var seen: [String: Int] = [:]
        for line in lines.truth {
            let index = seen[line.file, default: 0]
            seen[line.file] = index + 1
            let record: Result<Exercise, EvaluationError> = switch converted[line.file]! {
            case .success(let records) where index < records.count: .success(records[index])
            case .success(let records): .failure(EvaluationError("no record #\(index + 1): the page gave \(records.count)"))
            case .failure(let why): .failure(why)
            }
            for field in EvaluatedField.allCases {
                guard let label = line.labels[field] else { continue }
                checked[field, default: 0] += 1
                let verdict = compare(label, field, record, taxonomy: config.taxonomy)
                if verdict.right { right[field, default: 0] += 1; continue }
                misses.append(Miss(file: line.file, line: line.line, field: field.rawValue,
                                   expected: verdict.expected, got: verdict.got, severity: verdict.severity))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: EvaluatedField.allCases.enumerated().map { ($1.rawValue, $0) })
        misses.sort { (order[$0.field]!, -$0.severity, $0.file, $0.line) < (order[$1.field]!, -$1.severity, $1.file, $1.line) }
        let scores = EvaluatedField.allCases.compactMap { f in
            checked[f].map { FieldScore(field: f.rawValue, right: right[f] ?? 0, checked: $0) }
        }
        return EvaluationReport(truth: shown, records: lines.truth.count, scores: scores,
                                total: FieldScore(field: "total", right: scores.map(\.right).reduce(0, +), checked: scores.map(\.checked).reduce(0, +)),
                                misses: misses, warnings: warnings)
    }

    /// The truth lines, or an error naming the file and line. Keys that are not record fields are
    /// warned about rather than refused: a typo ("primaryMuscle") would otherwise check nothing
    /// silently, and refusing would block truth files that label fields added later.
    static func readTruth(_ url: URL, shown: String) throws -> (truth: [TruthLine], warnings: [String]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EvaluationError("cannot read the truth file \(shown)")
        }
        var truth: [TruthLine] = [], warnings: [String] = []
        for (i, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            func bad(_ why: String) -> EvaluationError { EvaluationError("\(shown):\(n): \(why)") }
            guard !raw.allSatisfy(\.isWhitespace) else { continue }
            guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(raw.utf8)) else {
                throw bad("not a JSON object; each line must be {\"file\": \"page.md\", <record fields>}")
            }
            guard case .string(let file)? = object["file"], !file.isEmpty else { throw bad("no \"file\" (the page's path relative to \(shown)'s folder)") }
            var labels: [EvaluatedField: TruthLabel] = [:]
            for (key, value) in object.sorted(by: { $0.key < $1.key }) where key != "file" {
                guard let field = EvaluatedField(rawValue: key) else {
                    warnings.append("\(shown):\(n): key '\(key)' is not an evaluated field; ignored")
                    continue
                }
                guard let label = label(value, for: field) else {
                    throw bad("'\(key)' is \(value.typeName): name and summary are strings, faq a list of {\"question\", \"answer\"}, the others lists of strings")
                }
                labels[field] = label
            }
            truth.append(TruthLine(file: file, line: n, labels: labels))
        }
        return (truth, warnings)
    }

    private static func label(_ value: JSONValue, for field: EvaluatedField) -> TruthLabel? {
        func strings(_ v: JSONValue) -> [String]? {
            guard case .array(let items) = v else { return nil }
            let out = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            return out.count == items.count ? out : nil
        }
        switch (field, value) {
        case (.name, .string(let s)), (.summary, .string(let s)): return .text(s)
        case (.difficulty, .string(let s)), (.category, .string(let s)): return .items([s])
        case (.faq, .array(let items)):
            let entries = items.compactMap { item -> FAQEntry? in
                guard case .object(let o) = item, case .string(let q)? = o["question"], case .string(let a)? = o["answer"] else { return nil }
                return FAQEntry(question: q, answer: a)
            }
            return entries.count == items.count ? .faq(entries) : nil
        case (.name, _), (.summary, _), (.faq, _): return nil
        default: return strings(value).map(TruthLabel.items)
        }
    }

    /// One page through the configured reader and stages: its records, or why there are none.
    static func convert(_ file: String, in folder: URL, config: PipelineConfig, converter: PageConverter) -> Result<[Exercise], EvaluationError> {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return .failure(EvaluationError("file not found")) }
        let ext = url.pathExtension.lowercased()
        guard let format = config.importers[ext] ?? Catalogue.format(forExtension: ext) else {
            return .failure(EvaluationError("no importer reads '.\(ext)' files"))
        }
        switch InputFile.read(url, reportedAs: file) {
        case .failure(let diagnostic): return .failure(EvaluationError(diagnostic.message))
        case .success(let bytes):
            let result = converter.convert(bytes: bytes, path: file, format: format)
            if !result.records.isEmpty { return .success(result.records) }
            let why = result.diagnostics.first { $0.severity == .error }?.message ?? "the page gave no record"
            return .failure(EvaluationError("no record: \(why)"))
        }
    }

    /// Right or wrong, and both sides as text for the report.
    static func compare(_ label: TruthLabel, _ field: EvaluatedField, _ record: Result<Exercise, EvaluationError>, taxonomy: Taxonomy) -> (right: Bool, expected: String, got: String, severity: Int) {
        let wanted: [String]
        switch label {
        case .text(let s): wanted = [PlainText.collapse(s)]
        case .items(let items): wanted = items.map(PlainText.collapse)
        case .faq(let entries): wanted = entries.map { faqText(PlainText.collapse($0.question), PlainText.collapse($0.answer)) }
        }
        let r: Exercise
        do { r = try record.get() } catch {
            let expected = field.kind == nil ? describe(wanted, against: []) : describeTerms(label, field, taxonomy).text
            return (false, expected, "(\(error.description))", Int.max)
        }
        if field.kind != nil {
            // Labels are the page's words, the record holds ids: compare what they resolve to, as a
            // set (order is the page's, not a fact). A label no term matches must sit, case aside,
            // in unknownTerms.<field>; an unknown term the truth does not name is junk there.
            let (expected, ids, unknown) = describeTerms(label, field, taxonomy)
            let gotIDs: [String] = switch field {
            case .primaryMuscles: r.primaryMuscles
            case .secondaryMuscles: r.secondaryMuscles
            case .equipment: r.equipment
            case .bodyParts: r.bodyParts
            case .difficulty: r.difficulty.map { [$0] } ?? []
            default: r.category.map { [$0] } ?? []
            }
            let gotUnknown = (r.unknownTerms[field.rawValue] ?? []).map { PlainText.collapse($0).lowercased() }
            let want = Set(ids).union(unknown.map { "?" + $0 }), have = Set(gotIDs).union(gotUnknown.map { "?" + $0 })
            let got = gotIDs + (r.unknownTerms[field.rawValue] ?? []).map { "?" + $0 }
            return (want == have, expected, got.isEmpty ? "(none)" : got.joined(separator: ", "), want.symmetricDifference(have).count)
        }
        let raw: [String] = switch field {
        case .name: [r.name]
        case .summary: r.summary.map { [$0] } ?? []
        case .steps: r.steps
        case .tips: r.tips
        case .mistakes: r.mistakes
        default: r.faq.map { faqText($0.question, $0.answer) }
        }
        let have = raw.map(PlainText.collapse)
        if case .text = label, have.first ?? "" == wanted[0] { return (true, "", "", 0) }
        if have == wanted { return (true, "", "", 0) }
        // Multiset difference; 1 when only the order differs.
        var extra = have, missing = 0
        for w in wanted { if let i = extra.firstIndex(of: w) { extra.remove(at: i) } else { missing += 1 } }
        return (false, describe(wanted, against: have), describe(have, against: wanted), max(1, missing + extra.count))
    }

    private static func faqText(_ q: String, _ a: String) -> String { "\(q) → \(a)" }

    /// The truth's taxonomy labels as the ids they resolve to, with unresolved ones as `?label`.
    static func describeTerms(_ label: TruthLabel, _ field: EvaluatedField, _ taxonomy: Taxonomy) -> (text: String, ids: [String], unknown: [String]) {
        guard case .items(let labels) = label, let kind = field.kind else { return ("", [], []) }
        var ids: [String] = [], unknown: [String] = [], parts: [String] = []
        for l in labels {
            let resolution = taxonomy[kind].resolve(l)
            for id in resolution.matches.map(\.id) where !ids.contains(id) { ids.append(id) }
            unknown += resolution.unresolved.map { PlainText.collapse($0).lowercased() }
            parts.append(resolution.matches.map(\.id).joined(separator: "+") + resolution.unresolved.map { "?" + $0 }.joined(separator: "+"))
        }
        let text = zip(labels, parts).map { "\($0)=\($1)" }.joined(separator: ", ")
        return (labels.isEmpty ? "(none)" : text, ids, unknown)
    }

    /// A list (or one text) for the report. When both sides share leading items, the shared ones
    /// are skipped so that the shortened line still shows where they part.
    static func describe(_ items: [String], against other: [String]) -> String {
        if items.isEmpty { return "(none)" }
        if items.count == 1, other.count == 1 {
            // One text each: start a little before the first differing character.
            let common = zip(items[0], other[0]).prefix { $0 == $1 }.count
            return common > 60 ? "\"…" + String(items[0].dropFirst(common - 30)) + "\"" : "\"\(items[0])\""
        }
        let same = zip(items, other).prefix { $0 == $1 }.count
        let shown = items.dropFirst(same).map { "\"\($0)\"" }.joined(separator: " | ")
        let count = items.count == 1 && other.count <= 1 ? "" : "\(items.count) item\(items.count == 1 ? "" : "s"): "
        return count + (same > 0 ? "[#\(same + 1)…] " : "") + (shown.isEmpty ? "(nothing more)" : shown)
    }
}
