import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// `jsonld`: schema.org structured data per exercise, `<id>.jsonld` in a folder (default `jsonld/`).
///
/// One `@graph` per page: a `PhysicalActivity` (the exercise, its anatomy and category), a `HowTo`
/// (steps, equipment as tools, tips and mistakes as sections of tips) and an `FAQPage` when the
/// page has questions. With `baseURL` set, nodes get absolute ids, a `WebPage` ties them to the
/// page's URL (`baseURL` + `urlPattern`, default `{id}`; `{bodyPart}` and `{category}` may be used
/// too) and a `BreadcrumbList` leads Exercises › body part › exercise. Without it they are linked
/// by blank-node ids.
public struct JSONLDExporter: PerRecordExporter, TakesBaseURL {
    public static let format = "jsonld"
    public static let summary = "schema.org JSON-LD per exercise: <path>/<id>.jsonld (path default: jsonld; baseURL + urlPattern: the page URL, default pattern {id})"

    public var path: String
    public var fileSuffix: String { ".jsonld" }
    public var baseURL: String?
    public var urlPattern: String

    public static func options(_ context: ExportContext) -> [ConfigOption] {
        [
            .path(default: "jsonld"),
            .url("baseURL", "The URL prefix of the exercise pages: nodes get absolute ids and a WebPage (baseURL + urlPattern). Without it, blank-node ids.", example: "https://example.com/exercises/"),
            .string("urlPattern", "Each page's path under baseURL; must contain {id}, may use {bodyPart} and {category}.", default: "{id}"),
        ]
    }

    public init(options: inout ConfigObject, context: ExportContext) throws {
        path = try options.string("path") ?? "jsonld"
        urlPattern = try options.string("urlPattern") ?? "{id}"
        guard urlPattern.contains("{id}") else {
            throw ConfigError(options.keyPath("urlPattern"), "must contain {id} (e.g. \"{bodyPart}/{id}\"), found \"\(urlPattern)\"")
        }
        baseURL = try options.string("baseURL").map { try Self.checked(baseURL: $0, keyPath: options.keyPath("baseURL")) }
    }

    public func with(baseURL: String) throws -> JSONLDExporter {
        var copy = self
        copy.baseURL = try Self.checked(baseURL: baseURL, keyPath: "baseURL")
        return copy
    }

