import ExerciseDocument

/// The front matter most content folders carry, read without the YAML library: `key: value`
/// lines whose values are plain scalars, double-quoted strings without escapes, flow lists of
/// those (`tags: [neck, stretch]`) or a block list under the key (`tags:` then `  - back` lines).
/// Yams (libyaml, then a node per value) took half a millisecond per page for that.
///
/// Anything else (comments, nesting, multi-line scalars, escapes, single quotes, a character a
/// scalar could read otherwise, a repeated key) is nil, and Yams reads the whole front matter as
/// before, so what is read here is what Yams reads (with the basic resolver every scalar is its
/// text); SimpleYAMLTests compare the two on every front matter of the corpus.
enum SimpleYAML {
    static func entries(_ yaml: String, firstLine: Int) -> [MetadataEntry]? {
        var entries: [MetadataEntry] = []
        var keys: Set<String> = []
        let lines = yaml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        var index = 0
        while index < lines.count {
            let bytes = lines[index]
            index += 1
            if bytes.isEmpty { continue }
            guard let colon = bytes.firstIndex(of: 0x3A), colon > 0 else { return nil }
            let key = bytes[..<colon]
            guard isWordStart(key[key.startIndex]), key.allSatisfy(isKeyByte) else { return nil }
            let name = String(decoding: key, as: UTF8.self)
            // A repeated key is an error to Yams: it says so.
            guard keys.insert(name).inserted else { return nil }
            let line = index + firstLine - 1
            if colon + 1 == bytes.count {
                // `key:` and then `  - item` lines, all indented alike.
                var items: [MetadataValue] = []
                var indent = -1
                while index < lines.count, let item = listItem(lines[index], indent: &indent) {
                    guard let value = scalar(item, inFlow: false) else { return nil }
                    items.append(value)
                    index += 1
                }
                guard !items.isEmpty else { return nil }
                entries.append(MetadataEntry(key: name, value: .list(items), line: line))
                continue
            }
            guard bytes[colon + 1] == 0x20 else { return nil }
            var start = colon + 1
            while start < bytes.count, bytes[start] == 0x20 { start += 1 }
            guard let value = self.value(bytes[start...]) else { return nil }
            entries.append(MetadataEntry(key: name, value: value, line: line))
        }
        return entries.isEmpty ? nil : entries
    }

    /// The scalar of `<indent>- <scalar>` when the line is one, at the same indent as the first.
    private static func listItem(_ bytes: [UInt8], indent: inout Int) -> ArraySlice<UInt8>? {
        var spaces = 0
        while spaces < bytes.count, bytes[spaces] == 0x20 { spaces += 1 }
        guard spaces > 0, spaces + 2 < bytes.count, bytes[spaces] == 0x2D, bytes[spaces + 1] == 0x20, bytes[spaces + 2] != 0x20 else { return nil }
        if indent < 0 { indent = spaces }
        guard spaces == indent else { return nil }
        return bytes[(spaces + 2)...]
    }

    private static func value(_ v: ArraySlice<UInt8>) -> MetadataValue? {
        guard let first = v.first, let last = v.last else { return nil }
        if first == 0x5B {
            // [a, b]: plain or quoted items between single commas.
            guard last == 0x5D else { return nil }
            let inner = v.dropFirst().dropLast()
            if inner.isEmpty { return .list([]) }
            var items: [MetadataValue] = []
            for part in inner.split(separator: 0x2C, omittingEmptySubsequences: false) {
                var item = part[...]
                while item.first == 0x20 { item = item.dropFirst() }
                while item.last == 0x20 { item = item.dropLast() }
                guard let value = scalar(item, inFlow: true) else { return nil }
                items.append(value)
            }
            return .list(items)
        }
        return scalar(v, inFlow: false)
    }

    /// A double-quoted string without escapes, or a plain scalar, as its text.
    private static func scalar(_ v: ArraySlice<UInt8>, inFlow: Bool) -> MetadataValue? {
        guard let first = v.first, let last = v.last else { return nil }
        if first == 0x22 {
            // "…": printable, no quote or backslash inside, nothing after.
            guard v.count >= 2, last == 0x22 else { return nil }
            let inner = v.dropFirst().dropLast()
            guard inner.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != 0x22 && $0 != 0x5C }), printable(inner), !(inFlow && inner.contains(0x2C)) else { return nil }
            return .text(String(decoding: inner, as: UTF8.self))
        }
        guard isPlain(v, inFlow: inFlow) else { return nil }
        return .text(String(decoding: v, as: UTF8.self))
    }

    /// A plain scalar YAML reads as its own text: it starts with a letter or digit and ends with
    /// neither a space nor a colon; inside, any printable character but a colon before a space or
    /// at the end, a `#` after a space, a tab, and in a flow list `, [ ] { }`.
    private static func isPlain(_ s: ArraySlice<UInt8>, inFlow: Bool) -> Bool {
        guard let first = s.first, let last = s.last, isWordStart(first), last != 0x20, last != 0x3A else { return false }
        var previous: UInt8 = 0
        for b in s {
            if b < 0x20 || b == 0x7F { return false }
            if b == 0x20 && previous == 0x3A { return false }
            if b == 0x23 && previous == 0x20 { return false }
            if inFlow && (b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D) { return false }
            previous = b
        }
        return printable(s)
    }

    /// No character YAML treats otherwise inside a scalar: NEL, the line and paragraph
    /// separators (line breaks to YAML), the byte-order mark, U+FFFE/U+FFFF, C1 controls.
    private static func printable(_ s: ArraySlice<UInt8>) -> Bool {
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if b < 0x80 { i += 1; continue }
            if b == 0xC2, i + 1 < s.endIndex, s[i + 1] < 0xA0 { return false }
            if b == 0xE2, i + 2 < s.endIndex, s[i + 1] == 0x80, s[i + 2] == 0xA8 || s[i + 2] == 0xA9 { return false }
            if b == 0xEF, i + 2 < s.endIndex, (s[i + 1] == 0xBB && s[i + 2] == 0xBF) || (s[i + 1] == 0xBF && s[i + 2] >= 0xBE) { return false }
            i += 1
        }
        return true
    }

    private static func isWordStart(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func isKeyByte(_ b: UInt8) -> Bool { isWordStart(b) || b == 0x2D || b == 0x5F }
}
