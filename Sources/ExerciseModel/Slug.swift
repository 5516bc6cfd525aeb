import Foundation

extension PlainText {
    /// Lower-case kebab-case slug from a name: ASCII letters and digits kept (accents folded),
    /// everything else one `-`. Safe as a file name: it never contains `/` or starts with `.`.
    public static func slug(_ s: String) -> String {
        asciiSlug(s) ?? foldedSlug(s)
    }

    /// `slug` on the bytes of an ASCII string (a record's name nearly always): Foundation's
    /// folding of ASCII only lower-cases it, and it cost more than the rest of the rule.
    private static func asciiSlug(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { u -> String? in
            guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
            // (At most a dash before each byte.)
            return String(unsafeUninitializedCapacity: 2 * u.count) { out in
                var count = 0
                var pendingDash = false
                for var b in u {
                    if b >= 0x41 && b <= 0x5A { b += 0x20 }
                    if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                        if pendingDash && count > 0 { out[count] = 0x2D; count += 1 }
                        pendingDash = false
                        out[count] = b
                        count += 1
                    } else if b != 0x27 {
                        pendingDash = true
                    }
                }
                return count
            }
        }
    }

    /// `slug` through Foundation's folding, for strings with other characters (and the reference
    /// the byte path is tested against).
    public static func foldedSlug(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingDash = false
        for c in folded {
            if c.isASCII && (c.isLetter || c.isNumber) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(c)
            } else if c == "'" || c == "\u{2019}" {
                continue  // "Farmer's walk" → "farmers-walk", not "farmer-s-walk"
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