    /// An absolute http(s) URL with a host, ending in "/": "https://example.com/exercises" and
    /// ".../exercises/" mean the same folder of pages. Each page's URL is baseURL + its path, so a
    /// query, a fragment or a space would end up in the middle of every URL.
    static func checked(baseURL b: String, keyPath: String) throws -> String {
        guard b.hasPrefix("https://") || b.hasPrefix("http://") else {
            throw ConfigError(keyPath, "expected an absolute http(s) URL such as \"https://example.com/exercises/\", found \"\(b)\"")
        }
        if b.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) || URLComponents(string: b)?.host?.isEmpty != false {
            throw ConfigError(keyPath, "\"\(b)\" cannot prefix page URLs: expected scheme, host and path only (no query, fragment or spaces; percent-encode other characters), such as \"https://example.com/exercises/\"")
        }
        return b.hasSuffix("/") ? b : b + "/"
    }

    public init(path: String = "jsonld", baseURL: String? = nil, urlPattern: String = "{id}") {
        self.path = path
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.urlPattern = urlPattern
    }

    /// The base URL's scheme, host and port ("https://example.com"), or nil without a `baseURL`.
    var origin: String? {
        guard let baseURL, let c = URLComponents(string: baseURL), let scheme = c.scheme, let host = c.host else { return nil }
        return "\(scheme)://\(host)" + (c.port.map { ":\($0)" } ?? "")
    }

    /// The page's URL, or nil without a `baseURL`.
    public func pageURL(for r: Exercise) -> String? {
        guard let baseURL else { return nil }
        // The default pattern without Foundation's search (asked for several times per record).
        if urlPattern == "{id}" { return baseURL + r.id }
        let path = urlPattern
            .replacingOccurrences(of: "{id}", with: r.id)
            .replacingOccurrences(of: "{bodyPart}", with: r.bodyParts.first ?? "exercises")
            .replacingOccurrences(of: "{category}", with: r.category ?? "exercises")
        return baseURL + path
    }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        NotingWriter(PerRecordWriter(output, folder: path, exporter: Self.format, suffix: fileSuffix) { r, shared in Data(canonicalJSON(for: r, context: context, shared: shared)) }) { r, diagnostics in
            noteWhatIsLeftOut(r, diagnostics: &diagnostics)
        }
    }

    /// What the JSON-LD of `r` cannot hold as the record has it, said once per record: relative
    /// media and related links (nothing is dropped silently), and a page URL whose pattern asks for
    /// a body part or category the record lacks.
    func noteWhatIsLeftOut(_ r: Exercise, diagnostics: inout DiagnosticSink) {
        let left = r.media.filter { absoluteURL(of: $0) == nil }.map(\.url)
        if !left.isEmpty {
            diagnostics.report(.relativeMedia, "jsonld: \(left.map { "'\($0)'" }.joined(separator: ", ")) left out of record '\(r.id)': schema.org needs absolute URLs\(baseURL == nil ? "; give the exporter a baseURL to place site-root paths (/img/…)" : ", and a page-relative path depends on where the site serves the page")", file: r.source.path)
        }
        let links = r.related.map(\.url).filter { baseURL == nil || absoluteURL($0) == nil }
        if !links.isEmpty {
            diagnostics.report(.relativeLink, "jsonld: related link\(links.count == 1 ? "" : "s") \(links.map { "'\($0)'" }.joined(separator: ", ")) left out of record '\(r.id)'\(baseURL == nil ? ": relatedLink belongs to the WebPage node, which needs the exporter's baseURL" : ": schema.org needs absolute URLs, and a page-relative path depends on where the site serves the page")", file: r.source.path)
        }
        guard baseURL != nil else { return }
        var missing: [(what: String, placeholder: String)] = []
        if urlPattern.contains("{bodyPart}") && r.bodyParts.isEmpty { missing.append(("no body part", "{bodyPart}")) }
        if urlPattern.contains("{category}") && r.category == nil { missing.append(("no category", "{category}")) }
        if !missing.isEmpty, let url = pageURL(for: r) {
            diagnostics.report(.urlPlaceholderFallback, "jsonld: record '\(r.id)' has \(missing.map(\.what).joined(separator: " and ")) for urlPattern's \(missing.map(\.placeholder).joined(separator: " and ")); its page URL has 'exercises' there: \(url)", file: r.source.path)
        }
    }

    /// A media URL as the JSON-LD gives it: absolute as it is; a site-root path on the base URL's
    /// site; nil for what has no place outside the page (a page-relative path, or any relative
    /// one without a baseURL).
    func absoluteURL(of m: Media) -> String? { absoluteURL(m.url) }

    /// `absoluteURL(of:)` for any URL the record holds (media, related links).
    func absoluteURL(_ url: String) -> String? {
        if url.hasPrefix("https://") || url.hasPrefix("http://") { return url }
        guard let origin, url.hasPrefix("/"), !url.hasPrefix("//") else { return nil }
        return origin + url
    }

    /// The record's related links as the WebPage's relatedLink lists them (absolute, or site-root
    /// paths placed on the base URL's site).
    func relatedLinks(of r: Exercise) -> [String] { r.related.compactMap { absoluteURL($0.url) } }

    public func render(_ record: Exercise, context: ExportContext) throws -> Data {
        Data(canonicalBytes(for: record, context: context))
    }

    /// `CanonicalJSON.data(document(for:))`'s bytes, written directly (`JSONLDWriting.swift`).
    func canonicalBytes(for record: Exercise, context: ExportContext) -> [UInt8] {
        var json = CanonicalJSONWriter()
        write(record, context: context, to: &json)
        return json.bytes + [0x0A]
    }

    /// The record's document as `render` writes it, made once per chunk for every exporter with
    /// this base URL and pattern (`html` embeds the same document).
    func canonicalJSON(for record: Exercise, context: ExportContext, shared: SharedRenderings) -> [UInt8] {
        shared.rendering("jsonld\u{0}\(baseURL ?? "")\u{0}\(urlPattern)\u{0}\(record.id)") { canonicalBytes(for: record, context: context) }
    }

    public func document(for r: Exercise, context: ExportContext) -> JSONValue {
        let pageURL = pageURL(for: r)
        func nodeID(_ fragment: String) -> JSONValue { .string(pageURL.map { "\($0)#\(fragment)" } ?? "_:\(fragment)") }
        func ref(_ fragment: String) -> JSONValue { .object(["@id": nodeID(fragment)]) }

        var graph: [JSONValue] = []
        if let pageURL {
            var page: [String: JSONValue] = [
                "@type": "WebPage", "@id": .string(pageURL), "url": .string(pageURL), "name": .string(r.name),
                "mainEntity": ref("howto"), "about": ref("exercise"), "breadcrumb": ref("breadcrumb"),
            ]
            if let s = r.summary { page["description"] = .string(s) }
            let links = relatedLinks(of: r)
            if !links.isEmpty { page["relatedLink"] = .array(links.map(JSONValue.string)) }
            graph.append(.object(page))
            graph.append(breadcrumb(r, pageURL: pageURL, context: context))
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
            + muscles(r.stabilizerMuscles, role: "Stabilizer muscle", context)
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
        // Media with absolute urls only: a relative one means nothing outside the page's site. With
        // a baseURL, a site-root path ("/img/squat.jpg") is on the base URL's site, so it is
        // resolved against its origin; a page-relative one ("squat.jpg") depends on where the site
        // serves the page, which the record does not know, and stays out.
        let absolute = r.media.compactMap { m -> Media? in
            guard let url = absoluteURL(of: m) else { return nil }
            var resolved = m
            resolved.url = url
            return resolved
        }
        let images: [JSONValue] = absolute.filter { $0.kind == .image }.map { m in
            var node: [String: JSONValue] = ["@type": "ImageObject", "contentUrl": .string(m.url)]
            if let c = m.caption { node["caption"] = .string(c) }
            return .object(node)
        }
        let videos: [JSONValue] = absolute.filter { $0.kind == .video }.map { m in
            .object(["@type": "VideoObject", "url": .string(m.url), "name": .string(m.caption ?? r.name)])
        }
        if !images.isEmpty { howTo["image"] = .array(images) }
        if !videos.isEmpty { howTo["video"] = .array(videos) }
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

    /// Exercises › body part › the exercise; every step but the last links to its listing.
    private func breadcrumb(_ r: Exercise, pageURL: String, context: ExportContext) -> JSONValue {
        var crumbs: [(String, String?)] = [("Exercises", baseURL ?? "")]
        if let part = r.bodyParts.first { crumbs.append((context.displayName(.bodyPart, part), (baseURL ?? "") + part)) }
        crumbs.append((r.name, nil))
        let items: [JSONValue] = crumbs.enumerated().map { i, crumb in
            var item: [String: JSONValue] = ["@type": "ListItem", "position": .int(i + 1), "name": .string(crumb.0)]
            if let url = crumb.1 { item["item"] = .string(url) }
            return .object(item)
        }
        return .object(["@type": "BreadcrumbList", "@id": .string("\(pageURL)#breadcrumb"), "itemListElement": .array(items)])
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

extension DiagnosticCode {
    static let relativeLink = DiagnosticCode("relative-link", .info,
        "A record's related link is page-relative (../curl), which the JSON-LD cannot place, or the jsonld exporter has no baseURL (relatedLink belongs to the WebPage node, which needs one); the link was left out of the JSON-LD (the record keeps it). With a baseURL, absolute URLs and site-root paths (/exercises/curl) are listed.")
    static let urlPlaceholderFallback = DiagnosticCode("url-placeholder-fallback", .info,
        "The exporter's urlPattern uses {bodyPart} or {category} and the record has none, so its page URL has 'exercises' in that place. Give the page a body part or category, or leave the placeholder out of urlPattern.")
    static let relativeMedia = DiagnosticCode("relative-media", .info,
        "A record's image or video has a relative URL, which means nothing outside the page's site, so the JSON-LD leaves it out (the record keeps it). With the exporter's baseURL, site-root paths (/img/squat.jpg) are placed on its site; give page-relative ones as site-root or absolute URLs to have them in the structured data.")
}
