import ExerciseModel

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
    /// "Upper-back muscles" matched as "upper back": a trailing group word is not a term.
    case groupWordDropped
    /// "Gastrocnemius (Calves)": the term outside the parentheses (or, failing that, inside).
    case parenthetical
    /// One of several terms in one label ("dumbbell, exercise ball", "Abs / Core").
    case split
    /// A misspelling one or two edits from exactly one term ("bicpes"); always reported.
    case misspelling
}

public struct TaxonomyMatch: Sendable, Equatable {
    public var id: String
    public var how: MatchKind
    /// The indexed label that matched (the synonym, name, …).
    public var matched: String

    /// How it matched, in words: "synonym 'rear delts'", "misspelling of 'biceps'".
    public var explanation: String {
        switch how {
        case .id: "id"
        case .name: "name"
        case .latin: "Latin name '\(matched)'"
        case .synonym: "synonym '\(matched)'"
        case .plural: "plural of '\(matched)'"
        case .scale: "on the 1–10 difficulty scale"
        case .inverted: "read as '\(matched)'"
        case .qualifierDropped: "'\(matched)' without the part after the comma"
        case .parenthetical: "'\(matched)' from the part in or outside the parentheses"
        case .groupWordDropped: "'\(matched)' without the trailing group word (muscles, group)"
        case .split: "'\(matched)', one of several terms in the label"
        case .misspelling: "assumed to be a misspelling of '\(matched)'"
        }
    }
}

/// What a label resolves to: usually one match; several when the label names several terms;
/// `unresolved` holds the parts no term matched.
public struct Resolution: Sendable, Equatable {
    public var matches: [TaxonomyMatch]
    public var unresolved: [String]
}

