/// Where JSON text first goes wrong, as line, column and what was expected: Foundation's decoder
/// says only "The given data was not valid JSON.", which leaves a person to hunt for a missing
/// comma. Asked only after the decoder has failed; a strict reading of RFC 8259.
public enum JSONSyntax {
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// The first syntax error, or nil when the text is well-formed JSON.
    public static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var scanner = Scanner(bytes: bytes)
        do throws(Problem) {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.i = 3 }
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.i < bytes.count { throw scanner.problem("unexpected text after the end of the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        /// The problem at the current byte; line and column count characters from 1.
        func problem(_ message: String) -> Problem {
            var line = 1, column = 1
            for b in bytes[..<min(i, bytes.count)] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return Problem(line: line, column: column, message: message)
        }

        mutating func skipSpace() {
            while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 }
        }

        mutating func expect(_ byte: UInt8, _ message: String) throws(Problem) {
            guard current == byte else { throw problem(message) }
            i += 1
        }

        mutating func value(depth: Int) throws(Problem) {
            guard depth < 512 else { throw problem("nested deeper than 512 levels") }
            switch current {
            case UInt8(ascii: "{")?: try object(depth: depth)
            case UInt8(ascii: "[")?: try array(depth: depth)
            case UInt8(ascii: "\"")?: try string()
            case UInt8(ascii: "t")?: try literal("true")
            case UInt8(ascii: "f")?: try literal("false")
            case UInt8(ascii: "n")?: try literal("null")
            case let b? where b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39): try number()
            case nil: throw problem("expected a value, found the end of the file")
            case UInt8(ascii: "'")?: throw problem("strings take double quotes (\"), not single ones")
            default: throw problem("expected a value (an object, array, string, number, true, false or null)")
            }
        }

        mutating func object(depth: Int) throws(Problem) {
            i += 1
            skipSpace()
            if current == UInt8(ascii: "}") { i += 1; return }
            // The keys so far, as written: a key given twice is an error, not "the last one wins".
            var keys = Set<ArraySlice<UInt8>>()
            while true {
                guard current == UInt8(ascii: "\"") else {
                    throw problem(current == UInt8(ascii: "}") ? "a comma before '}' (trailing commas are not JSON)" : "expected a key in double quotes")
                }
                let start = i
                try string()
                guard keys.insert(bytes[start..<i]).inserted else {
                    let key = String(decoding: bytes[start..<i], as: UTF8.self)
                    i = start
                    throw problem("the key \(key) appears twice in this object (which one is meant?)")
                }
                skipSpace()
                try expect(UInt8(ascii: ":"), "expected ':' after the key")
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: "}") { i += 1; return }
                guard current == UInt8(ascii: ",") else { throw problem("expected ',' or '}' after the value (is a comma missing?)") }
                i += 1
                skipSpace()
            }
        }

        mutating func array(depth: Int) throws(Problem) {
            i += 1
            skipSpace()
            if current == UInt8(ascii: "]") { i += 1; return }
            while true {
                if current == UInt8(ascii: "]") { throw problem("a comma before ']' (trailing commas are not JSON)") }
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: "]") { i += 1; return }
                guard current == UInt8(ascii: ",") else { throw problem("expected ',' or ']' after the element (is a comma missing?)") }
                i += 1
                skipSpace()
            }
        }

        mutating func string() throws(Problem) {
            i += 1
            while let b = current {
                switch b {
                case UInt8(ascii: "\""): i += 1; return
                case UInt8(ascii: "\\"):
                    i += 1
                    guard let e = current else { break }
                    if e == UInt8(ascii: "u") {
                        for k in 1...4 {
                            guard i + k < bytes.count, isHex(bytes[i + k]) else { i += k; throw problem("expected four hex digits after \\u") }
                        }
                        i += 5
                    } else if Array("\"\\/bfnrt".utf8).contains(e) {
                        i += 1
                    } else {
                        throw problem("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                    }
                case 0x00..<0x20: throw problem(b == 0x0A ? "a string runs past the end of the line (is a closing quote missing?)" : "a control character in a string (write it escaped)")
                default: i += 1
                }
            }
            throw problem("a string is never closed (a closing quote is missing)")
        }

        mutating func literal(_ word: String) throws(Problem) {
            for b in word.utf8 {
                guard current == b else { throw problem("expected \(word)") }
                i += 1
            }
        }

        mutating func number() throws(Problem) {
            if current == UInt8(ascii: "-") { i += 1 }
            guard let first = current, isDigit(first) else { throw problem("expected a digit") }
            i += 1
            if first != UInt8(ascii: "0") { while let b = current, isDigit(b) { i += 1 } }
            if current == UInt8(ascii: ".") {
                i += 1
                guard let b = current, isDigit(b) else { throw problem("expected a digit after the decimal point") }
                while let b = current, isDigit(b) { i += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                i += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
                guard let b = current, isDigit(b) else { throw problem("expected a digit in the exponent") }
                while let b = current, isDigit(b) { i += 1 }
            }
        }

        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }
    }
}

extension JSONSyntax.Problem: Error {}
