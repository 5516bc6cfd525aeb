import Foundation

/// The state folder's line files (the manifest, the cache index, a writer's ledger):
/// tab-separated fields, one record a line, read a block at a time so that a file of hundreds of
/// thousands of lines is never held whole in memory. A field that may hold any text (a path) is
/// escaped: `\\`, tab and line feed.
public enum LineFile {
    /// Reads a file a line at a time (without the `\n`), a block at a time.
    public final class Reader {
        private let handle: FileHandle
        private var pending = [UInt8]()
        private var start = 0
        private var atEnd = false

        public init?(_ url: URL) {
            guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
            self.handle = handle
        }

        deinit { try? handle.close() }

        public func next() -> Substring? {
            while true {
                if let newline = pending[start...].firstIndex(of: 0x0A) {
                    defer { start = newline + 1 }
                    return String(decoding: pending[start..<newline], as: UTF8.self)[...]
                }
                if atEnd {
                    guard start < pending.count else { return nil }
                    defer { start = pending.count }
                    return String(decoding: pending[start...], as: UTF8.self)[...]
                }
                pending.removeFirst(start)
                start = 0
                if let block = try? handle.read(upToCount: 1 << 16), !block.isEmpty { pending.append(contentsOf: block) } else { atEnd = true }
            }
        }
    }

    /// Calls `body` with each line of the file; false when it cannot be opened. `body` returns
    /// false to stop early.
    @discardableResult
    public static func forEachLine(_ url: URL, _ body: (Substring) -> Bool) -> Bool {
        guard let reader = Reader(url) else { return false }
        while let line = reader.next(), body(line) {}
        return true
    }

    /// The first `count - 1` tab-separated fields of a line and the rest as the last, scanning
    /// the UTF-8 bytes (a generic split costs more than the rest of reading a 100,000-line file).
    public static func fields(_ line: Substring, _ count: Int) -> [Substring] {
        var out: [Substring] = []
        out.reserveCapacity(count)
        var start = line.startIndex
        var i = line.utf8.startIndex
        while i < line.utf8.endIndex, out.count < count - 1 {
            if line.utf8[i] == 0x09 {
                out.append(line[start..<i])
                start = line.utf8.index(after: i)
            }
            i = line.utf8.index(after: i)
        }
        out.append(line[start...])
        return out
    }

    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A }) else { return field }
        var out = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(0x5C) else { return String(field) }
        var out = ""
        var escaped = false
        for scalar in field.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(scalar == "t" ? "\t" : scalar == "n" ? "\n" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
