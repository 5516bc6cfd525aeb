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

    private let table = Locked<[Key]?>(nil)
    private let suggested = Locked<[String: [String]]>([:])
    /// Enough for every unknown label of a large site; past it the answers start over.
    private static let remembered = 4096

    /// The keys of `index`, sorted by key (the searches' answers then never depend on a
    /// dictionary's order, which varies from run to run).
    func keys(of index: [String: Vocabulary.Entry]) -> [Key] {
        table.withLock { table in
            if let table { return table }
            let made = index.sorted { $0.key < $1.key }.map { key, entry in
                Key(bytes: Array(key.utf8), characters: key.count, words: key.split(separator: " ").map(String.init), entry: entry)
            }
            table = made
            return made
        }
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
