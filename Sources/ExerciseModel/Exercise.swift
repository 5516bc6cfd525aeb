/// The canonical exercise record: what every reader's page becomes and every exporter writes.
///
/// Taxonomy fields hold canonical ids once the `normalize-taxonomy` stage has run; before that they
/// hold the labels as the page wrote them. A value the page does not give is `nil` or an empty array,
/// never an invented one.
public struct Exercise: Sendable, Equatable {
    /// The version of the record's shape written into every record (`schemaVersion`). Policy
    /// (README, "Changing the record"): "MAJOR.MINOR"; MINOR grows when an optional key is added,
    /// MAJOR when a key is removed, renamed or changes meaning — which the contract forbids within
    /// a major version.
    public static let schemaVersion = "1.1"

    public var id: String
    public var name: String
    public var summary: String?
    public var bodyParts: [String]
    public var equipment: [String]
    public var primaryMuscles: [String]
    public var secondaryMuscles: [String]
    /// Muscles that hold the body steady rather than move it (ExRx's "Stabilizers"), as ids.
    public var stabilizerMuscles: [String]
    public var difficulty: String?
    public var category: String?
    public var steps: [String]
    public var tips: [String]
    public var mistakes: [String]
    public var faq: [FAQEntry]
    public var related: [RelatedLink]
    /// Variations, progressions and regressions of the exercise, as the page names them.
    public var variations: [Variation]
    /// Images and videos of the exercise (YouTube and Vimeo embeds as their video urls).
    public var media: [Media]
    /// Facts the page states that the record has no field for (e.g. everkinetic's `type: compound`),
    /// keyed by the page's own label in lower case. Kept rather than dropped.
    public var attributes: [String: String]
    /// Labels the taxonomy could not map, by record field (e.g. `"equipment": ["Trampoline"]`).
    /// The mapped ids stay in the field itself; these are reported as warnings too.
    public var unknownTerms: [String: [String]]
    public var source: SourceInfo
    public init(
        id: String = "", name: String = "", summary: String? = nil,
        bodyParts: [String] = [], equipment: [String] = [],
        primaryMuscles: [String] = [], secondaryMuscles: [String] = [], stabilizerMuscles: [String] = [],
        difficulty: String? = nil, category: String? = nil,
        steps: [String] = [], tips: [String] = [], mistakes: [String] = [],
        faq: [FAQEntry] = [], related: [RelatedLink] = [], variations: [Variation] = [], media: [Media] = [],
        attributes: [String: String] = [:], unknownTerms: [String: [String]] = [:],
        source: SourceInfo
    ) {
        self.id = id; self.name = name; self.summary = summary
        self.bodyParts = bodyParts; self.equipment = equipment
        self.primaryMuscles = primaryMuscles; self.secondaryMuscles = secondaryMuscles; self.stabilizerMuscles = stabilizerMuscles
        self.difficulty = difficulty; self.category = category
        self.steps = steps; self.tips = tips; self.mistakes = mistakes
        self.faq = faq; self.related = related; self.variations = variations; self.media = media
        self.attributes = attributes; self.unknownTerms = unknownTerms
        self.source = source
    }

    /// The record's fields by their JSON key, for diagnostics and per-field stages.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case id, name, summary, bodyParts, equipment, primaryMuscles, secondaryMuscles, stabilizerMuscles
        case difficulty, category, steps, tips, mistakes, faq, related, variations, media
    }
}

public struct FAQEntry: Codable, Sendable, Equatable {
    public var question: String
    public var answer: String
    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

public struct RelatedLink: Codable, Sendable, Equatable {
    public var title: String
    public var url: String
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// A variation of the exercise: its name or description as the page gives it, and a link when the
/// page links it.
public struct Variation: Codable, Sendable, Equatable {
    public var title: String
    public var url: String?
    public init(title: String, url: String? = nil) {
        self.title = title
        self.url = url
    }
}

/// An image or video of the exercise.
public struct Media: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case image, video
    }
    /// As the page gives it (absolute, or relative to the page); embeds as their video page url.
    public var url: String
    public var kind: Kind
    /// Alt text or caption, when the page gives one.
    public var caption: String?
    public init(url: String, kind: Kind, caption: String? = nil) {
        self.url = url
        self.kind = kind
        self.caption = caption
    }
}

