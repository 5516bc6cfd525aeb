import ExerciseModel

/// What a section of a page is for, recognised from its heading's meaning rather than its exact
/// words. Teaching the tool a new site layout mostly means adding synonyms here.
enum SectionRole: String, Sendable {
    case summary, facts, steps, tips, mistakes, faq, related, muscles, equipment, variations

    /// Heading texts (as `Vocabulary`-style keys) that name each role. A heading matches a synonym
    /// exactly, or starts with it followed by more words ("How to perform the squat").
    private static let synonyms: [(String, SectionRole)] = [
        ("quick answer", .summary), ("overview", .summary), ("summary", .summary), ("description", .summary),
        ("introduction", .summary), ("intro", .summary), ("about", .summary), ("what is", .summary),
        ("details", .facts), ("exercise details", .facts), ("facts", .facts), ("quick facts", .facts),
        ("key facts", .facts), ("at a glance", .facts), ("exercise info", .facts), ("exercise information", .facts),
        ("info", .facts), ("information", .facts), ("classification", .facts), ("exercise profile", .facts),
        ("how to perform", .steps), ("how to do", .steps), ("how to", .steps), ("instructions", .steps),
        ("steps", .steps), ("step by step", .steps), ("execution", .steps), ("directions", .steps),
        ("technique", .steps), ("procedure", .steps), ("performing", .steps), ("how it s done", .steps),
        ("preparation", .steps), ("setup", .steps), ("set up", .steps), ("starting position", .steps),
        ("start position", .steps), ("movement", .steps), ("method", .steps), ("proper form", .steps),
        ("correct form", .steps), ("how to do it", .steps), ("the movement", .steps),
        ("pro tips", .tips), ("tips", .tips), ("coaching tips", .tips), ("coaching cues", .tips), ("cues", .tips),
        ("form tips", .tips), ("trainer tips", .tips), ("comments", .tips), ("notes", .tips), ("key points", .tips), ("expert tips", .tips), ("tips and tricks", .tips),
        ("common mistakes", .mistakes), ("mistakes to avoid", .mistakes), ("mistakes", .mistakes),
        ("common errors", .mistakes), ("errors to avoid", .mistakes), ("what to avoid", .mistakes),
        ("avoid these mistakes", .mistakes), ("form mistakes", .mistakes), ("watch out for", .mistakes),
        ("avoid these", .mistakes), ("things to avoid", .mistakes), ("avoid", .mistakes), ("common faults", .mistakes),
        ("faults", .mistakes), ("errors", .mistakes),
        ("faq", .faq), ("faqs", .faq), ("frequently asked questions", .faq), ("common questions", .faq),
        ("questions", .faq), ("questions and answers", .faq),
        ("related exercises", .related), ("related", .related), ("similar exercises", .related),
        ("see also", .related), ("more exercises", .related), ("alternatives", .related),
        ("alternative exercises", .related),
        ("variations", .variations), ("variation", .variations), ("variants", .variations), ("variant", .variations),
        ("progressions", .variations), ("progression", .variations), ("regressions", .variations),
        ("modifications", .variations), ("variations and progressions", .variations),
        ("progressions and regressions", .variations), ("easier variations", .variations),
        ("harder variations", .variations), ("exercise variations", .variations), ("other variations", .variations),
        ("muscles worked", .muscles), ("muscles", .muscles), ("target muscles", .muscles),
        ("muscles targeted", .muscles), ("muscles used", .muscles), ("muscles involved", .muscles),
        ("equipment", .equipment), ("equipment needed", .equipment), ("what you need", .equipment),
        ("equipment required", .equipment), ("you will need", .equipment),
    ]

