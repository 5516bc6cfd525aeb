import ExerciseDocument
import ExerciseModel
import Foundation

/// schema.org microdata (`itemscope`, `itemtype`, `itemprop`) rewritten as JSON-LD objects, so the
/// extractor reads one structured-data form whatever the page used.
enum Microdata {
    static func items(in root: HTMLElement) -> [JSONValue] {
        topLevelItems(root).compactMap { e in
            guard case .object(var o) = item(e) else { return nil }
            o["@context"] = .string("https://schema.org")
            return .object(o)
        }
    }

    private static func topLevelItems(_ e: HTMLElement) -> [HTMLElement] {
        var out: [HTMLElement] = []
        collectTopLevelItems(e, into: &out)
        return out
    }

    /// Into one array, not one per level (this walks every element of every page).
    private static func collectTopLevelItems(_ e: HTMLElement, into out: inout [HTMLElement]) {
        for case .element(let child) in e.children {
            if child.attributes["itemscope"] != nil && child.attributes["itemprop"] == nil {
                out.append(child)
            } else {
                collectTopLevelItems(child, into: &out)
            }
        }
    }

    static func item(_ e: HTMLElement) -> JSONValue {
        var properties: [String: [JSONValue]] = [:]
        collect(e, into: &properties)
        var o = properties.mapValues { $0.count == 1 ? $0[0] : .array($0) }
        if let type = e.attributes["itemtype"]?.split(separator: " ").first?.split(separator: "/").last {
            o["@type"] = .string(String(type))
        }
        return .object(o)
    }

    private static func collect(_ e: HTMLElement, into properties: inout [String: [JSONValue]]) {
        for case .element(let child) in e.children {
            if let names = child.attributes["itemprop"] {
                let value: JSONValue = child.attributes["itemscope"] != nil ? item(child) : .string(value(of: child))
                for name in names.split(whereSeparator: \.isWhitespace) { properties[String(name), default: []].append(value) }
                if child.attributes["itemscope"] != nil { continue }
            }
            if child.attributes["itemscope"] == nil { collect(child, into: &properties) }
        }
    }

    private static func value(of e: HTMLElement) -> String {
        if let content = e.attributes["content"] { return PlainText.collapse(content) }
        switch e.name {
        case "a", "link", "area": return e.attributes["href"] ?? ""
        case "img", "audio", "video", "source", "iframe": return e.attributes["src"] ?? ""
        case "time": return e.attributes["datetime"] ?? PlainText.collapse(e.textContent)
        case "data", "meter": return e.attributes["value"] ?? PlainText.collapse(e.textContent)
        default: return PlainText.collapse(e.textContent)
        }
    }
}
