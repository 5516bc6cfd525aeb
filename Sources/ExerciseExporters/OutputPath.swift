import ExerciseModel

extension OutputDirectory {
    /// The path's components joined by single slashes; nil when it is absolute, has a `..`
    /// component or none at all. On the bytes when each is a Character (every record's file:
    /// splitting by Character cost more than writing the file).
    static func inside(_ relative: String) -> String? {
        guard relative.bytesAreCharacters else {
            let parts = relative.split(separator: "/")
            return relative.hasPrefix("/") || parts.contains("..") || parts.isEmpty ? nil : parts.joined(separator: "/")
        }
        var relative = relative
        return relative.withUTF8 { u -> String? in
            guard let first = u.first, first != 0x2F else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            var start = 0
            for i in 0...u.count where i == u.count || u[i] == 0x2F {
                if i - start == 2 && u[start] == 0x2E && u[start + 1] == 0x2E { return nil }
                if i > start {
                    if !out.isEmpty { out.append(0x2F) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                }
                start = i + 1
            }
            return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
        }
    }
}
