import ExerciseModel

/// The text a label is matched by. Both the taxonomy's own labels and the labels found on pages go
/// through the same function, so every rule here applies to both sides alike.
enum MatchKey {
    /// Lower case, accents folded, `&` as "and", every run of other characters one space.
    /// Runs once per label of every record: ASCII labels (typographic punctuation allowed) take a
    /// byte-level path.
    static func of(_ label: String) -> String {
        withKey(of: label) { key, _ in String(decoding: key, as: UTF8.self) }
    }

    /// `body` over the key's bytes, without making it a string when the text is ASCII but for
    /// punctuation (as running text mostly is). Its second argument, `plain`, is true then: the
    /// key holds nothing but lower-case letters, digits and single spaces.
    @inline(__always)
    static func withKey<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>, _ plain: Bool) -> R) -> R {
        var text = text
        let folded: R? = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: asciiKeyCapacity(bytes)) { out in
                foldASCII(bytes, into: out).map { body(UnsafeBufferPointer(rebasing: out[..<$0]), true) }
            }
        }
        if let folded { return folded }
        var key = unicodeKey(text)
        return key.withUTF8 { body($0, false) }
    }

    /// Room for what `foldASCII` writes: a byte gives at most one byte, and a separator one
    /// space, but "&" gives " and" and a space after it.
    private static func asciiKeyCapacity(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress, memchr(base, 0x26, bytes.count) != nil else { return bytes.count }
        return bytes.count * 5
    }

    /// Writes the key of a label into `out` and returns its length, when the label is ASCII but
    /// for punctuation and spaces (a typographic quote or dash, which only separate words); nil
    /// when it has other characters, which `unicodeKey` folds.
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        asciiFolds.withUnsafeBufferPointer { folds in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                if c < 0x80 {
                    let folded = folds[Int(c)]
                    if folded > 1 {
                        if pendingSpace && count > 0 { out[count] = 0x20; count += 1 }
                        pendingSpace = false
                        out[count] = folded
                        count += 1
                    } else if folded == 1 {  // & → and
                        if count > 0 { out[count] = 0x20; count += 1 }
                        out[count] = 0x61; out[count + 1] = 0x6E; out[count + 2] = 0x64
                        count += 3
                        pendingSpace = true
                    } else {
                        pendingSpace = true
                    }
                    continue
                }
                // (The bytes are a Swift string's: valid UTF-8.)
                let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                guard i + length - 1 <= bytes.count else { return nil }
                var value = UInt32(c) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 0..<(length - 1) { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                guard let scalar = Unicode.Scalar(value), separates(scalar) else { return nil }
                i += length - 1
                pendingSpace = true
            }
            return count
        }
    }

    /// Per ASCII byte, what the key holds for it: a letter lower-cased or a digit as it is, 1 for
    /// `&` (" and "), 0 for a separator. One look-up a byte instead of a chain of range tests: the
    /// fold runs over every step, tip and answer of every page (the prose scan).
    private static let asciiFolds: [UInt8] = (0..<128).map { b -> UInt8 in
        let c = UInt8(b)
        if c >= 0x41 && c <= 0x5A { return c + 0x20 }
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { return c }
        return c == 0x26 ? 1 : 0
    }

    static func unicodeKey(_ label: String) -> String {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        for scalar in label.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
                    word.append(scalar)
                } else if (0x41...0x5A).contains(v) {
                    word.append(Unicode.Scalar(v + 0x20)!)
                } else if v == 0x26 {  // &
                    endWord()
                    words.append("and")
                } else {
                    endWord()
                }
            } else if separates(scalar) {
                endWord()
            } else if let folded = fold(scalar) {
                word.append(contentsOf: folded.unicodeScalars)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                endWord()
            }
        }
        endWord()
        return words.joined(separator: " ")
    }

    /// The key with British spellings in their American form ("tyre" → "tire", "stabiliser" →
    /// "stabilizer", "glutaeus" → "gluteus"). The index holds American keys; a lookup tries the
    /// key as written first and this form only when that misses.
    static func american(_ key: String) -> String {
        guard key.containsByte(0x20) else { return americanWord(key) }
        return key.spaceSeparatedWords.map { americanWord(String($0)) }.joined(separator: " ")
    }

    /// One word's American spelling.
    static func americanWord(_ word: String) -> String {
        americanWords[word] ?? americanSuffix(word)
    }

    /// One trailing "s" dropped from keys longer than three letters, not after "s"
    /// ("dumbbells" → "dumbbell"; "abs" and "press" stay).
    static func singular(_ key: String) -> String {
        // The last two bytes first: most keys do not end in a lone "s", and counting Characters costs.
        let utf8 = key.utf8
        guard utf8.last == 0x73, utf8.count > 3, utf8[utf8.index(utf8.endIndex, offsetBy: -2)] != 0x73, key.count > 3 else { return key }
        return String(key.dropLast())
    }

    /// Punctuation ("’", "–", "“"), spaces and control characters: what ends a word without
    /// asking Foundation's folding, which gives no letter for them (MatchKeyTests checks every
    /// such scalar) and was most of the cost of a sentence with a typographic quote in it.
    static func separates(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return true
        default:
            return false
        }
    }

    /// Latin letters with diacritics, ligatures and typographic forms, folded to ASCII.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let decomposed = String(scalar).decomposedASCII
        return decomposed.isEmpty ? nil : decomposed
    }

    /// British words with another American spelling, and that spelling.
    static var respelledWords: [String: String] { americanWords }

    private static let americanWords: [String: String] = [
        "tyre": "tire", "tyres": "tires", "centre": "center", "centres": "centers", "colour": "color",
        "programme": "program", "metre": "meter", "metres": "meters", "fibre": "fiber", "fibres": "fibers",
        "grey": "gray", "glutaeus": "gluteus", "glutaei": "glutei", "oesophagus": "esophagus",
        "anaesthetic": "anesthetic", "manoeuvre": "maneuver", "plough": "plow", "kerb": "curb",
    ]

    /// "-iser(s)", "-isation", "-ised", "-ising" → "-izer(s)", "-ization", … ("stabiliser").
    /// Only these endings: "-ise" alone would turn "exercise" into "exercize".
    private static func americanSuffix(_ w: String) -> String {
        // Every ending holds "is"; most words do not.
        guard w.utf8.count > 5, containsIS(w.utf8) else { return w }
        for (british, us) in britishEndings where w.hasSuffix(british) && w.count > british.count + 2 {
            return String(w.dropLast(british.count)) + us
        }
        return w
    }

    private static let britishEndings = [("isers", "izers"), ("iser", "izer"), ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing")]
    private static let britishEndingBytes = britishEndings.map { Array($0.0.utf8) }
    private static let britishWords = ByteHashFilter(slots: 1 << 10, hash: ByteHashFilter.wholeString, of: americanWords.keys)

    /// False when `americanWord` surely leaves the word (an ASCII word of a key) as it is; true
    /// when it may not. Tested on the bytes, for the scan of prose, which takes the slow path
    /// (`americanWord` itself) for a window with such a word.
    static func mayRespell(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if britishWords.mayContain(word) { return true }
        guard word.count > 5 else { return false }
        return britishEndingBytes.contains { ending in word.count > ending.count + 2 && word.suffix(ending.count).elementsEqual(ending) }
    }
}

private func containsIS(_ utf8: String.UTF8View) -> Bool {
    var previous: UInt8 = 0
    for b in utf8 {
        if previous == 0x69 && b == 0x73 { return true }
        previous = b
    }
    return false
}

/// Latin letters that diacritic folding leaves alone.
private let latinSpecials: [String: String] = ["ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"]

extension String {
    /// NFD-style folding of one Latin letter to ASCII letters ("é" → "e", "ß" → "ss", "æ" → "ae");
    /// empty when the character is not a Latin letter.
    fileprivate var decomposedASCII: String {
        let folded = self.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        if let s = latinSpecials[folded] { return s }
        return folded.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic } ? folded : ""
    }
}

import Foundation
