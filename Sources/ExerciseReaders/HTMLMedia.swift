import ExerciseDocument
import ExerciseModel

extension HTMLReader {
    /// The elements that carry a media URL (a set made once, not an array literal per element).
    private static let mediaSources: HTMLTagSet = ["img", "video", "source", "iframe"]

    /// Images, videos and players in the content (site chrome is already gone): `<img>` (also
    /// lazy-loaded `data-src`), `<video>` and its video `<source>`s, and `<iframe>`s.
    static func media(in content: HTMLElement) -> [DocumentMedia] {
        // A <figure>'s <figcaption> captions the media in it (keyed by the media element's line).
        var captions: [Int: String] = [:]
        for figure in content.descendants(where: { $0.tag == HTMLTag.figure }) {
            guard let caption = figure.firstDescendant(where: { $0.tag == HTMLTag.figcaption }).map({ PlainText.collapse($0.textContent) }), !caption.isEmpty else { continue }
            for m in figure.descendants(where: { HTMLDocumentBuilder.mediaElements.contains($0) }) { if let l = m.line { captions[l] = caption } }
        }
        return content.descendants(where: { mediaSources.contains($0) }).compactMap { e in
            switch e.tag {
            case HTMLTag.img:
                guard let src = e.attribute("src").flatMap({ $0.hasPrefix("data:") ? nil : $0 }) ?? e.attribute("data-src") else { return nil }
                return DocumentMedia(url: src, element: .image, caption: e.attribute("alt") ?? e.attribute("title") ?? captions[e.line ?? -1], line: e.line)
            case HTMLTag.video:
                return e.attribute("src").map { DocumentMedia(url: $0, element: .video, caption: e.attribute("title"), line: e.line) }
            case HTMLTag.source:
                guard (e.attribute("type") ?? "").hasPrefix("video") else { return nil }
                return e.attribute("src").map { DocumentMedia(url: $0, element: .video, line: e.line) }
            default:
                return e.attribute("src").map { DocumentMedia(url: $0, element: .embed, caption: e.attribute("title") ?? captions[e.line ?? -1], line: e.line) }
            }
        }
    }
}
