import ExerciseDocument
import ExerciseModel

extension RecordBuilder {
    /// Front matter (markdown) and `<meta>` data (HTML) are facts like any other: scalars as
    /// `key: value`, lists as labels of a list field, maps as `parent child` keys.
    func applyMetadata(_ entries: [MetadataEntry]) {
        let subtitle = Self.slugTitleSubtitle(entries)
        for entry in entries {
            if let subtitle {
                // `title: "dumbbell_hammer_curl"` with `subtitle: "Dumbbell Hammer Curl"`: the
                // title is a slug and the display name is the subtitle.
                let key = FactKey.normalize(entry.key)
                if key == "title" {
                    if case .text(let slug) = entry.value { appendAttribute("title", PlainText.collapse(slug)) }
                    continue
                }
                if key == "subtitle" {
                    apply(Fact(key: "name", value: subtitle, line: entry.line), fromBlock: true)
                    sink.report(.nameFromSubtitle, "front matter title is a slug; the name is the subtitle '\(subtitle)'", line: entry.line)
                    continue
                }
            }
            switch entry.value {
            case .text(let s):
                apply(Fact(key: entry.key, value: PlainText.collapse(s), line: entry.line), fromBlock: true)
            case .list(let items):
                let texts = items.flatMap(\.texts).map(PlainText.collapse).filter { !$0.isEmpty }
                let field = FactKey.field(for: entry.key)
                if let field, field.isList {
                    addLabels(texts, to: field, line: entry.line)
                } else if let field, [.steps, .tips, .mistakes].contains(field) {
                    addItems(texts, to: field, line: entry.line)
                } else if field == .intro {
                    if let first = texts.first { apply(Fact(key: entry.key, value: first, line: entry.line), fromBlock: true) }
                    if texts.count > 1 { appendAttribute("intro", texts.dropFirst().joined(separator: " ")) }
                } else if field == .image || field == .video {
                    for url in texts { apply(Fact(key: entry.key, value: url, line: entry.line), fromBlock: true) }
                } else {
                    apply(Fact(key: entry.key, value: texts.joined(separator: ", "), line: entry.line), fromBlock: true)
                }
            case .map(let pairs):
                for (key, value) in pairs {
                    let combined = "\(entry.key) \(key)"
                    if FactKey.field(for: combined) == nil, Self.namesAListField(key) {
                        // Hugo's `params: {equipment: [...], muscles: {primary: [...]}}`: a child
                        // that names a list field is that field, read as a key of its own.
                        applyMetadata([MetadataEntry(key: key, value: value, line: entry.line)])
                    } else {
                        apply(Fact(key: combined, value: value.texts.joined(separator: ", "), line: entry.line), fromBlock: true)
                    }
                }
            }
        }
    }
}

extension RecordBuilder {
    /// A key of a list field (muscles, equipment, body parts, steps, tips, mistakes), or the very
    /// name `difficulty` or `category`: what a map's child may stand for on its own. (Not other
    /// scalar keys: `params: {level: 2}` is a site's own setting, not a difficulty.)
    static func namesAListField(_ key: String) -> Bool {
        guard let field = FactKey.field(for: key) else { return false }
        return field.isList || field == .steps || field == .tips || field == .mistakes || ["difficulty", "category"].contains(FactKey.normalize(key))
    }

    /// The subtitle, when the front matter's `title` is a slug (lower case, no spaces:
    /// "dumbbell_hammer_curl", "rdl") and a `subtitle` is given; nil otherwise.
    static func slugTitleSubtitle(_ entries: [MetadataEntry]) -> String? {
        func text(_ key: String) -> String? {
            guard let entry = entries.first(where: { FactKey.normalize($0.key) == key }), case .text(let s) = entry.value else { return nil }
            let t = PlainText.collapse(s)
            return t.isEmpty ? nil : t
        }
        guard let title = text("title"), let subtitle = text("subtitle") else { return nil }
        let isSlug = !title.contains(" ") && title == title.lowercased() && subtitle.contains(" ")
        return isSlug ? subtitle : nil
    }
}

extension DiagnosticCode {
    static let nameFromSubtitle = DiagnosticCode("name-from-subtitle", .info,
        "The front matter `title` is a slug, so the exercise is named by its `subtitle`; the slug is kept in `attributes.title`.")
}
