import ExerciseModel
import Foundation

/// schema.org data embedded in the page (JSON-LD, and microdata the HTML reader rewrote as JSON-LD):
/// `HowTo`, `ExercisePlan`, `PhysicalActivity`, `ExerciseAction`, `FAQPage`. Read as an extra
/// source of facts: the extractor uses it only for fields the visible content left empty.
struct StructuredFacts {
    var name: String?
    var description: String?
    var steps: [String] = []
    var tools: [String] = []
    var muscles: [String] = []
    var bodyParts: [String] = []
    var category: String?
    var difficulty: String?
    var faq: [FAQEntry] = []
    /// JSON-LD blocks that are not valid JSON, for a diagnostic.
    var malformed = 0

    static let exerciseTypes: Set<String> = ["HowTo", "ExercisePlan", "PhysicalActivity", "ExerciseAction", "ExerciseGym"]

    /// `blocks` are JSON-LD texts, `items` JSON-LD values (microdata), read in that order.
    init(_ blocks: [String], items: [JSONValue] = []) {
        for text in blocks {
            guard let data = text.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                malformed += 1
                continue
            }
            for node in Self.nodes(json) { read(node) }
        }
        for item in items {
            for node in Self.nodes(Self.foundationValue(item)) { read(node) }
        }
    }

    /// A value as JSONSerialization gives it when it parses the value's JSON text.
    static func foundationValue(_ value: JSONValue) -> Any {
        switch value {
        case .string(let s): s
        case .int(let n): NSNumber(value: n)
        case .double(let d): NSNumber(value: d)
        case .bool(let b): NSNumber(value: b)
        case .array(let a): a.map(foundationValue)
        case .object(let o): o.mapValues(foundationValue)
        case .null: NSNull()
        }
    }

    /// Every object with an `@type`, through `@graph`, arrays and nesting.
    static func nodes(_ json: Any) -> [[String: Any]] {
        var out: [[String: Any]] = []
        if let array = json as? [Any] {
            for item in array { out += nodes(item) }
        } else if let object = json as? [String: Any] {
            if object["@type"] != nil { out.append(object) }
            if let graph = object["@graph"] { out += nodes(graph) }
        }
        return out
    }

    static func types(_ node: [String: Any]) -> Set<String> {
        let raw = (node["@type"] as? String).map { [$0] } ?? (node["@type"] as? [String]) ?? []
        return Set(raw.map { String($0.split(separator: "/").last ?? Substring($0)) })
    }

    static func strings(_ value: Any?) -> [String] {
        switch value {
        case let s as String: return [PlainText.collapse(s)].filter { !$0.isEmpty }
        case let n as NSNumber: return [n.stringValue]
        case let a as [Any]: return a.flatMap { strings($0) }
        case let o as [String: Any]: return strings(o["name"] ?? o["text"])
        default: return []
        }
    }

    /// "https://schema.org/StrengthTraining" → "Strength Training".
    static func enumerationLabel(_ s: String) -> String {
        let last = String(s.split(separator: "/").last ?? Substring(s))
        var out = ""
        for c in last {
            if c.isUppercase, let p = out.last, p.isLowercase { out.append(" ") }
            out.append(c)
        }
        return out
    }

    private mutating func read(_ node: [String: Any]) {
        let types = Self.types(node)
        if types.contains("FAQPage") {
            let questions = (node["mainEntity"] as? [Any]) ?? (node["mainEntity"].map { [$0] } ?? [])
            for case let q as [String: Any] in questions {
                let question = Self.strings(q["name"]).first
                let answer = Self.strings((q["acceptedAnswer"] as? [String: Any])?["text"] ?? q["acceptedAnswer"]).first
                if let question, let answer { faq.append(FAQEntry(question: question, answer: answer)) }
            }
            return
        }
        guard !types.isDisjoint(with: Self.exerciseTypes) else { return }
        if name == nil { name = Self.strings(node["name"]).first }
        if description == nil { description = Self.strings(node["description"]).first }
        if steps.isEmpty { steps = Self.steps(node["step"] ?? node["steps"] ?? node["recipeInstructions"]) }
        tools += Self.strings(node["tool"]) + Self.strings(node["supply"]) + Self.strings(node["equipment"])
        for case let part as [String: Any] in (node["associatedAnatomy"] as? [Any]) ?? node["associatedAnatomy"].map({ [$0] }) ?? [] {
            let type = Self.types(part)
            if type.contains("Muscle") || type.contains("AnatomicalStructure") { muscles += Self.strings(part["name"]) }
            else { bodyParts += Self.strings(part["name"]) }
        }
        bodyParts += Self.strings(node["bodyLocation"])
        if category == nil { category = Self.strings(node["category"] ?? node["exerciseType"]).first.map(Self.enumerationLabel) }
        if difficulty == nil { difficulty = Self.strings(node["educationalLevel"] ?? node["intensity"]).first }
    }

    /// HowTo steps: text, HowToStep objects, or HowToSection objects holding steps.
    static func steps(_ value: Any?) -> [String] {
        switch value {
        case let s as String: return [PlainText.collapse(s)].filter { !$0.isEmpty }
        case let a as [Any]: return a.flatMap { steps($0) }
        case let o as [String: Any]:
            if let items = o["itemListElement"] { return steps(items) }
            return strings(o["text"] ?? o["name"])
        default: return []
        }
    }
}

extension RecordBuilder {
    /// Fills fields the visible page left empty from its schema.org data, saying so.
    func applyStructuredData(_ blocks: [String], microdata: [JSONValue] = []) {
        guard !blocks.isEmpty || !microdata.isEmpty else { return }
        let data = StructuredFacts(blocks, items: microdata)
        if data.malformed > 0 {
            sink.report(.invalidJSONLD, "\(data.malformed) embedded JSON-LD block\(data.malformed == 1 ? " is" : "s are") not valid JSON; not used")
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
            sink.report(.fromStructuredData, "took \(used.joined(separator: ", ")) from the page's schema.org data (the visible content did not give them)")
        }
    }
}

extension DiagnosticCode {
    static let invalidJSONLD = DiagnosticCode("invalid-json-ld", .warning,
        "An embedded `<script type=\"application/ld+json\">` block is not valid JSON; it was not used.")
    static let fromStructuredData = DiagnosticCode("from-structured-data", .info,
        "Fields the visible page left empty were taken from its schema.org data (JSON-LD or microdata); the message names them.")
}
