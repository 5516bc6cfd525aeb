import ExerciseModel

/// A vocabulary's keys as the near-miss searches read them (`misspelling`, the "did you mean"
/// `suggestions`): each key's bytes, its length in Characters and its words, made once on first
/// use and kept in key order. Both searches compare a label with every key; made anew on each
/// call (every key counted in Characters and split into words), one "did you mean" cost about
/// 0.67 M instructions, a sixth of a markdown page's whole conversion. The suggestions for a
/// label are kept too: a site's unknown labels come back page after page.
final class NearKeys: Sendable {
    struct Key: Sendable {
        let bytes: [UInt8]
        let characters: Int
        let words: [String]
        let entry: Vocabulary.Entry
    }

    private let index: [String: Vocabulary.Entry]
    private let table = Locked<[Key]?>(nil)
    private let suggested = Locked<[String: [String]]>([:])
    /// Enough for every unknown label of a large site; past it the answers start over.
    private static let remembered = 4096

    init(_ index: [String: Vocabulary.Entry]) { self.index = index }

    /// The keys, sorted (the searches' answers then never depend on a dictionary's order, which
    /// varies from run to run).
    var keys: [Key] {
        table.withLock { table in
            if let table { return table }
            let made = index.sorted { $0.key < $1.key }.map { key, entry in
                Key(bytes: Array(key.utf8), characters: key.count, words: key.split(separator: " ").map(String.init), entry: entry)
            }
            table = made
            return made
        }
    }

    /// The keys at most `limit` edits from `key` (a matching key), in key order, each with its
    /// distance.
    func near(_ key: String, within limit: Int) -> [(key: Key, distance: Int)] {
        let bytes = Array(key.utf8), characters = key.count
        var found: [(key: Key, distance: Int)] = []
        for k in keys where abs(k.characters - characters) <= limit {
            let d = PlainText.editDistance(bytes, k.bytes, limit: limit)
            if d <= limit { found.append((k, d)) }
        }
        return found
    }

    /// The suggestions for `label`, made by `make` the first time it is asked.
    func suggestions(for label: String, _ make: () -> [String]) -> [String] {
        if let known = suggested.withLock({ $0[label] }) { return known }
        let made = make()
        suggested.withLock { cache in
            if cache.count >= Self.remembered { cache.removeAll(keepingCapacity: true) }
            cache[label] = made
        }
        return made
    }
}