    private static let exact: [String: SectionRole] = Dictionary(synonyms, uniquingKeysWith: { first, _ in first })
    /// Longest first, so "how to perform" wins over "how to" and "pro tips" over "tips".
    private static let prefixes = synonyms.sorted { $0.0.count > $1.0.count }
    /// The phrases a heading may start with, longest first, each with the space after it in bytes
    /// (the keys are words of letters and digits: a byte prefix is a word prefix).
    /// By first word, each list longest phrase first.
    private static let leadingPhrases: [String: [(String, SectionRole, [UInt8])]] = Dictionary(grouping: prefixes
        .filter { $0.0 != "how to" && $0.0 != "about" && $0.0 != "info" }
        .map { ($0.0, $0.1, Array(($0.0 + " ").utf8)) }) { String($0.0.split(separator: " ").first ?? "") }

    /// The role a heading names, or nil when the heading is not one the extractor knows.
    static func classify(_ heading: String) -> SectionRole? { match(heading)?.role }

    /// The role and why: the heading is a known phrase, starts with one, or has a role's word.
    static func classifyExplained(_ heading: String) -> (role: SectionRole, why: String)? {
        match(heading).map { ($0.role, $0.why.description) }
    }

    /// Why a heading has its role; put into words only when a diagnostic needs them (every
    /// heading of every page is classified, most of them more than once).
    private enum Why: CustomStringConvertible {
        case exact(String), leading(String), keyword(String)
        var description: String {
            switch self {
            case .exact(let key): "the heading is '\(key)'"
            case .leading(let phrase): "the heading starts with '\(phrase)'"
            case .keyword(let word): "the heading has the word '\(word)'"
            }
        }
    }

    private static func match(_ heading: String) -> (role: SectionRole, why: Why)? {
        let key = FactKey.normalize(heading)
        if let role = exact[key] { return (role, .exact(key)) }
        // "How to Perform the Squat", "Steps to follow": a known phrase then more words.
        // Two-letter prefixes like "how to" alone are too loose for "How to breathe": only exact.
        // (Only the phrases that start with the heading's first word can lead it.)
        let firstWord = key.utf8.firstIndex(of: 0x20).map { String(key[..<$0]) } ?? key
        for (phrase, role, lead) in leadingPhrases[firstWord] ?? [] where key.utf8.starts(with: lead) {
            return (role, .leading(phrase))
        }
        // "How to and step by step instructions", "English Steps", "Hints & tips", "Muscles worked
        // and body parts involved": a word that names a role, anywhere in a short heading.
        // (The key's words are single-spaced: counted before they are made strings, as most
        // long headings, FAQ questions, have more.)
        guard !key.isEmpty, key.utf8.count(where: { $0 == 0x20 }) < 8 else { return nil }
        // The heading's word that comes first in `keywords` (a word is made a string only when
        // the filter lets it through).
        var best: Int?
        var bytes = key
        bytes.withUTF8 { u in
            var start = 0
            for i in 0...u.count where i == u.count || u[i] == 0x20 {
                let word = UnsafeBufferPointer(rebasing: u[start..<i])
                if i > start, keywordWords.mayContain(word), let rank = keywordRank[String(decoding: word, as: UTF8.self)] { best = min(best ?? rank, rank) }
                start = i + 1
            }
        }
        guard let best else { return nil }
        return (keywords[best].1, .keyword(keywords[best].0))
    }

    /// Words that name a role wherever they stand in a heading, most specific first (a heading
    /// naming mistakes and tips is about mistakes).
    private static let keywords: [(String, SectionRole)] = [
        ("faq", .faq), ("faqs", .faq), ("mistakes", .mistakes), ("errors", .mistakes), ("faults", .mistakes),
        ("variations", .variations), ("variants", .variations), ("progressions", .variations), ("regressions", .variations),
        ("instructions", .steps), ("steps", .steps), ("directions", .steps), ("execution", .steps),
        ("tips", .tips), ("hints", .tips), ("cues", .tips),
        ("muscles", .muscles), ("equipment", .equipment),
    ]
    private static let keywordRank: [String: Int] = Dictionary(keywords.enumerated().map { ($1.0, $0) }, uniquingKeysWith: min)
    private static let keywordWords = ByteHashFilter(slots: 1024, hash: ByteHashFilter.wholeString, of: keywords.map(\.0))
}
