import ExerciseModel

extension Vocabulary {
    /// Terms named in running text ("works your quads, glutes and hamstrings"), longest phrase
    /// first (up to four words), in the order they appear, each id once. Exact matches only: a
    /// window of words matches what `direct` matches for it (the key as written or without a
    /// plural "s", then in its American spelling the same ways).
    ///
    /// Most windows are tried in one walk of `keyTrie` from their first word. A window with a
    /// word that may have another American spelling, or text whose key has bytes the trie does
    /// not hold, is joined and looked up as a string, which is what the walk stands in for.
    public func terms(in text: String) -> [TaxonomyMatch] { terms(in: text, walking: true) }

    /// `walking: false` joins and looks up every window: the reference the tests hold the walk to.
    func terms(in text: String, walking: Bool) -> [TaxonomyMatch] {
        MatchKey.withKey(of: text) { bytes, plain in
            // The words as byte ranges: a word becomes a string only on the slow path.
            var spans: [Range<Int>] = []
            spans.reserveCapacity(bytes.count / 4 + 1)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x20 { i += 1; continue }
                let start = i
                while i < bytes.count && bytes[i] != 0x20 { i += 1 }
                spans.append(start..<i)
            }
            let count = spans.count
            func wordBytes(_ k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[spans[k]]) }
            let walkable = plain || KeyTrie.canWalk(bytes)
            var words: [String?] = [], american: [String?] = []
            func word(_ k: Int) -> String {
                if words.isEmpty { words = [String?](repeating: nil, count: count) }
                if let w = words[k] { return w }
                let w = String(decoding: wordBytes(k), as: UTF8.self)
                words[k] = w
                return w
            }
            func americanWord(_ k: Int) -> String {
                if american.isEmpty { american = [String?](repeating: nil, count: count) }
                if let w = american[k] { return w }
                let w = MatchKey.americanWord(word(k))
                american[k] = w
                return w
            }
            var found: [TaxonomyMatch] = []
            func add(_ m: TaxonomyMatch) {
                if !found.contains(where: { $0.id == m.id }) { found.append(m) }
            }
            var k = 0
            while k < count {
                // Every window starting here begins with this word (or its American spelling), so a
                // word that starts no key matches nothing: one bit test instead of a walk.
                if !firstWords.mayContain(wordBytes(k)) {
                    k += 1
                    continue
                }
                if walking, walkable {
                    switch longestKey(from: k, through: min(k + 4, count), spans: spans, bytes: bytes) {
                    case .key(let n, let m):
                        add(m)
                        k += n
                        continue
                    case .none:
                        k += 1
                        continue
                    case .mayRespell:
                        break
                    }
                }
                var matched = false
                // (A window of several words matches only if its first word starts some key.)
                let longest = min(4, count - k, max(multiWordStarts[word(k)] ?? 1, multiWordStarts[americanWord(k)] ?? 1))
                for n in stride(from: longest, through: 1, by: -1) {
                    let window = n == 1 ? word(k) : (k..<(k + n)).map(word).joined(separator: " ")
                    if let m = direct(window, american: n == 1 ? americanWord(k) : (k..<(k + n)).map(americanWord).joined(separator: " ")) {
                        add(m)
                        k += n
                        matched = true
                        break
                    }
                }
                if !matched { k += 1 }
            }
            return found
        }
    }

    private enum Walk {
        /// The longest window that is a key: its number of words, and the match.
        case key(Int, TaxonomyMatch)
        case none
        /// A word the walk reached may have another American spelling: the windows are looked up.
        case mayRespell
    }

    /// The longest window of words `k..<j` (j up to `last`) that is a key, or a key once a
    /// plural "s" is dropped. The walk leaves off where no key goes on: a longer window cannot
    /// be a key then, nor one without its last byte, nor (when no word it read may be respelled)
    /// one in American spelling, which keeps the bytes read.
    private func longestKey(from k: Int, through last: Int, spans: [Range<Int>], bytes: UnsafeBufferPointer<UInt8>) -> Walk {
        var best = Walk.none
        func match(_ payload: Int, plural: Bool) -> TaxonomyMatch {
            let entry = keyEntries[payload]
            return TaxonomyMatch(id: entry.id, how: plural ? .plural : entry.how, matched: entry.label)
        }
        var node = KeyTrie.root
        for j in k..<last {
            if j > k {
                guard let next = keyTrie.child(of: node, 0x20) else { break }
                node = next
            }
            let end = spans[j].upperBound
            if MatchKey.mayRespell(UnsafeBufferPointer(rebasing: bytes[spans[j]])) { return .mayRespell }
            var i = spans[j].lowerBound
            var beforeLast = node
            while i < end, let next = keyTrie.child(of: node, bytes[i]) {
                beforeLast = node
                node = next
                i += 1
            }
            // `MatchKey.singular`: one trailing "s" off a window longer than three bytes, not after "s".
            let plural = end - spans[k].lowerBound > 3 && bytes[end - 1] == 0x73 && bytes[end - 2] != 0x73
            if i == end {
                if let p = keyTrie.payload(at: node) {
                    best = .key(j - k + 1, match(p, plural: false))
                } else if plural, let p = keyTrie.payload(at: beforeLast) {
                    best = .key(j - k + 1, match(p, plural: true))
                }
                continue
            }
            // The walk stopped inside the word; the window may still be a key but for its "s".
            if i == end - 1, plural, let p = keyTrie.payload(at: node) {
                best = .key(j - k + 1, match(p, plural: true))
            }
            break
        }
        return best
    }
}

/// A bit per hashed start (up to three bytes) of the first word of every key. A word whose start
/// has no bit set cannot be the first word of any key; a set bit may be a collision, and the
/// lookups decide. Keys keep their plural "s" as a second key, and a word's singular or a
/// multi-word window has the same start, so no match is ever filtered out.
enum FirstWordFilter {
    static func make(keys: some Sequence<String>) -> ByteHashFilter {
        ByteHashFilter(slots: 1 << 16, hash: firstBytes, of: keys)
    }

    /// The first word's first three bytes (fewer for a shorter word).
    static let firstBytes: ByteHashFilter.Hash = { text in
        var hash = 0
        var count = 0
        for b in text {
            if b == 0x20 || count == 3 { break }
            hash = hash &* 31 &+ Int(b)
            count += 1
        }
        return hash
    }
}
