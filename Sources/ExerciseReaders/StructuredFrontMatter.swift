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
        return MetadataJSON.entries(object, source: toml, firstLine: firstLine) { key, line in
            // `key = …`, `"key" = …` or a `[key]` table header, at the start of a line.
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") || trimmed.hasPrefix("\"\(key)\"") || trimmed.hasPrefix("[\(key)]") ? 0 : nil
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
        return MetadataJSON.entries(object, source: json, firstLine: firstLine) { key, line in
            // `"key":` anywhere on the line: a one-line object has all its keys on line 1.
            var rest = line[...]
            while let found = rest.range(of: "\"\(key)\"") {
                if line[found.upperBound...].drop(while: { $0 == " " || $0 == "\t" }).first == ":" { return line.distance(from: line.startIndex, to: found.lowerBound) }
                rest = line[found.upperBound...]
            }
            return nil
        }
    }
}

/// A JSON object as metadata entries, in the order the keys appear in the source text (a JSON
/// object has no order of its own, and "first value wins" needs one).
enum MetadataJSON {
    /// `keyColumn` says where on a line of the source the key is written (nil: not there).
    static func entries(_ object: [String: Any], source: String, firstLine: Int, keyColumn: (String, Substring) -> Int?) -> [MetadataEntry] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let located = object.map { key, value -> (line: Int, column: Int, key: String, value: Any) in
            for (i, line) in lines.enumerated() {
                if let column = keyColumn(key, line) { return (firstLine + i, column, key, value) }
            }
            return (Int.max, 0, key, value)
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
