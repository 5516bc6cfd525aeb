/// The text a label is matched by. Both the taxonomy's own labels and the labels found on pages go
/// through the same function, so every rule here applies to both sides alike.
enum MatchKey {
    /// Lower case, accents folded, `&` as "and", every run of other characters one space.
    /// Runs once per label of every record: plain ASCII labels take a byte-level path.
    static func of(_ label: String) -> String {
        var utf8 = label.utf8
        if let fast = utf8.withContiguousStorageIfAvailable({ asciiKey($0) }) ?? nil { return fast }
        var copy = label
        copy.makeContiguousUTF8()
        utf8 = copy.utf8
        if let fast = utf8.withContiguousStorageIfAvailable({ asciiKey($0) }) ?? nil { return fast }
        return unicodeKey(label)
    }

    /// The key of an all-ASCII label, or nil when the label has other characters.
    private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 4)
        var pendingSpace = false
        for b in bytes {
            guard b < 0x80 else { return nil }
            var c = b
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            } else if c == 0x26 {  // & → and
                if !out.isEmpty { out.append(0x20) }
                out += [0x61, 0x6E, 0x64]
                pendingSpace = true
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unicodeKey(_ label: String) -> String {
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

    /// Latin letters with diacritics, ligatures and typographic forms, folded to ASCII.
    private static func fold(_ scalar: Unicode.Scalar) -> String? {
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
        for (british, us) in [("isers", "izers"), ("iser", "izer"), ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing")] where w.hasSuffix(british) && w.count > british.count + 2 {
            return String(w.dropLast(british.count)) + us
        }
        return w
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
