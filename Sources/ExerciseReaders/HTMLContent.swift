import ExerciseDocument
import ExerciseModel

/// Finds a page's content among its chrome: navigation, headers and footers, sidebars, forms,
/// cookie banners, scripts and ads go; the content container stays (`<main>`, `role=main`, an
/// `<article>`, a common content class, else the block where the text is densest).
enum HTMLContent {
    /// Elements that are never content.
    static let neverContent: HTMLTagSet = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "math", "form",
        "button", "input", "select", "textarea", "label", "link", "meta", "head", "title", "base", "audio", "video",
        "source", "track", "map", "dialog",
    ]

    /// Site chrome when it is not inside the content container.
    static let chromeElements: HTMLTagSet = ["nav", "header", "footer", "aside"]
    static let chromeRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"]

    /// Class/id words (or their `-`/`_` parts) that mark chrome: cookie banners, ads, sharing, menus.
    static let chromeParts: Set<String> = [
        "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription", "advert", "advertisement",
        "advertising", "ad", "ads", "adsbygoogle", "sponsor", "sponsored", "promo", "promotion", "social", "share",
        "sharing", "breadcrumb", "breadcrumbs", "sidebar", "comment", "comments", "popup", "modal", "navbar", "menu",
        "masthead", "navigation", "skip", "banner", "paywall", "nav", "cta", "lightbox", "pagination", "pager",
    ]
    static let chromeTokens: Set<String> = ["site-header", "site-footer", "page-header", "page-footer", "global-header", "global-footer", "nav", "footer", "header"]

    static let contentTokens: [String] = [
        "entry-content", "post-content", "article-content", "article-body", "articlebody", "post-body", "main-content",
        "page-content", "exercise", "exercise-content", "exercise-detail", "single-content", "story-body", "content",
    ]

    /// Post metadata inside an article (WordPress and most blog themes): dates, bylines, category
    /// and tag links, share bars, post navigation, reader comments. Not exercise content.
    static let articleMetaTokens: Set<String> = [
        "entry-meta", "post-meta", "byline", "posted-on", "posted-by", "entry-footer", "post-footer", "cat-links",
        "tags-links", "comments-link", "edit-link", "post-navigation", "nav-links", "sharedaddy", "author-bio",
        "entry-date", "post-date", "share-buttons", "social-share", "wp-block-post-date", "wp-block-post-author",
        "comments", "comments-area", "comment-list", "comment-respond", "respond",
    ]

    static func isChrome(_ e: HTMLElement, insideContent: Bool) -> Bool {
        if neverContent.contains(e) { return true }
        if e.attributes["hidden"] != nil || e.attributes["aria-hidden"] == "true" { return true }
        if let style = e.attributes["style"]?.lowercased().replacingOccurrences(of: " ", with: ""), style.contains("display:none") { return true }
        if insideContent {
            // An article's own footer holds its tags, categories and share links.
            if e.tag == HTMLTag.footer { return true }
        } else {
            if chromeElements.contains(e) { return true }
            if let role = e.attributes["role"]?.lowercased(), chromeRoles.contains(role) { return true }
        }
        // Post metadata anywhere; site chrome outside the content. (One pass over the words for
        // both: every element of every page is asked.)
        return e.anyClassOrIDWord { token in
            if chromeWords.mayContain(token) {
                let word = String(decoding: token, as: UTF8.self)
                if articleMetaTokens.contains(word) || (!insideContent && chromeTokens.contains(word)) { return true }
            }
            return !insideContent && hasChromePart(token)
        }
    }

    /// A quick "no" before the sets above: utility-class sites give every element a dozen class
    /// words, each asked of three sets, most of them no chrome word at all.
    static let chromeWords = ByteHashFilter(slots: 4096, hash: ByteHashFilter.wholeString, of: chromeParts.union(chromeTokens).union(articleMetaTokens))

    /// Whether a class or id word's `-`/`_` parts include a chrome word (`cookie-banner`): on the
    /// bytes, with no array of parts (utility-class sites give every element a dozen words).
    static func hasChromePart(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        for i in 0...u.count where i == u.count || u[i] == 0x2D || u[i] == 0x5F {
            if i > start {
                let part = UnsafeBufferPointer(rebasing: u[start..<i])
                if chromeWords.mayContain(part) && chromeParts.contains(String(decoding: part, as: UTF8.self)) { return true }
            }
            start = i + 1
        }
        return false
    }

    /// The element without its chrome descendants. Inside `<main>` or `<article>`, headers,
    /// footers and asides are content (an article's header holds its `<h1>`).
    static func strip(_ e: HTMLElement, insideContent: Bool = false) -> HTMLElement {
        stripped(e, insideContent: insideContent) ?? e
    }

    /// The element stripped, or nil when nothing in it changes (its children are copied only
    /// from the first one that does).
    private static func stripped(_ e: HTMLElement, insideContent: Bool) -> HTMLElement? {
        let inside = insideContent || e.tag == HTMLTag.main || e.tag == HTMLTag.article || e.attributes["role"]?.lowercased() == "main"
        var kept: [HTMLNode]?
        for (i, node) in e.children.enumerated() {
            var result: HTMLNode? = node
            var changed = false
            if case .element(let child) = node {
                // Players and videos carry no text, but they are the exercise's media: kept as
                // empty shells (their <source>s only), so the reader can list them.
                if child.tag == HTMLTag.iframe || child.tag == HTMLTag.video, child.attributes["hidden"] == nil {
                    let sources = child.children.compactMap { node -> HTMLNode? in
                        if case .element(let s) = node, s.tag == HTMLTag.source { .element(s.with(children: [])) } else { nil }
                    }
                    result = .element(child.with(children: sources))
                    changed = true
                } else if isChrome(child, insideContent: inside) {
                    result = nil
                    changed = true
                } else if let inner = stripped(child, insideContent: inside) {
                    result = .element(inner)
                    changed = true
                }
            }
            if changed && kept == nil { kept = Array(e.children[..<i]) }
            if kept != nil, let result { kept!.append(result) }
        }
        guard let kept else { return nil }
        return e.with(children: kept)
    }

    static func textLength(_ e: HTMLElement) -> Int { e.textLength }

    /// The content container of a chrome-stripped `<body>`.
    static func root(of body: HTMLElement) -> HTMLElement {
        // (A `<main>` with any text wins before the body's text is counted.)
        if let main = body.firstDescendant(where: { $0.tag == HTMLTag.main || $0.attributes["role"]?.lowercased() == "main" }),
           main.hasText {
            return main
        }
        let bodyLength = max(textLength(body), 1)
        let articles = body.descendants(where: { $0.tag == HTMLTag.article })
        if let best = articles.max(by: { textLength($0) < textLength($1) }), textLength(best) * 3 >= bodyLength {
            return best
        }
        // Each element's words once, not once per token.
        var classed: [(element: HTMLElement, words: [String])] = []
        body.forEachDescendant { e in
            let words = e.classAndID
            if !words.isEmpty { classed.append((e, words)) }
        }
        for token in contentTokens {
            if let hit = classed.first(where: { $0.words.contains(token) && textLength($0.element) * 5 >= bodyLength * 2 }) { return hit.element }
        }
        return densest(in: body, bodyLength: bodyLength) ?? body
    }

    /// Readability-style scoring: each substantial paragraph, list item or cell scores its parent
    /// fully and its grandparent by half. The best-scoring container wins only when it holds at
    /// least 85% of the page's non-link text (what lies outside is menus and a copyright line);
    /// otherwise the whole body is the content, so nothing on a plain page or fragment is lost.
    static func densest(in body: HTMLElement, bodyLength: Int) -> HTMLElement? {
        // Elements by their place in document order, each with its parent's place and its score
        // (arrays, not dictionaries keyed by paths: this visits every element of every page).
        var elements: [HTMLElement] = []
        var parents: [Int] = []
        var scores: [Double] = []
        func visit(_ e: HTMLElement, parent: Int) {
            let index = elements.count
            elements.append(e)
            parents.append(parent)
            scores.append(0)
            for case .element(let child) in e.children {
                if scoredParts.contains(child) {
                    let length = child.textLength
                    if length >= 20 {
                        let score = 1 + min(Double(length) / 100, 3)
                        scores[index] += score
                        if parent >= 0 { scores[parent] += score / 2 }
                    }
                }
                visit(child, parent: index)
            }
        }
        visit(body, parent: -1)
        // The best score; on a tie the first in document order.
        var best = -1
        for i in scores.indices where scores[i] > 0 && (best < 0 || scores[i] > scores[best]) { best = i }
        guard best >= 0 else { return nil }
        // A list or table row is part of a container, never the container itself.
        while best > 0, listParts.contains(elements[best]) { best = parents[best] }
        guard best > 0 else { return nil }
        let candidate = elements[best]
        // Plain text (not link text) outside the candidate is what choosing it would drop.
        let bodyPlain = bodyLength - linkTextLength(body)
        let outsidePlain = bodyPlain - (textLength(candidate) - linkTextLength(candidate))
        guard Double(outsidePlain) <= Double(bodyPlain) * 0.15 else { return nil }
        return candidate
    }

    private static let scoredParts: HTMLTagSet = ["p", "li", "td", "dd", "pre"]

    // (A table cell stays a candidate: legacy pages lay out their content in one.)
    private static let listParts: HTMLTagSet = ["ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr"]

    static func linkTextLength(_ e: HTMLElement) -> Int {
        e.descendants(where: { $0.tag == HTMLTag.a }).reduce(0) { $0 + $1.textLength }
    }

    private static let titleSeparators = [" | ", " – ", " — ", " - ", " :: ", " · ", " • "]

    /// `<title>` without the site's name: "Goblet Squat | FitSite" → "Goblet Squat".
    static func titleWithoutSite(_ title: String) -> String {
        let t = PlainText.collapse(title)
        for separator in titleSeparators {
            if let r = t.range(of: separator) {
                let first = String(t[..<r.lowerBound])
                if !first.isEmpty { return first }
            }
        }
        return t
    }

    /// The site's name in a `<title>`: what follows the last separator of the kind
    /// `titleWithoutSite` cuts at ("Goblet Squat | Legs | FitSite" → "FitSite"); nil without one.
    static func siteOfTitle(_ title: String) -> String? {
        let t = PlainText.collapse(title)
        for separator in titleSeparators {
            guard let first = t.range(of: separator), first.lowerBound > t.startIndex, let last = t.range(of: separator, options: .backwards) else { continue }
            let site = PlainText.collapse(String(t[last.upperBound...]))
            return site.isEmpty ? nil : site
        }
        return nil
    }
}

import Foundation
