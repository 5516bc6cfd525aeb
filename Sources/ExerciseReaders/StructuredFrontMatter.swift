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
            return trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") || trimmed.hasPrefix("\"\(key)\"") || trimmed.hasPrefix("[\(key)]")
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
            line.drop { $0 == " " || $0 == "\t" }.hasPrefix("\"\(key)\"")
        }
    }
}

/// A JSON object as metadata entries, in the order the keys appear in the source text (a JSON
/// object has no order of its own, and "first value wins" needs one).
enum MetadataJSON {
    static func entries(_ object: [String: Any], source: String, firstLine: Int, isKeyLine: (String, Substring) -> Bool) -> [MetadataEntry] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let located = object.map { key, value -> (Int?, String, Any) in
            (lines.firstIndex { isKeyLine(key, $0) }.map { firstLine + $0 }, key, value)
        }
        return located
            .sorted { ($0.0 ?? Int.max, $0.1) < ($1.0 ?? Int.max, $1.1) }
            .map { line, key, value in MetadataEntry(key: key, value: metadataValue(value), line: line ?? firstLine) }
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
