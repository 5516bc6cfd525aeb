import ExerciseModel

/// Turns input bytes into text the readers can trust: UTF-8 with or without BOM, any line ending.
public enum TextDecoding {
    /// Decodes strict UTF-8 (a leading BOM is dropped; CRLF and lone CR become LF), or UTF-16 that
    /// starts with its byte order mark. Invalid bytes
    /// are an error naming the line and byte offset of the first one: the page is not guessed at.
    public static func utf8Text(_ bytes: [UInt8], diagnostics: inout DiagnosticSink) -> String? {
        // UTF-16 with a byte order mark (what Windows editors save as "Unicode"): decoded, strictly.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return utf16Text(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE, diagnostics: &diagnostics).map(normalizeLineEndings)
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // The standard library's validation (with its fast path for ASCII runs) for the common
        // case; the offset of a bad byte is looked for only when there is one.
        if let text = String(validating: body, as: UTF8.self) { return normalizeLineEndings(text) }
        if let offset = firstInvalidUTF8Offset(body) {
            let line = body[body.startIndex..<(body.startIndex + offset)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            diagnostics.report(.invalidUTF8, "invalid UTF-8 at byte offset \(offset + (bytes.count - body.count)) (0x\(String(body[body.startIndex + offset], radix: 16, uppercase: true))); expected UTF-8 text — re-save the file as UTF-8",
                line: line)
            return nil
        }
        let text = String(decoding: body, as: UTF8.self)
        return normalizeLineEndings(text)
    }

    /// UTF-16 text after its byte order mark; an odd byte count or an unpaired surrogate is an
    /// error naming its byte offset, as invalid UTF-8 is.
    static func utf16Text(_ body: ArraySlice<UInt8>, bigEndian: Bool, diagnostics: inout DiagnosticSink) -> String? {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i + 1 < body.endIndex {
            units.append(bigEndian ? UInt16(body[i]) << 8 | UInt16(body[i + 1]) : UInt16(body[i + 1]) << 8 | UInt16(body[i]))
            i += 2
        }
        func fail(atUnit unit: Int, _ what: String) -> String? {
            let offset = 2 + unit * 2
            let line = 1 + units[..<min(unit, units.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            diagnostics.report(.invalidUTF8, "invalid UTF-16\(bigEndian ? "BE" : "LE") at byte offset \(offset) (\(what)); expected UTF-16 text after the byte order mark — re-save the file as UTF-8", line: line)
            return nil
        }
        if body.count % 2 != 0 { return fail(atUnit: units.count, "an odd number of bytes") }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                consumed += scalar.utf16.count
            case .emptyInput: break loop
            case .error: return fail(atUnit: consumed, "an unpaired surrogate")
            }
        }
        return String(scalars)
    }

    public static func normalizeLineEndings(_ s: String) -> String {
        guard s.containsByte(0x0D) else { return s }
        // CR LF and a lone CR become LF, on the bytes (CR and LF are never part of another
        // character's encoding).
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        for b in s.utf8 {
            if b == 0x0A && previousCR { previousCR = false; continue }
            previousCR = b == 0x0D
            out.append(previousCR ? 0x0A : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) }
    }

    private static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let end = bytes.count
        while i < end {
            // Eight ASCII bytes at a time (most of every page).
            i = ByteWord.asciiRun(bytes, from: i)
            if i >= end { break }
            let b = bytes[i]
            let length: Int
            var minSecond: UInt8 = 0x80, maxSecond: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maxSecond = 0x9F
            case 0xF0: length = 4; minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maxSecond = 0x8F
            default: return i
            }
            guard i + length <= end else { return i }
            let second = bytes[i + 1]
            guard second >= minSecond && second <= maxSecond else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}

import Foundation

extension DiagnosticCode {
    static let invalidUTF8 = DiagnosticCode("invalid-utf8", .error,
        "The file is not valid UTF-8 at the byte named (a markdown page is then not read; an HTML page is read with the bad bytes replaced, as a warning). Re-save the file as UTF-8.")
}
