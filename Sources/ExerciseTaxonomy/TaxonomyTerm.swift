import ExerciseModel
import Foundation

/// One term of a vocabulary, as stored in the resource files (format: docs/taxonomy-format.md).
public struct TaxonomyTerm: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var parent: String?
    public var latin: String?
    public var side: String?
    public var synonyms: [String]
    /// Categories only: the schema.org PhysicalActivityCategory member it corresponds to.
    public var schemaOrg: String?
    /// Difficulty only: the inclusive range of a 1–10 scale that maps to this level.
    public var scale: [Int]?

    public init(id: String, name: String, parent: String? = nil, latin: String? = nil, side: String? = nil,
                synonyms: [String] = [], schemaOrg: String? = nil, scale: [Int]? = nil) {
        self.id = id; self.name = name; self.parent = parent; self.latin = latin; self.side = side
        self.synonyms = synonyms; self.schemaOrg = schemaOrg; self.scale = scale
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        latin = try c.decodeIfPresent(String.self, forKey: .latin)
        side = try c.decodeIfPresent(String.self, forKey: .side)
        synonyms = try c.decodeIfPresent([String].self, forKey: .synonyms) ?? []
        schemaOrg = try c.decodeIfPresent(String.self, forKey: .schemaOrg)
        scale = try c.decodeIfPresent([Int].self, forKey: .scale)
    }
}

/// A vocabulary file: `{"kind": …, "version": …, "terms": [...]}`.
public struct VocabularyFile: Codable, Sendable {
    public var kind: TaxonomyKind
    public var version: Int
    public var terms: [TaxonomyTerm]

    public init(kind: TaxonomyKind, version: Int, terms: [TaxonomyTerm]) {
        self.kind = kind
        self.version = version
        self.terms = terms
    }
}
