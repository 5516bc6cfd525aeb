import Foundation

/// Searches and tests on a string's UTF-8 bytes that give what the Character-level ones give:
/// per-page work asks them of nearly every text, and Foundation's Unicode-aware versions showed
/// in the profile.
extension String {
    /// Whether the UTF-8 bytes hold `needle`'s bytes: `contains(_: String)` goes through
    /// Foundation's Unicode-aware search, which showed in the profile for a plain byte test.
    public func containsBytes(of needle: String) -> Bool { rangeOfBytes(of: needle) != nil }

    /// `firstIndex(of: Character(ascii))`, found by the bytes: each occurrence of the byte is
    /// taken when the Character there is that character alone (not with a combining mark after
    /// it, nor a prepended mark before it). Facts look for a colon in every paragraph.
    public func firstIndex(ofASCII byte: UInt8) -> String.Index? {
        let character = Character(Unicode.Scalar(byte))
        let count = utf8.count
        var start = 0
        while start < count {
            // (memchr finds the byte: the generic search over the UTF-8 view went a byte at a time.)
            var bytes = self
            guard let offset = bytes.withUTF8({ u -> Int? in
                guard let base = u.baseAddress, let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            }) else { return nil }
            let i = utf8.index(utf8.startIndex, offsetBy: offset)
            // (The byte must also start a Character: after a prepended mark it is inside one, and
            // subscripting there reads from the byte on.)
            if self[i] == character && index(i, offsetBy: 0) == i { return i }
            start = offset + 1
        }
        return nil
    }

    /// Whether each UTF-8 byte is one Character: ASCII without CR (CR LF is one Character), so a
    /// byte-level split or search gives what the Character-level one gives.
    public var bytesAreCharacters: Bool {
        var s = self
        return s.withUTF8 { u in
            guard let base = u.baseAddress else { return true }
            // (Asked of most texts, often twice: memchr for the CR, eight bytes at a time for ASCII.)
            guard memchr(base, 0x0D, u.count) == nil else { return false }
            var i = ByteWord.asciiRun(u)
            while i < u.count {
                if u[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
    }

    /// `split(separator: " ")` (the runs between spaces): on the bytes when the text is ASCII,
    /// each byte then one Character; through the Character split for any other text. Matching
    /// keys are split into words for every label and every window of prose.
    public var spaceSeparatedWords: [Substring] {
        guard bytesAreCharacters else { return split(separator: " ") }
        let u = utf8
        var words: [Substring] = []
        var start: String.Index?
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == 0x20 {
                if let s = start { words.append(self[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
            i = u.index(after: i)
        }
        if let s = start { words.append(self[s..<u.endIndex]) }
        return words
    }

    /// `split(separator: "/").last ?? ""` (the last non-empty component of a path): on the bytes
    /// when the path is ASCII, each byte then one Character; through the Character split for any
    /// other path. Asked of every input's path several times.
    public var lastSlashComponent: Substring {
        guard bytesAreCharacters else { return split(separator: "/").last ?? "" }
        let u = utf8
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
        var start = end
        while start > u.startIndex, u[u.index(before: start)] != 0x2F { start = u.index(before: start) }
        return self[start..<end]
    }

    /// Whether the text holds the byte, by memchr (`utf8.contains` goes a byte at a time through
    /// the generic view: a whole page's worth for each line-ending check).
    public func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { u in u.count > 0 && memchr(u.baseAddress!, Int32(byte), u.count) != nil }
    }

    /// The first occurrence of `needle`'s bytes, as a range of this string's indices; for needles
    /// that start and end on whole characters (separators such as " - "), where Foundation's
    /// `range(of:)` finds the same range.
    public func rangeOfBytes(of needle: String) -> Range<String.Index>? {
        var haystack = self
        var needle = needle
        let found: Range<Int>? = haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0, h.count >= n.count else { return n.count == 0 ? 0..<0 : nil }
                // libc's memchr (vectorised) to each candidate first byte, then memcmp, rather than
                // a byte loop: whole pages are searched.
                let start = UnsafeRawPointer(h.baseAddress!)
                var from = 0
                while from <= h.count - n.count {
                    guard let hit = memchr(start + from, Int32(n[0]), h.count - n.count - from + 1) else { return nil }
                    let i = UnsafeRawPointer(hit) - start
                    if memcmp(hit, n.baseAddress!, n.count) == 0 { return i..<(i + n.count) }
                    from = i + 1
                }
                return nil
            }
        }
        guard let found else { return nil }
        return utf8.index(startIndex, offsetBy: found.lowerBound)..<utf8.index(startIndex, offsetBy: found.upperBound)
    }
}
