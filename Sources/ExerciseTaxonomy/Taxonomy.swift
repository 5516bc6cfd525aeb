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

/// How a label found its term, for `taxonomy lookup` and diagnostics.
public enum MatchKind: String, Sendable, Codable {
    case id, name, latin, synonym
    /// Matched after dropping a trailing "s" ("dumbbells" → dumbbell).
    case plural
    /// A number on the 1–10 difficulty scale.
    case scale
    /// "Deltoid, Anterior" read as "Anterior Deltoid" (anatomy indexes write the head last).
    case inverted
    /// "Biceps Brachii, Short Head" matched as "Biceps Brachii": the qualifier is not a term.
    case qualifierDropped
}

public struct TaxonomyMatch: Sendable, Equatable {
    public var id: String
    public var how: MatchKind
    /// The indexed label that matched (the synonym, name, …).
    public var matched: String
}

public struct TaxonomyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One vocabulary with its lookup index.
public struct Vocabulary: Sendable {
    public let kind: TaxonomyKind
    public let version: Int
    public let terms: [TaxonomyTerm]
    private let byID: [String: Int]
    private let index: [String: (id: String, how: MatchKind, label: String)]

    public init(_ file: VocabularyFile, origin: String) throws {
        kind = file.kind
        version = file.version
        terms = file.terms
        var byID: [String: Int] = [:]
        for (i, term) in terms.enumerated() {
            guard PlainText.slug(term.id) == term.id, !term.id.isEmpty else {
                throw TaxonomyError("\(origin): term id '\(term.id)' is not lower-case kebab-case")
            }
            if byID[term.id] != nil { throw TaxonomyError("\(origin): term id '\(term.id)' appears twice") }
            byID[term.id] = i
        }
        for term in terms {
            if let parent = term.parent, byID[parent] == nil {
                throw TaxonomyError("\(origin): term '\(term.id)' names parent '\(parent)', which is not a term of this file")
            }
        }
        var index: [String: (id: String, how: MatchKind, label: String)] = [:]
        func add(_ label: String, _ how: MatchKind, _ id: String) throws {
            let key = Vocabulary.key(label)
            guard !key.isEmpty else { return }
            for (k, kHow) in [(key, how), (Vocabulary.singular(key), MatchKind.plural)] {
                if let existing = index[k] {
                    if existing.id != id {
                        throw TaxonomyError("\(origin): '\(label)' of term '\(id)' and '\(existing.label)' of term '\(existing.id)' match the same text '\(k)'")
                    }
                    continue
                }
                index[k] = (id, kHow, label)
            }
        }
        for term in terms {
            try add(term.id, .id, term.id)
            try add(term.name, .name, term.id)
            if let latin = term.latin { try add(latin, .latin, term.id) }
            for s in term.synonyms { try add(s, .synonym, term.id) }
        }
        self.byID = byID
        self.index = index
    }

    public func term(_ id: String) -> TaxonomyTerm? { byID[id].map { terms[$0] } }

