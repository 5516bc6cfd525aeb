import ExerciseDocument
import ExerciseModel
import Foundation
import TOMLKit

/// TOML front matter (`+++`, Hugo's default), through TOMLKit (toml++). The table is read through
/// its JSON form, so TOML and JSON front matter become metadata the same way; every value is kept
/// as text (numbers and dates as written in JSON form), as YAML's are.
enum TOMLFrontMatter {
    static func parse(_ toml: String, firstLine: Int, diagnostics: inout DiagnosticSink) -> [MetadataEntry] {
        if toml.allSatisfy(\.isWhitespace) { return [] }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            diagnostics.report(.frontMatterSyntax, "front matter is not valid TOML: \(error.description); its keys were ignored",
                               line: firstLine + max(0, Int(error.source.begin.line) - 1))
            return []
        } catch {
            diagnostics.report(.frontMatterSyntax, "front matter is not valid TOML: \(error); its keys were ignored", line: firstLine)
            return []
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(table.convert(to: .json).utf8)) as? [String: Any] else {
            diagnostics.report(.frontMatterShape, "TOML front matter could not be read as a table of keys; ignored", line: firstLine)
            return []
        }
        let lines = toml.split(separator: "\n", omittingEmptySubsequences: false)
        return MetadataJSON.entries(object, firstLine: firstLine) { key in
            // `key = …`, `"key" = …` or a `[key]` table header, at the start of a line.
            lines.firstIndex { line in
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                return trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") || trimmed.hasPrefix("\"\(key)\"") || trimmed.hasPrefix("[\(key)]")
            }.map { ($0, 0) }
        }
    }
}

/// JSON front matter: a JSON object that opens the file (Hugo reads it too).
enum JSONFrontMatter {
    static func parse(_ json: String, firstLine: Int, diagnostics: inout DiagnosticSink) -> [MetadataEntry] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            diagnostics.report(.frontMatterSyntax, "front matter is not valid JSON: \(detail); its keys were ignored", line: firstLine)
            return []
        }
        guard let object = value as? [String: Any] else {
            diagnostics.report(.frontMatterShape, "JSON front matter should be an object of keys; ignored", line: firstLine)
            return []
        }
        let positions = topLevelKeys(json)
        return MetadataJSON.entries(object, firstLine: firstLine) { key in positions[key] }
    }

    /// Where each key of the top-level object is written: its line (from 0) and byte column, in
    /// one pass over the text (a one-line object has all its keys on line 1; a nested object's
    /// keys are not the page's). Keys written with escapes are not found (they sort last).
    static func topLevelKeys(_ json: String) -> [String: (line: Int, column: Int)] {
        var found: [String: (line: Int, column: Int)] = [:]
        let u = Array(json.utf8)
        var depth = 0, line = 0, lineStart = 0, i = 0
        var expectingKey = false
        while i < u.count {
            let b = u[i]
            switch b {
            case 0x0A: line += 1; lineStart = i + 1
            case 0x7B, 0x5B: depth += 1; expectingKey = b == 0x7B && depth == 1
            case 0x7D, 0x5D: depth -= 1
            case 0x2C: expectingKey = depth == 1
            case 0x22:
                // A string: a key when the top object expects one, else a value to skip.
                var j = i + 1, escaped = false
                while j < u.count, !(u[j] == 0x22 && !escaped) {
                    escaped = !escaped && u[j] == 0x5C
                    if u[j] == 0x0A { line += 1; lineStart = j + 1 }
                    j += 1
                }
                if expectingKey, let key = String(validating: u[(i + 1)..<min(j, u.count)], as: UTF8.self), !key.contains("\\"), found[key] == nil {
                    found[key] = (line, i - lineStart)
                }
                expectingKey = false
                i = j
            default: break
            }
            i += 1
        }
        return found
    }
}

/// A JSON object as metadata entries, in the order the keys appear in the source text (a JSON
/// object has no order of its own, and "first value wins" needs one).
enum MetadataJSON {
    /// `locate` says where in the source a key is written: its line (from 0) and column; nil when
    /// it is not found (those sort last, by name).
    static func entries(_ object: [String: Any], firstLine: Int, locate: (String) -> (line: Int, column: Int)?) -> [MetadataEntry] {
        let located = object.map { key, value -> (line: Int, column: Int, key: String, value: Any) in
            guard let at = locate(key) else { return (Int.max, 0, key, value) }
            return (firstLine + at.line, at.column, key, value)
        }
        return located
            .sorted { ($0.line, $0.column, $0.key) < ($1.line, $1.column, $1.key) }
            .map { MetadataEntry(key: $0.key, value: metadataValue($0.value), line: $0.line == Int.max ? firstLine : $0.line) }
    }

    static func metadataValue(_ value: Any) -> MetadataValue {
        switch value {
        case let s as String: return .text(s)
        case let n as NSNumber:
            // JSONSerialization gives booleans as NSNumber too, of C type `char`.
            if String(cString: n.objCType) == "c" { return .text(n.boolValue ? "true" : "false") }
            return .text(n.stringValue)
        case let a as [Any]: return .list(a.map(metadataValue))
        case let o as [String: Any]: return .map(o.keys.sorted().map { ($0, metadataValue(o[$0]!)) })
        default: return .text("")
        }
    }
}
