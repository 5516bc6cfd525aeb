import ExerciseDocument
import ExerciseModel

/// Images and videos of the exercise, from the page's content and its front matter (`image:`,
/// `video:`). Players embedded from YouTube and Vimeo become their video page urls; inline
/// `data:` images are left out (a blob is not a link a dataset can carry).
enum MediaRecognition {
    /// The record's media for a url the page gives, or nil when it is not one.
    static func media(url raw: String, element: DocumentMedia.Element, caption: String?) -> Media? {
        let url = PlainText.collapse(raw)
        guard !url.isEmpty, !url.lowercased().hasPrefix("data:"), !url.lowercased().hasPrefix("javascript:") else { return nil }
        let caption = caption.map(PlainText.collapse).flatMap { $0.isEmpty ? nil : $0 }
        if let video = videoPage(url) { return Media(url: video, kind: .video, caption: caption) }
        let path = url.split(separator: "?").first.map(String.init)?.lowercased() ?? ""
        let videoFile = [".mp4", ".webm", ".mov", ".m4v", ".ogv"].contains { path.hasSuffix($0) }
        switch element {
        case .video: return Media(url: url, kind: .video, caption: caption)
        case .image: return Media(url: url, kind: videoFile ? .video : .image, caption: caption)
        // An iframe that is not a known player (a map, an ad, a form) is not the exercise's media.
        case .embed: return videoFile ? Media(url: url, kind: .video, caption: caption) : nil
        }
    }

    /// youtube.com/embed/ID, youtube-nocookie.com/embed/ID, youtu.be/ID, youtube.com/watch?v=ID,
    /// youtube.com/shorts/ID → https://www.youtube.com/watch?v=ID; player.vimeo.com/video/ID and
    /// vimeo.com/ID → https://vimeo.com/ID.
    static func videoPage(_ url: String) -> String? {
        var rest = Substring(url)
        for scheme in ["https://", "http://", "//"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        if rest.hasPrefix("m.") { rest = rest.dropFirst(2) }
        let host = rest.prefix { $0 != "/" }.lowercased()
        let path = rest.dropFirst(host.count)
        func id(after prefix: String) -> String? {
            guard path.hasPrefix(prefix) else { return nil }
            let value = path.dropFirst(prefix.count).prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            return value.isEmpty ? nil : String(value)
        }
        switch host {
        case "youtube.com", "youtube-nocookie.com":
            if let v = id(after: "/embed/") ?? id(after: "/shorts/") ?? id(after: "/v/") { return "https://www.youtube.com/watch?v=\(v)" }
            if path.hasPrefix("/watch"), let q = path.split(separator: "?").dropFirst().first {
                for pair in q.split(separator: "&") where pair.hasPrefix("v=") {
                    let v = pair.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                    if !v.isEmpty { return "https://www.youtube.com/watch?v=\(v)" }
                }
            }
            return nil
        case "youtu.be":
            return id(after: "/").map { "https://www.youtube.com/watch?v=\($0)" }
        case "player.vimeo.com":
            return id(after: "/video/").map { "https://vimeo.com/\($0)" }
        case "vimeo.com":
            return id(after: "/").flatMap { $0.allSatisfy(\.isNumber) ? "https://vimeo.com/\($0)" : nil }
        default:
            return nil
        }
    }
}

extension RecordBuilder {
    /// Adds a media item unless the record already has its url.
    func addMedia(url: String, element: DocumentMedia.Element, caption: String?, line: Int?) {
        guard let media = MediaRecognition.media(url: url, element: element, caption: caption),
              !record.media.contains(where: { $0.url == media.url }) else { return }
        record.media.append(media)
        sourceMap.noteFirst(.media, line)
    }

    func applyMedia(_ items: [DocumentMedia]) {
        for item in items { addMedia(url: item.url, element: item.element, caption: item.caption, line: item.line) }
    }
}
