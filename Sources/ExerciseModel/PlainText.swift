import Foundation

/// Text normalisation shared by readers and the extractor: the record holds plain text with
/// whitespace collapsed.
public enum PlainText {
    /// Collapses every run of white space (including non-breaking spaces, line breaks and control
    /// characters) to one space and trims both ends.
    public static func collapse(_ s: String) -> String {
        var s = s
        let collapsed: String? = s.withUTF8 { isCollapsed($0) ? nil : collapse(utf8: $0) }
        return collapsed ?? s
    }

    /// Already collapsed: no space at either end, no two in a row, no control character, and no
    /// byte that could start a non-ASCII space. Text is collapsed again and again on its way (the
    /// reader, then the extractor's tests), and most of it comes out as it went in.
    private static func isCollapsed(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress, let first = u.first, let last = u.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        // Eight ASCII bytes at a time (a profile's 2% of a markdown run byte by byte): each test
        // below works per byte without carries between bytes, because every byte is below 0x80
        // (`ByteWord`).
        let raw = UnsafeRawPointer(base)
        var i = 0
        var previousIsSpace = false
        while i + 8 <= u.count {
            let w = ByteWord.load(raw, at: i)
            if !ByteWord.isASCII(w) { break }
            let control = ~(w &+ 0x6060_6060_6060_6060) & ByteWord.highs  // below 0x20
            let delete = (w &+ ByteWord.ones) & ByteWord.highs  // 0x7F
            let space = ByteWord.asciiMatches(w, 0x20)
            // (Byte k + 1 is the more significant: a space after a space, here or across words.)
            if control | delete != 0 || space & (space << 8) != 0 || (previousIsSpace && space & 0x80 != 0) { return false }
            previousIsSpace = space >> 63 != 0
            i += 8
        }
        var previous: UInt8 = previousIsSpace ? 0x20 : 0
        while i < u.count {
            let b = u[i]
            if b < 0x20 || b == 0x7F || (b == 0x20 && previous == 0x20) || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 { return false }
            previous = b
            i += 1
        }
        return true
    }

    /// `isCollapsed` a byte at a time: the reference the word-at-a-time test is checked against.
    static func isCollapsedByBytes(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first, let last = u.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var previous: UInt8 = 0
        for b in u {
            if b < 0x20 || b == 0x7F || (b == 0x20 && previous == 0x20) || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 { return false }
            previous = b
        }
        return true
    }