    /// Finds the term a label names: exact key, then without a trailing "s", then "B A" for
    /// "A, B", then "A" alone, then (difficulty only) a number on the 1–10 scale.
    public func lookup(_ label: String) -> TaxonomyMatch? {
        let key = Vocabulary.key(label)
        if key.isEmpty { return nil }
        if let hit = index[key] { return TaxonomyMatch(id: hit.id, how: hit.how, matched: hit.label) }
        if let hit = index[Vocabulary.singular(key)] { return TaxonomyMatch(id: hit.id, how: .plural, matched: hit.label) }
        let parts = label.split(separator: ",").map { PlainText.collapse(String($0)) }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
            if let hit = lookup("\(parts[1]) \(parts[0])"), hit.how != .qualifierDropped {
                return TaxonomyMatch(id: hit.id, how: .inverted, matched: hit.matched)
            }
            if let hit = lookup(parts[0]), hit.how != .qualifierDropped, hit.how != .inverted {
                return TaxonomyMatch(id: hit.id, how: .qualifierDropped, matched: hit.matched)
            }
        }
        if kind == .difficulty, let n = Vocabulary.scaleNumber(key),
           let term = terms.first(where: { t in t.scale.map { $0.count == 2 && $0[0] <= n && n <= $0[1] } ?? false }) {
            return TaxonomyMatch(id: term.id, how: .scale, matched: label)
        }
        return nil
    }

    /// Terms named in running text ("works your quads, glutes and hamstrings"), longest phrase
    /// first (up to four words), in the order they appear, each id once.
    public func terms(in text: String) -> [TaxonomyMatch] {
        let words = Vocabulary.key(text).split(separator: " ").map(String.init)
        var found: [TaxonomyMatch] = []
        var i = 0
        while i < words.count {
            var matched = false
            for n in stride(from: min(4, words.count - i), through: 1, by: -1) {
                let phrase = words[i..<(i + n)].joined(separator: " ")
                if let m = lookup(phrase), m.how != .scale {
                    if !found.contains(where: { $0.id == m.id }) { found.append(m) }
                    i += n
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        return found
    }

    /// The matching key: lower case, accents folded, `&` as "and", everything but letters and
    /// digits a single space.
    public static func key(_ label: String) -> String {
        PlainText.words(label.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "&", with: " and "))
    }

    static func singular(_ key: String) -> String {
        key.count > 3 && key.hasSuffix("s") && !key.hasSuffix("ss") ? String(key.dropLast()) : key
    }

    /// "7", "7/10", "7 of 10", "level 7" → 7, when within 1…10.
    static func scaleNumber(_ key: String) -> Int? {
        var words = key.split(separator: " ").map(String.init)
        if words.first == "level" { words.removeFirst() }
        if words.count == 3, words[1] == "of" || words[1] == "out" { words = [words[0], words[2]] }
        if words.count == 2, words[1] == "10" { words.removeLast() }
        guard words.count == 1, let n = Int(words[0]), (1...10).contains(n) else { return nil }
        return n
    }
}

/// All five vocabularies.
public struct Taxonomy: Sendable {
    public let vocabularies: [TaxonomyKind: Vocabulary]

    public init(vocabularies: [TaxonomyKind: Vocabulary]) {
        self.vocabularies = vocabularies
    }

    public subscript(kind: TaxonomyKind) -> Vocabulary { vocabularies[kind]! }

    /// The taxonomy shipped with the tool (the JSON files in `Resources/`).
    public static func builtIn() throws -> Taxonomy {
        var vocabularies: [TaxonomyKind: Vocabulary] = [:]
        for kind in TaxonomyKind.allCases {
            guard let url = Bundle.module.url(forResource: kind.resourceName, withExtension: "json", subdirectory: "Resources") else {
                throw TaxonomyError("built-in taxonomy file \(kind.resourceName).json is missing from the resource bundle")
            }
            let data = try Data(contentsOf: url)
            let file: VocabularyFile
            do {
                file = try JSONDecoder().decode(VocabularyFile.self, from: data)
            } catch {
                throw TaxonomyError("built-in taxonomy file \(kind.resourceName).json is malformed: \(error)")
            }
            guard file.kind == kind else {
                throw TaxonomyError("built-in taxonomy file \(kind.resourceName).json says kind '\(file.kind.rawValue)', expected '\(kind.rawValue)'")
            }
            vocabularies[kind] = try Vocabulary(file, origin: "\(kind.resourceName).json")
        }
        return Taxonomy(vocabularies: vocabularies)
    }

    /// Loaded once per process; the files are part of the build, so a failure is a packaging bug.
    public static let shared: Result<Taxonomy, TaxonomyError> = {
        do { return .success(try builtIn()) } catch let e as TaxonomyError { return .failure(e) } catch {
            return .failure(TaxonomyError("\(error)"))
        }
    }()

    public func lookup(_ kind: TaxonomyKind, _ label: String) -> TaxonomyMatch? {
        self[kind].lookup(label)
    }

    /// The whole taxonomy as one JSON document (`output/taxonomy.json`).
    public var exportDocument: [String: VocabularyFile] {
        var out: [String: VocabularyFile] = [:]
        for (kind, v) in vocabularies {
            out[kind.rawValue] = VocabularyFile(kind: kind, version: v.version, terms: v.terms)
        }
        return out
    }
}
