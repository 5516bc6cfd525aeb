import ExerciseModel
import ExerciseTaxonomy

/// `jsonld`: schema.org structured data per exercise, `<id>.jsonld` in a folder (default `jsonld/`).
///
/// One `@graph` per page: a `PhysicalActivity` (the exercise, its anatomy and category), a `HowTo`
/// (steps, equipment as tools, tips and mistakes as sections of tips) and an `FAQPage` when the
/// page has questions. With `baseURL` set, nodes get absolute ids and a `WebPage` ties them to the
/// page's URL (`<baseURL><id>`); without it they are linked by blank-node ids.
public struct JSONLDExporter: Exporter {
    public static let format = "jsonld"
    public static let summary = "schema.org JSON-LD per exercise: <path>/<id>.jsonld (path default: jsonld; baseURL: page URL prefix)"

    public var path: String
    public var baseURL: String?

    public init(options: inout ConfigObject) throws {
        path = try options.string("path") ?? "jsonld"
        baseURL = try options.string("baseURL")
        if let b = baseURL, !(b.hasPrefix("https://") || b.hasPrefix("http://")) {
            throw ConfigError(options.keyPath("baseURL"), "expected an absolute http(s) URL such as \"https://example.com/exercises/\", found \"\(b)\"")
        }
    }

    public init(path: String = "jsonld", baseURL: String? = nil) {
        self.path = path
        self.baseURL = baseURL
    }

    public func export(_ records: [Exercise], to output: OutputDirectory, context: ExportContext) throws -> [String] {
        try output.writeRecords(records, folder: path, suffix: ".jsonld") { try CanonicalJSON.data(document(for: $0, context: context)) }
    }

    public func document(for r: Exercise, context: ExportContext) -> JSONValue {
        let pageURL = baseURL.map { $0 + r.id }
        func nodeID(_ fragment: String) -> JSONValue { .string(pageURL.map { "\($0)#\(fragment)" } ?? "_:\(fragment)") }
        func ref(_ fragment: String) -> JSONValue { .object(["@id": nodeID(fragment)]) }

        var graph: [JSONValue] = []
        if let pageURL {
            var page: [String: JSONValue] = [
                "@type": "WebPage", "@id": .string(pageURL), "url": .string(pageURL), "name": .string(r.name),
                "mainEntity": ref("howto"), "about": ref("exercise"),
            ]
            if let s = r.summary { page["description"] = .string(s) }
            let links = r.related.map(\.url).filter { $0.hasPrefix("http") }
            if !links.isEmpty { page["relatedLink"] = .array(links.map(JSONValue.string)) }
            graph.append(.object(page))
        }

        var activity: [String: JSONValue] = ["@type": "PhysicalActivity", "@id": nodeID("exercise"), "name": .string(r.name)]
        if let s = r.summary { activity["description"] = .string(s) }
        if let c = r.category, let member = context.taxonomy[.category].term(c)?.schemaOrg {
            activity["category"] = .string("https://schema.org/\(member)")
        }
        var anatomy: [JSONValue] = r.bodyParts.map {
            .object(["@type": "SuperficialAnatomy", "name": .string(context.displayName(.bodyPart, $0))])
        }
        anatomy += muscles(r.primaryMuscles, role: "Target muscle", context) + muscles(r.secondaryMuscles, role: "Secondary muscle", context)
        if !anatomy.isEmpty { activity["associatedAnatomy"] = .array(anatomy) }
        graph.append(.object(activity))

        var howTo: [String: JSONValue] = [
            "@type": "HowTo", "@id": nodeID("howto"), "name": .string("How to do the \(r.name)"), "about": ref("exercise"),
        ]
        if let s = r.summary { howTo["description"] = .string(s) }
        if let d = r.difficulty { howTo["educationalLevel"] = .string(context.displayName(.difficulty, d)) }
        let tools = r.equipment.map { context.displayName(.equipment, $0) } + (r.unknownTerms["equipment"] ?? [])
        if !tools.isEmpty { howTo["tool"] = .array(tools.map { .object(["@type": "HowToTool", "name": .string($0)]) }) }
        if !r.steps.isEmpty { howTo["step"] = .array(positioned("HowToStep", r.steps)) }
        var sections: [JSONValue] = []
        if !r.tips.isEmpty { sections.append(section("Pro tips", r.tips)) }
        if !r.mistakes.isEmpty { sections.append(section("Common mistakes", r.mistakes)) }
        if !sections.isEmpty { howTo["hasPart"] = .array(sections) }
        graph.append(.object(howTo))

        if !r.faq.isEmpty {
            var faq: [String: JSONValue] = [
                "@type": "FAQPage", "@id": nodeID("faq"),
                "mainEntity": .array(r.faq.map { q in
                    .object(["@type": "Question", "name": .string(q.question),
                             "acceptedAnswer": .object(["@type": "Answer", "text": .string(q.answer)])])
                }),
            ]
            if let pageURL { faq["isPartOf"] = .object(["@id": .string(pageURL)]) }
            graph.append(.object(faq))
        }
        return .object(["@context": "https://schema.org", "@graph": .array(graph)])
    }

    private func muscles(_ ids: [String], role: String, _ context: ExportContext) -> [JSONValue] {
        ids.map { id in
            var node: [String: JSONValue] = ["@type": "Muscle", "name": .string(context.displayName(.muscle, id)), "description": .string(role)]
            if let latin = context.taxonomy[.muscle].term(id)?.latin { node["alternateName"] = .string(latin) }
            return .object(node)
        }
    }

    private func positioned(_ type: String, _ texts: [String]) -> [JSONValue] {
        texts.enumerated().map { .object(["@type": .string(type), "position": .int($0.offset + 1), "text": .string($0.element)]) }
    }

    private func section(_ name: String, _ texts: [String]) -> JSONValue {
        .object(["@type": "HowToSection", "name": .string(name), "itemListElement": .array(positioned("HowToTip", texts))])
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