    static func isCollapsed(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isCollapsed($0) }
    }

    /// Works on the UTF-8 bytes: this runs on every piece of text of every page, and Character-
    /// and scalar-level work dominated the profile. ASCII white space and control characters
    /// (never text) are spaces; of the other characters only those with a lead byte that can start
    /// a White_Space character (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) are decoded to ask.
    static func collapse(utf8 u: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(u.count)
        var pendingSpace = false
        var i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 {
                if b <= 0x20 || b == 0x7F {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b)
                }
                i += 1
                continue
            }
            let (length, isSpace) = character(u, at: i)
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                for j in i..<(i + length) { out.append(u[j]) }
            }
            i += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte length of the character at `i`, and whether `collapse` takes it for a space.
    @inline(__always)
    fileprivate static func character(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (length: Int, isSpace: Bool) {
        let b = u[i]
        if b < 0x80 { return (1, b <= 0x20 || b == 0x7F) }
        let length = min(b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1, u.count - i)
        return (length, (b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3) && isWhitespace(UnsafeBufferPointer(rebasing: u[i..<(i + length)])))
    }

    private static func isWhitespace(_ encoded: UnsafeBufferPointer<UInt8>) -> Bool {
        var decoder = UTF8()
        var bytes = encoded.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return false }
        return scalar.properties.isWhitespace
    }

    /// `s.count`, counted on the bytes while every character is ASCII, Latin (below U+0300) or
    /// general punctuation (U+2000–U+206F but the joiners U+200C, U+200D): none of those scalars
    /// joins a neighbour into one Character (no mark, joiner, prepend, Hangul or regional
    /// indicator), so each is one Character and CR LF is the only pair. Other text takes the
    /// Character count itself.
    public static func characterCount(_ s: String) -> Int {
        var s = s
        let fast: Int? = s.withUTF8 { u in
            var count = 0, i = 0
            while i < u.count {
                if u[i] == 0x0D, i + 1 < u.count, u[i + 1] == 0x0A { i += 1 }
                guard let length = standaloneLength(u, at: i) else { return nil }
                i += length
                count += 1
            }
            return count
        }
        return fast ?? s.count
    }

    /// `collapse(s).count` without making the collapsed text: the content tests count every
    /// page's body text (on the bytes as `characterCount` counts).
    public static func collapsedCharacterCount(_ s: String) -> Int {
        var counter = CollapsedCounter()
        counter.feed(s)
        return counter.exact ? counter.count : collapse(s).count
    }

    /// `collapsedCharacterCount` of a text given in pieces (an element's text nodes), fed one
    /// after another, so the whole text need not be made to be counted.
    public struct CollapsedCounter {
        public private(set) var count = 0
        /// False once a piece held a character that may join a neighbour into one Character: the
        /// count is then not this one, and the caller counts the whole text instead.
        public private(set) var exact = true
        private var pendingSpace = false
        private var started = false

        public init() {}

        public mutating func feed(_ piece: String) {
            guard exact else { return }
            var piece = piece
            piece.withUTF8 { u in
                var i = 0
                while i < u.count {
                    let (length, isSpace) = character(u, at: i)
                    if isSpace {
                        pendingSpace = started
                        i += length
                        continue
                    }
                    guard standaloneLength(u, at: i) != nil else {
                        exact = false
                        return
                    }
                    if pendingSpace { count += 1 }
                    pendingSpace = false
                    started = true
                    count += 1
                    i += length
                }
            }
        }
    }

    /// The byte length of the character at `i` when it is one Character whatever its neighbours
    /// (see `characterCount`), else nil. (The bytes are valid UTF-8: they come from a String.)
    @inline(__always)
    fileprivate static func standaloneLength(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = u[i]
        if b < 0x80 { return 1 }
        // U+0080–U+07FF: below U+0300 when the lead byte is below 0xCC.
        if b < 0xE0 { return b < 0xCC ? 2 : nil }
        // U+2000–U+2FFF: general punctuation is E2 80 xx and E2 81 80–AF.
        guard b == 0xE2 else { return nil }
        let second = u[i + 1], third = u[i + 2]
        return (second == 0x80 ? third != 0x8C && third != 0x8D : second == 0x81 && third < 0xB0) ? 3 : nil
    }

    /// `text.split(separator: " ").count` (runs of characters between spaces), on the bytes. A
    /// space next to a non-ASCII character may be one Character with it (a combining accent
    /// after it, a prepended mark before it), so such text takes the Character-level count.
    public static func wordCount(_ text: String) -> Int {
        var ascii = text
        if let count = ascii.withUTF8(asciiWordCount) { return count }
        var words = 0
        var inWord = false
        var afterSpace = false
        var previous: UInt8 = 0
        for b in text.utf8 {
            defer { previous = b }
            if b == 0x20 {
                if previous >= 0x80 { return text.split(separator: " ").count }
                inWord = false
                afterSpace = true
                continue
            }
            if afterSpace && b >= 0x80 { return text.split(separator: " ").count }
            afterSpace = false
            if !inWord { words += 1; inWord = true }
        }
        return words
    }

    /// `wordCount` of ASCII text, eight bytes at a time (it is asked of every paragraph, item and
    /// label): a word starts at each byte other than a space that follows a space or the start.
    /// Nil when a byte is not ASCII.
    private static func asciiWordCount(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = u.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var words = 0, i = 0
        var spaceBefore: UInt64 = 0x80  // the start counts as a space before the first byte
        while i + 8 <= u.count {
            let w = ByteWord.load(raw, at: i)
            if !ByteWord.isASCII(w) { return nil }
            let space = ByteWord.asciiMatches(w, 0x20)
            words += (~space & ByteWord.highs & (space << 8 | spaceBefore)).nonzeroBitCount
            spaceBefore = (space >> 56) & 0x80
            i += 8
        }
        var previousIsSpace = spaceBefore != 0
        while i < u.count {
            let b = u[i]
            if b >= 0x80 { return nil }
            if b != 0x20 && previousIsSpace { words += 1 }
            previousIsSpace = b == 0x20
            i += 1
        }
        return words
    }

    /// Whether the text is empty or white space only (`allSatisfy(\.isWhitespace)`), on bytes when
    /// it is ASCII.
    public static func isBlank(_ s: String) -> Bool {
        for b in s.utf8 {
            if b >= 0x80 { return s.allSatisfy(\.isWhitespace) }
            if b != 0x20 && !(b >= 0x09 && b <= 0x0D) { return false }
        }
        return true
    }

    /// Lower-cased words of letters and digits separated by single spaces; every other character
    /// separates words ("Body-Part:" → "body part"). The matching key of labels and headings.
    public static func words(_ s: String) -> String {
        if let ascii = asciiWords(s) { return ascii }
        var out = ""
        var pendingSpace = false
        for c in s.lowercased() {
            if c.isLetter || c.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(c)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// `words` on the bytes of an all-ASCII string (nearly every label and heading); nil otherwise.
    private static func asciiWords(_ s: String) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for var b in s.utf8 {
            guard b < 0x80 else { return nil }
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words of a key made by `words` (or any text with single spaces), split on the space
    /// byte rather than by Character.
    public static func spaceSeparated(_ key: String) -> [String] {
        key.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Damerau–Levenshtein on UTF-8 bytes (adjacent transpositions) with an early exit past `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        editDistance(Array(a.utf8), Array(b.utf8), limit: limit)
    }

    /// `editDistance` on bytes, its three rows in one buffer on the stack (the near-miss
    /// searches compare a label with hundreds of keys).
    public static func editDistance(_ x: [UInt8], _ y: [UInt8], limit: Int) -> Int {
        if x == y { return 0 }
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let n = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * n) { rows in
            var prev2 = rows.baseAddress!, prev = prev2 + n, cur = prev + n
            for j in 0..<n { prev2[j] = 0; prev[j] = j; cur[j] = 0 }
            for i in 1...x.count {
                cur[0] = i
                var rowMin = i
                for j in 1..<n {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = min(v, prev2[j - 2] + 1) }
                    cur[j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return limit + 1 }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return prev[n - 1]
        }
    }
}