public struct SourceInfo: Codable, Sendable, Equatable {
    /// The input's path as given to `convert`, or relative to the pipeline.json's folder for `run`.
    public var path: String
    /// The reader that produced the record: `markdown` or `html`.
    public var format: String
    /// SHA-256 of the input bytes, lower-case hex: lets consumers detect changed pages.
    public var sha256: String
    /// On a page holding several exercises: the exercise's heading as a URL fragment
    /// (`squats`), and its position on the page (1, 2, …). Absent for a single-exercise page.
    public var fragment: String?
    public var position: Int?
    public init(path: String, format: String, sha256: String, fragment: String? = nil, position: Int? = nil) {
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.fragment = fragment
        self.position = position
    }
}

extension Exercise: Codable {
    private enum CodingKeys: String, CodingKey {
        case schemaVersion
        case id, name, summary, bodyParts, equipment, primaryMuscles, secondaryMuscles, stabilizerMuscles
        case difficulty, category, steps, tips, mistakes, faq, related, variations, media
        case attributes, unknownTerms, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: try c.decode(String.self, forKey: .name),
            summary: try c.decodeIfPresent(String.self, forKey: .summary),
            bodyParts: try c.decodeIfPresent([String].self, forKey: .bodyParts) ?? [],
            equipment: try c.decodeIfPresent([String].self, forKey: .equipment) ?? [],
            primaryMuscles: try c.decodeIfPresent([String].self, forKey: .primaryMuscles) ?? [],
            secondaryMuscles: try c.decodeIfPresent([String].self, forKey: .secondaryMuscles) ?? [],
            stabilizerMuscles: try c.decodeIfPresent([String].self, forKey: .stabilizerMuscles) ?? [],
            difficulty: try c.decodeIfPresent(String.self, forKey: .difficulty),
            category: try c.decodeIfPresent(String.self, forKey: .category),
            steps: try c.decodeIfPresent([String].self, forKey: .steps) ?? [],
            tips: try c.decodeIfPresent([String].self, forKey: .tips) ?? [],
            mistakes: try c.decodeIfPresent([String].self, forKey: .mistakes) ?? [],
            faq: try c.decodeIfPresent([FAQEntry].self, forKey: .faq) ?? [],
            related: try c.decodeIfPresent([RelatedLink].self, forKey: .related) ?? [],
            variations: try c.decodeIfPresent([Variation].self, forKey: .variations) ?? [],
            media: try c.decodeIfPresent([Media].self, forKey: .media) ?? [],
            attributes: try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:],
            unknownTerms: try c.decodeIfPresent([String: [String]].self, forKey: .unknownTerms) ?? [:],
            source: try c.decode(SourceInfo.self, forKey: .source)
        )
    }

    /// Arrays are always written (an empty array says "the page gives none"); absent scalars and the
    /// two optional maps are left out rather than written as null or `{}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Exercise.schemaVersion, forKey: .schemaVersion)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encode(bodyParts, forKey: .bodyParts)
        try c.encode(equipment, forKey: .equipment)
        try c.encode(primaryMuscles, forKey: .primaryMuscles)
        try c.encode(secondaryMuscles, forKey: .secondaryMuscles)
        try c.encode(stabilizerMuscles, forKey: .stabilizerMuscles)
        try c.encodeIfPresent(difficulty, forKey: .difficulty)
        try c.encodeIfPresent(category, forKey: .category)
        try c.encode(steps, forKey: .steps)
        try c.encode(tips, forKey: .tips)
        try c.encode(mistakes, forKey: .mistakes)
        try c.encode(faq, forKey: .faq)
        try c.encode(related, forKey: .related)
        try c.encode(variations, forKey: .variations)
        try c.encode(media, forKey: .media)
        if !attributes.isEmpty { try c.encode(attributes, forKey: .attributes) }
        if !unknownTerms.isEmpty { try c.encode(unknownTerms, forKey: .unknownTerms) }
        try c.encode(source, forKey: .source)
    }
}
