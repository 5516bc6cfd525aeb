import ExerciseModel
import Foundation

/// Works out how an HTML page's bytes are encoded and turns them into UTF-8 for libxml2, the way
/// browsers do: byte order mark, then a `<meta charset>` or `http-equiv` declaration in the first
/// kilobytes, then "UTF-8 if it is valid, else windows-1252". Problems are diagnostics, never a
/// crash and never a silent guess.
enum HTMLCharset {
    static func utf8Bytes(_ bytes: [UInt8], diagnostics: inout DiagnosticSink) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return validUTF8(Array(bytes.dropFirst(3)), declared: "UTF-8 byte order mark", diagnostics: &diagnostics) }
        if bytes.starts(with: [0xFF, 0xFE]) { return decode(Array(bytes.dropFirst(2)), .utf16LittleEndian, label: "UTF-16LE", diagnostics: &diagnostics) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decode(Array(bytes.dropFirst(2)), .utf16BigEndian, label: "UTF-16BE", diagnostics: &diagnostics) }

        if let (label, line) = declaredCharset(bytes) {
            let key = label.lowercased()
            if ["utf-8", "utf8", "unicode-1-1-utf-8"].contains(key) {
                return validUTF8(bytes, declared: "declared charset \(label)", diagnostics: &diagnostics)
            }
            // WHATWG: these labels all mean windows-1252, a superset of ISO-8859-1.
            if ["iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252", "iso-ir-100", "cp819", "ibm819"].contains(key) {
                return windows1252(bytes)
            }
            if let encoding = otherEncodings[key] {
                return decode(bytes, encoding, label: label, diagnostics: &diagnostics)
            }
            diagnostics.report(.unknownCharset, "declared charset '\(label)' is not supported; reading the page as UTF-8 if valid, else windows-1252", line: line)
        }
        if TextDecoding.firstInvalidUTF8Offset(bytes[...]) == nil { return bytes }
        diagnostics.report(.charsetGuess, "no charset declared and the bytes are not UTF-8; read as windows-1252 (declare <meta charset> to be sure)")
        return windows1252(bytes)
    }

    private static let otherEncodings: [String: String.Encoding] = [
        "iso-8859-2": .isoLatin2, "latin2": .isoLatin2, "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251,
        "windows-1253": .windowsCP1253, "windows-1254": .windowsCP1254, "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC,
        "iso-2022-jp": .iso2022JP, "macintosh": .macOSRoman, "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    ]

    /// The charset a `<meta>` in the first 4 KiB declares (`<meta charset=…>` or an `http-equiv`
    /// content type), with the line it is on. A byte scan, case-folded as it compares: no regular
    /// expression and no lower-cased copy per page.
    static func declaredCharset(_ bytes: [UInt8]) -> (String, Int)? {
        let head = bytes.prefix(4096)
        var i = 0
        while let m = find(meta, in: head, from: i) {
            let end = head[m...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            if let c = find(charset, in: head[..<end], from: m) {
                var j = c + charset.count
                func skip(_ bytes: [UInt8]) { while j < end, bytes.contains(head[j]) { j += 1 } }
                skip([0x20, 0x09, 0x0A, 0x0D])
                if j < end, head[j] == UInt8(ascii: "=") {
                    j += 1
                    skip([0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'")])
                    let start = j
                    while j < end, head[j].isCharsetNameByte { j += 1 }
                    if j > start {
                        let line = head[..<m].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                        return (String(decoding: bytes[start..<j], as: UTF8.self), line)
                    }
                }
            }
            i = end
        }
        return nil
    }

    private static let meta = Array("<meta".utf8), charset = Array("charset".utf8)

    /// Where `needle` (lower-case) starts in `hay`, ASCII letters compared in either case.
    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard needle.count <= hay.endIndex - start else { return nil }
        var i = max(start, hay.startIndex)
        let first = needle[0]
        while i + needle.count <= hay.endIndex {
            if lowered(hay[i]) == first {
                var k = 1
                while k < needle.count && lowered(hay[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private static func lowered(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    /// Valid UTF-8 passes through; invalid sequences become U+FFFD with a warning naming the
    /// first one (its line and byte offset).
    static func validUTF8(_ bytes: [UInt8], declared: String, diagnostics: inout DiagnosticSink) -> [UInt8] {
        guard let offset = TextDecoding.firstInvalidUTF8Offset(bytes[...]) else { return bytes }
        let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        diagnostics.report(.invalidUTF8, "invalid UTF-8 at byte offset \(offset) (0x\(String(bytes[offset], radix: 16, uppercase: true))) despite the \(declared); invalid bytes were replaced with U+FFFD", line: line, severity: .warning)
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    static func decode(_ bytes: [UInt8], _ encoding: String.Encoding, label: String, diagnostics: inout DiagnosticSink) -> [UInt8] {
        if let s = String(data: Data(bytes), encoding: encoding) { return Array(s.utf8) }
        diagnostics.report(.invalidCharsetBytes, "the bytes are not valid \(label); read as windows-1252 instead")
        return windows1252(bytes)
    }

    /// windows-1252 (every byte maps; the five unassigned ones to C1 controls, as browsers do).
    static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
        var s = String.UnicodeScalarView()
        for b in bytes {
            if (0x80...0x9F).contains(b), let mapped = cp1252High[Int(b - 0x80)] {
                s.append(mapped)
            } else {
                s.append(Unicode.Scalar(b))
            }
        }
        return Array(String(s).utf8)
    }

    private static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}

extension UInt8 {
    /// Letters, digits and `_ . : -`: the bytes a charset name is made of.
    fileprivate var isCharsetNameByte: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x61 && self <= 0x7A) || (self >= 0x41 && self <= 0x5A)
            || self == UInt8(ascii: "_") || self == UInt8(ascii: ".") || self == UInt8(ascii: ":") || self == UInt8(ascii: "-")
    }
}

extension DiagnosticCode {
    static let unknownCharset = DiagnosticCode("unknown-charset", .warning,
        "The page declares a charset this reader does not know; it was read as UTF-8 when valid, else as windows-1252. Declare UTF-8.")
    static let charsetGuess = DiagnosticCode("charset-guess", .info,
        "No charset is declared and the bytes are not UTF-8; the page was read as windows-1252, as browsers do. Declare `<meta charset>` to be sure.")
    static let invalidCharsetBytes = DiagnosticCode("invalid-charset-bytes", .warning,
        "The bytes do not decode in the declared charset; the page was read as windows-1252 instead. Check the declaration.")
}
