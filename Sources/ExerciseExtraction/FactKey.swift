import ExerciseModel

/// The record field a fact's label names: `**Target Muscle:**`, `primary_muscles:` in front matter,
/// `Equipment` in a definition list or table row all land here.
enum FactField: Sendable, Equatable {
    case name, summary, slug
    case bodyParts, equipment, primaryMuscles, secondaryMuscles, stabilizerMuscles, difficulty, category
    /// An image or video url (front matter `image:`, `video:`).
    case image, video
    /// Item lists given as values (front matter `steps:`, `hints:`, `common_faults:`).
    case steps, tips, mistakes
    /// A front matter `intro:`: the summary when the page's own text gives none, before a
    /// `description:` (often an SEO blurb).
    case intro

    var recordField: Exercise.Field? {
        switch self {
        case .name: .name
        case .summary: .summary
        case .slug: nil
        case .bodyParts: .bodyParts
        case .equipment: .equipment
        case .primaryMuscles: .primaryMuscles
        case .secondaryMuscles: .secondaryMuscles
        case .stabilizerMuscles: .stabilizerMuscles
        case .difficulty: .difficulty
        case .category: .category
        case .image, .video: .media
        case .steps: .steps
        case .tips: .tips
        case .mistakes: .mistakes
        case .intro: .summary
        }
    }

    /// The record's list a field fills: its taxonomy labels, or its items (steps, tips, mistakes).
    var listKeyPath: WritableKeyPath<Exercise, [String]>? {
        switch self {
        case .bodyParts: \.bodyParts
        case .equipment: \.equipment
        case .primaryMuscles: \.primaryMuscles
        case .secondaryMuscles: \.secondaryMuscles
        case .stabilizerMuscles: \.stabilizerMuscles
        case .steps: \.steps
        case .tips: \.tips
        case .mistakes: \.mistakes
        default: nil
        }
    }

    /// Fields whose value is a list of taxonomy labels (split on `,` `;` `/`).
    var isList: Bool {
        switch self {
        case .bodyParts, .equipment, .primaryMuscles, .secondaryMuscles, .stabilizerMuscles: true
        default: false
        }
    }
}

enum FactKey {
    private static let table: [String: FactField] = {
        var t: [String: FactField] = [:]
        func add(_ field: FactField, _ keys: String...) { for k in keys { t[k] = field } }
        add(.name, "name", "title", "exercise", "exercise name")
        add(.summary, "description", "summary", "primer", "overview", "excerpt")
        add(.intro, "intro", "introduction", "lede", "lead")
        add(.steps, "steps", "instructions", "directions", "execution", "how to", "how to perform", "procedure", "method")
        add(.tips, "tips", "hints", "cues", "coaching cues", "form cues", "pro tips", "coaching tips", "key points")
        add(.mistakes, "mistakes", "common mistakes", "common faults", "faults", "errors", "common errors")
        add(.slug, "slug")
        add(.bodyParts, "body part", "body parts", "bodypart", "bodyparts", "body region", "body area",
            "region", "body", "target area", "target areas")
        add(.equipment, "equipment", "equipment needed", "equipment required", "gear", "tools", "tool",
            "apparatus", "implement", "implements")
        add(.primaryMuscles, "target muscle", "target muscles", "target", "targets", "primary muscle",
            "primary muscles", "primary", "main muscle", "main muscles", "muscle", "muscles", "muscles worked",
            "muscle group", "muscle groups", "prime mover", "prime movers", "primary target", "target muscle group",
            "primary muscle group", "primary muscle groups", "agonist", "agonists", "muscles targeted", "targeted muscles",
            "muscles trained", "muscles used", "works", "target muscle groups",
            // Key names of site schemas: `muscle_primary`, `muscles_primary`, `primaryMuscle`.
            "muscle primary", "muscles primary", "muscle target", "muscles target")
        add(.secondaryMuscles, "secondary muscle", "secondary muscles", "secondary", "also works",
            "secondary muscles worked", "secondary targets", "secondary target", "secondary muscle groups",
            "assisting muscles", "synergist", "synergists", "supporting muscles", "other muscles",
            "muscle secondary", "muscles secondary")
        add(.stabilizerMuscles, "stabilizer", "stabilizers", "stabilizer muscle", "stabilizer muscles", "stabilizing muscles",
            "dynamic stabilizers", "antagonist stabilizers", "stabilisers", "stabiliser muscles", "muscle stabilizer", "muscles stabilizers")
        add(.image, "image", "images", "thumbnail", "featured image", "gif", "animation", "photo", "picture")
        add(.video, "video", "videos", "video url", "youtube", "demo video", "video tutorial")
        add(.difficulty, "difficulty", "level", "difficulty level", "experience level", "skill level",
            "experience", "fitness level", "difficulty rating")
        add(.category, "category", "exercise category", "exercise type", "training type", "discipline",
            "categories")
        return t
    }()

    /// A label as a lookup key: camelCase and snake_case split into words, lower-cased, everything
    /// but letters and digits a single space ("primaryMuscles", "primary_muscles" → "primary muscles").
    static func normalize(_ label: String) -> String {
        asciiNormalize(label) ?? characterNormalize(label)
    }

    /// `normalize` Character by Character: for labels with non-ASCII characters (and the
    /// reference the byte path is tested against).
    static func characterNormalize(_ label: String) -> String {
        var spaced = ""
        var previous: Character?
        for c in label {
            if c.isUppercase, let p = previous, p.isLowercase { spaced.append(" ") }
            spaced.append(c)
            previous = c
        }
        return PlainText.words(spaced)
    }

    /// `normalize` on the bytes of an all-ASCII label (nearly all): every heading and label of
    /// every page goes through it. One pass: a lower-case letter followed by an upper-case one
    /// separates words as any other separator does. Nil when the label has other characters.
    private static func asciiNormalize(_ label: String) -> String? {
        var label = label
        return label.withUTF8 { u in
            var ascii = true
            // (At most one space before each byte: twice the bytes is room enough.)
            let key = String(unsafeUninitializedCapacity: 2 * u.count) { out in
                var count = 0
                var pendingSpace = false
                var previous: UInt8 = 0
                for original in u {
                    guard original < 0x80 else { ascii = false; return 0 }
                    if original >= 0x41 && original <= 0x5A && previous >= 0x61 && previous <= 0x7A { pendingSpace = true }
                    previous = original
                    let b = original >= 0x41 && original <= 0x5A ? original + 0x20 : original
                    if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                        if pendingSpace && count > 0 { out[count] = 0x20; count += 1 }
                        pendingSpace = false
                        out[count] = b
                        count += 1
                    } else {
                        pendingSpace = true
                    }
                }
                return count
            }
            return ascii ? key : nil
        }
    }

    static func field(for label: String) -> FactField? { table[normalize(label)] }
}