public struct TaxonomyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One vocabulary with its lookup index. A class, not a struct: its dozen tables were copied (each
/// retained and released) every time a transformer asked the taxonomy for a vocabulary, which was
/// a percent of a run.
public final class Vocabulary: Sendable {
    public let kind: TaxonomyKind
    public let version: Int
    public let terms: [TaxonomyTerm]
    private let byID: [String: Int]
    struct Entry: Sendable {
        var id: String
        var how: MatchKind
        var label: String
        var origin: String
    }
    let index: [String: Entry]
    /// The first word of every key of two words or more, with the most words of such a key: a
    /// window of prose that starts with any other word can only match as a single word, and one
    /// that starts with such a word no longer than its longest key (what keeps the scan cheap).
    let multiWordStarts: [String: Int]
    /// A quick "no" for words of prose that start no key (most of them).
    let firstWords: ByteHashFilter
    /// Every key of `index` as a trie, its payload the entry's place in `keyEntries`.
    let keyTrie: KeyTrie
    let keyEntries: [Entry]
    /// The keys as the near-miss searches read them, made when first asked.
    let nearKeys: NearKeys

    /// `origins` names where each term came from (a file name), for conflict errors.
    public init(_ file: VocabularyFile, origin: String, termOrigins: [String: String] = [:]) throws {
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
                throw TaxonomyError("\(termOrigins[term.id] ?? origin): term '\(term.id)' names parent '\(parent)', which is not a term of this vocabulary")
            }
        }
        var index: [String: Entry] = [:]
        func add(_ label: String, _ how: MatchKind, _ id: String, _ labelOrigin: String) throws {
            let key = MatchKey.american(MatchKey.of(label))
            guard !key.isEmpty else { return }
            for (k, kHow) in [(key, how), (MatchKey.singular(key), MatchKind.plural)] {
                if let existing = index[k] {
                    if existing.id != id {
                        throw TaxonomyError("'\(label)' of term '\(id)' (\(labelOrigin)) and '\(existing.label)' of term '\(existing.id)' (\(existing.origin)) match the same text '\(k)'")
                    }
                    continue
                }
                index[k] = Entry(id: id, how: kHow, label: label, origin: labelOrigin)
            }
        }
        for term in terms {
            let termOrigin = termOrigins[term.id] ?? origin
            try add(term.id, .id, term.id, termOrigin)
            try add(term.name, .name, term.id, termOrigin)
            if let latin = term.latin { try add(latin, .latin, term.id, termOrigin) }
            for s in term.synonyms { try add(s, .synonym, term.id, termOrigins["\(term.id)#\(s)"] ?? termOrigin) }
        }
        self.byID = byID
        self.index = index
        nearKeys = NearKeys(index)
        var starts: [String: Int] = [:]
        for key in index.keys {
            guard let space = key.firstIndex(of: " ") else { continue }
            let words = key.utf8.count(where: { $0 == 0x20 }) + 1
            starts[String(key[..<space]), default: 0] = max(starts[String(key[..<space]), default: 0], words)
        }
        multiWordStarts = starts
        var filter = FirstWordFilter.make(keys: index.keys)
        // A British word whose American spelling may start a key starts one too ("oesophagus"):
        // the scan of prose tests a word's own bytes only. (Respelled endings, "-iser", keep a
        // word's first bytes.)
        for (british, american) in MatchKey.respelledWords where filter.mayContain(american) { filter.insert(british) }
        firstWords = filter
        var trie = KeyTrie()
        var entries: [Entry] = []
        for (key, entry) in index.sorted(by: { $0.key < $1.key }) {
            trie.insert(key, payload: entries.count)
            entries.append(entry)
        }
        keyTrie = trie
        keyEntries = entries
    }

    public func term(_ id: String) -> TaxonomyTerm? { byID[id].map { terms[$0] } }

    /// The ids from `id` up to its root: rear-deltoid → deltoid → shoulders.
    public func lineage(_ id: String) -> [String] {
        var out: [String] = []
        var current: String? = id
        while let c = current, !out.contains(c), let t = term(c) {
            out.append(c)
            current = t.parent
        }
        return out
    }

    /// True when one id is the other or an ancestor of it.
    public func related(_ a: String, _ b: String) -> Bool {
        lineage(a).contains(b) || lineage(b).contains(a)
    }

    // MARK: Resolving labels

    /// The single best match, for `taxonomy lookup` and simple callers (the first of several).
    public func lookup(_ label: String) -> TaxonomyMatch? {
        resolve(label).matches.first
    }

    /// Resolves a label in the order of the documented matching rules: exact (case, punctuation,
    /// spelling folded), plural, "A, B" inverted, several terms in one label, qualifier dropped,
    /// parenthetical, difficulty scale, and last a misspelling within a bounded edit distance.
    public func resolve(_ label: String) -> Resolution {
        let key = MatchKey.of(label)
        if key.isEmpty { return Resolution(matches: [], unresolved: []) }
        if let m = direct(key) { return one(m) }

        let commaParts = label.split(separator: ",").map { PlainText.collapse(String($0)) }.filter { !$0.isEmpty }
        if commaParts.count == 2, let m = direct(MatchKey.of("\(commaParts[1]) \(commaParts[0])")) {
            return one(TaxonomyMatch(id: m.id, how: .inverted, matched: m.matched))
        }
        let parts = Self.splitTerms(label)
        if parts.count > 1 {
            let resolved = parts.map { ($0, simple($0)) }
            let found = resolved.compactMap(\.1)
            if found.count == parts.count || (!found.isEmpty && commaParts.count != 2) {
                // Keep the most specific: "Legs – Quads" is the quads.
                var ids: [TaxonomyMatch] = []
                for m in found where !ids.contains(where: { $0.id == m.id }) {
                    if found.contains(where: { $0.id != m.id && lineage($0.id).contains(m.id) }) { continue }
                    ids.append(TaxonomyMatch(id: m.id, how: .split, matched: m.matched))
                }
                return Resolution(matches: ids, unresolved: resolved.filter { $0.1 == nil }.map(\.0))
            }
        }
        if commaParts.count == 2, let m = simple(commaParts[0]) {
            return one(TaxonomyMatch(id: m.id, how: .qualifierDropped, matched: m.matched))
        }
        if let m = parenthetical(label) { return one(m) }
        if kind == .difficulty, let n = Self.scaleNumber(key),
           let term = terms.first(where: { t in t.scale.map { $0.count == 2 && $0[0] <= n && n <= $0[1] } ?? false }) {
            return one(TaxonomyMatch(id: term.id, how: .scale, matched: label))
        }
        // "Upper-back muscles", "shoulder muscle group": the group word adds nothing.
        if kind == .muscle, let m = withoutGroupWord(key) { return one(m) }
        if let m = misspelling(key) { return one(m) }
        return Resolution(matches: [], unresolved: [label])
    }

    private func withoutGroupWord(_ key: String) -> TaxonomyMatch? {
        var words = key.split(separator: " ").map(String.init)
        let groupWords: Set<String> = ["muscle", "muscles", "group", "groups", "area", "region"]
        var dropped = false
        while words.count > 1, let last = words.last, groupWords.contains(last) { words.removeLast(); dropped = true }
        guard dropped, let m = direct(words.joined(separator: " ")) else { return nil }
        return TaxonomyMatch(id: m.id, how: .groupWordDropped, matched: m.matched)
    }

    private func one(_ m: TaxonomyMatch) -> Resolution { Resolution(matches: [m], unresolved: []) }

    /// Only the exact rule (case, punctuation, spelling and plural folded): no splitting, no
    /// guessing. For scanning running text.
    public func exactMatch(_ label: String) -> TaxonomyMatch? { direct(MatchKey.of(label)) }

    /// `key` as it is or without a plural "s", then its American spelling (`american`, made here
    /// when not given, and only when the key as written misses) the same ways.
    func direct(_ key: String, american: String? = nil) -> TaxonomyMatch? {
        if let hit = index[key] { return TaxonomyMatch(id: hit.id, how: hit.how, matched: hit.label) }
        if let hit = index[MatchKey.singular(key)] { return TaxonomyMatch(id: hit.id, how: .plural, matched: hit.label) }
        let american = american ?? MatchKey.american(key)
        if american != key { return direct(american, american: american) }
        return nil
    }

    /// Exact, plural or parenthetical: what each part of a split label may use.
    private func simple(_ label: String) -> TaxonomyMatch? {
        direct(MatchKey.of(label)) ?? parenthetical(label)
    }

    private func parenthetical(_ label: String) -> TaxonomyMatch? {
        guard let open = label.firstIndex(of: "("), let close = label[open...].firstIndex(of: ")") else { return nil }
        let outside = PlainText.collapse(String(label[..<open]) + " " + String(label[label.index(after: close)...]))
        let inside = String(label[label.index(after: open)..<close])
        for candidate in [outside, inside] {
            if let m = direct(MatchKey.of(candidate)) { return TaxonomyMatch(id: m.id, how: .parenthetical, matched: m.matched) }
        }
        return nil
    }

    /// Separators that put several terms in one label: `,` `/` `&` `+` `;` "and", en and em
    /// dashes, and a hyphen with spaces around it.
    static func splitTerms(_ label: String) -> [String] {
        var normalized = label
        for sep in [" and ", " & ", " – ", " — ", " - ", " + ", "/", ",", ";", "|", "&"] {
            normalized = normalized.replacingOccurrences(of: sep, with: "\u{1F}", options: .caseInsensitive)
        }
        return normalized.split(separator: "\u{1F}").map { PlainText.collapse(String($0)) }.filter { !$0.isEmpty }
    }

    /// A label one edit (two for long ones) from the keys of exactly one term.
    private func misspelling(_ rawKey: String) -> TaxonomyMatch? {
        let key = MatchKey.american(rawKey)
        guard key.count >= 5 else { return nil }
        let limit = key.count >= 9 ? 2 : 1
        var best = limit + 1
        var ids: Set<String> = []
        var label = ""
        for (k, d) in nearKeys.near(key, within: limit) {
            if d < best { best = d; ids = [k.entry.id]; label = k.entry.label }
            else if d == best { ids.insert(k.entry.id) }
        }
        guard best <= limit, ids.count == 1, let id = ids.first else { return nil }
        return TaxonomyMatch(id: id, how: .misspelling, matched: label)
    }

    /// Up to three ids whose labels are closest to an unknown label, for "did you mean".
    public func suggestions(for label: String) -> [String] {
        nearKeys.suggestions(for: label) {
            let key = MatchKey.of(label)
            guard !key.isEmpty else { return [] }
            var scored: [String: Int] = [:]
            let limit = max(2, key.count / 3)
            for (k, d) in nearKeys.near(key, within: limit) { scored[k.entry.id] = min(scored[k.entry.id] ?? d, d) }
            // Words in common count too: "upper traps" suggests traps.
            let words = Set(key.split(separator: " ").map(String.init))
            for k in nearKeys.keys where scored[k.entry.id] == nil && k.words.contains(where: words.contains) && k.characters > 3 {
                scored[k.entry.id] = limit + 1
            }
            return scored.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.prefix(3).map(\.key)
        }
    }

    /// The matching key (see `docs/taxonomy-format.md`), spellings in their American form.
    public static func key(_ label: String) -> String { MatchKey.american(MatchKey.of(label)) }

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
