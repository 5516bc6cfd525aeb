import Foundation

/// Text normalisation shared by readers and the extractor: the record holds plain text with
/// whitespace collapsed.
public enum PlainText {
    /// Collapses every run of white space (including non-breaking spaces, line breaks and control
    /// characters) to one space and trims both ends.
    public static func collapse(_ s: String) -> String {
        // Works on Unicode scalars with an ASCII fast path: this runs on every piece of text of
        // every page, and Character-level whitespace tests dominated the profile.
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let isSpace: Bool
            switch scalar.value {
            case 0x00...0x20, 0x7F: isSpace = true  // white space, and control characters: never text
            case 0..<0x80: isSpace = false
            default: isSpace = scalar.properties.isWhitespace
            }
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Lower-cased words of letters and digits separated by single spaces; every other character
    /// separates words ("Body-Part:" → "body part"). The matching key of labels and headings.
    public static func words(_ s: String) -> String {
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

    /// Lower-case kebab-case slug from a name: ASCII letters and digits kept (accents folded),
    /// everything else one `-`. Safe as a file name: it never contains `/` or starts with `.`.
    public static func slug(_ s: String) -> String {
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
