import ExerciseDocument
import ExerciseModel

/// `<img>`, `<video>`, `<source>` and `<iframe>` tags in raw HTML inside a markdown page (an
/// embedded YouTube player, a GIF of the movement): their `src`, without parsing the HTML, which
/// the markdown reader does not read as content.
enum RawHTMLMedia {
    static func scan(_ html: String, line: Int?) -> [DocumentMedia] {
        var out: [DocumentMedia] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let tagText = rest[open...].prefix { $0 != ">" }
            rest = rest[tagText.endIndex...]
            let name = tagText.dropFirst().prefix { $0.isLetter }.lowercased()
            let element: DocumentMedia.Element
            switch name {
            case "img": element = .image
            case "video", "source": element = .video
            case "iframe": element = .embed
            default: continue
            }
            guard let src = attribute("src", in: tagText) else { continue }
            out.append(DocumentMedia(url: src, element: element, caption: attribute("alt", in: tagText) ?? attribute("title", in: tagText), line: line))
        }
        return out
    }

    /// The value of `name="…"`, `name='…'` or `name=value` in one tag's text.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        let lower = tag.lowercased()
        var search = lower.startIndex
        while let range = lower.range(of: name + "=", range: search..<lower.endIndex) {
            search = range.upperBound
            // Only a whole attribute name: `data-src=` is not `src=`.
            if range.lowerBound > lower.startIndex, !lower[lower.index(before: range.lowerBound)].isWhitespace { continue }
            let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
            var value = tag.dropFirst(offset)
            if let quote = value.first, quote == "\"" || quote == "'" {
                value = value.dropFirst().prefix { $0 != quote }
            } else {
                value = value.prefix { !$0.isWhitespace && $0 != ">" }
            }
            return String(value)
        }
        return nil
    }
}

import Foundation
