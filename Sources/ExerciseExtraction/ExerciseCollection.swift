import ExerciseDocument
import ExerciseModel

/// A page that holds several exercises ("Exercise Guide" › "Compound Movements" › "Squats",
/// "Deadlifts", …): each exercise is a section whose heading names no role of its own and whose
/// sub-sections are an exercise's parts (steps, tips, mistakes, muscles). A single-exercise page
/// never splits: its own steps sit outside any such section, or it has fewer than two.
struct ExerciseCollection {
    /// The exercises' sections, in page order.
    var exercises: [Section]
    /// Page-level sections about several exercises ("Common Mistakes" › "Squatting"): each
    /// sub-section goes to the one exercise it names, under the role of its parent.
    var shared: [(role: Section, part: Section, exercise: Int)]
    /// Everything else on the page: not about any of its exercises.
    var leftover: [Section]

    /// Words that name a form of one exercise rather than another exercise.
    private static let versionWords: Set<String> = ["version", "versions", "variation", "variant", "level", "option", "options",
                                                    "beginner", "intermediate", "advanced", "week", "day", "phase", "part", "stage"]

    static func find(in root: Section) -> ExerciseCollection? {
        var candidates: [Section] = []
        func walk(_ s: Section) {
            if s.level >= 2, isExercise(s) { candidates.append(s); return }
            s.children.forEach(walk)
        }
        walk(root)
        guard candidates.count >= 2, Set(candidates.map(\.level)).count == 1 else { return nil }
        // A page whose own steps stand outside the candidates is one exercise.
        var outside: [Section] = []
        func collectOutside(_ s: Section) {
            if candidates.contains(where: { $0.line == s.line && $0.heading == s.heading }) { return }
            if s.level >= 1, s.heading != nil, !(s.level == 1 && s.line == firstTitleLine(root)) { outside.append(s) }
            s.children.forEach(collectOutside)
        }
        root.children.forEach(collectOutside)
        if outside.contains(where: { SectionRole.classify($0.heading?.text ?? "") == .steps && !$0.blocks.isEmpty }) { return nil }
        // Page-level role sections keyed by exercise: "Common Mistakes" › "Squatting" → Squats.
        var shared: [(Section, Section, Int)] = []
        var used: Set<Int?> = []
        for section in outside where SectionRole.classify(section.heading?.text ?? "") != nil {
            for part in section.children {
                let matches = candidates.indices.filter { sameExercise(candidates[$0].heading?.text ?? "", part.heading?.text ?? "") }
                if matches.count == 1 { shared.append((section, part, matches[0])); used.insert(part.line) }
            }
        }
        let leftover = outside.filter { s in !used.contains(s.line) && !shared.contains { $0.0.line == s.line } && (!s.blocks.isEmpty || s.children.isEmpty) }
        return ExerciseCollection(exercises: candidates, shared: shared.map { ($0.0, $0.1, $0.2) }, leftover: leftover)
    }

    static func firstTitleLine(_ root: Section) -> Int? {
        root.children.first { $0.level == 1 }?.line
    }

    /// A section that reads as one exercise: a heading that is no role, fact or version word,
    /// and at least one sub-section that is an exercise's how (steps, tips or mistakes).
    static func isExercise(_ s: Section) -> Bool {
        // Asked first, as the cheapest "no": most sections have no sub-section of steps, tips or
        // mistakes (most have no sub-sections at all).
        guard s.children.contains(where: { child in
            let role = SectionRole.classify(child.heading?.text ?? "")
            return role == .steps || role == .tips || role == .mistakes
        }) else { return false }
        let heading = s.heading?.text ?? ""
        guard !heading.isEmpty, SectionRole.classify(heading) == nil, FactKey.field(for: FactParser.label(heading)) == nil else { return false }
        let words = Set(PlainText.spaceSeparated(PlainText.words(heading)))
        return words.isDisjoint(with: versionWords) && words.count <= 8
    }

    /// "Squatting" and "Squats", "Deadlifting" and "Deadlifts": the same word stems.
    static func sameExercise(_ a: String, _ b: String) -> Bool {
        let x = Set(PlainText.words(a).split(separator: " ").map { stem(String($0)) })
        let y = Set(PlainText.words(b).split(separator: " ").map { stem(String($0)) })
        return !x.isEmpty && (x.isSubset(of: y) || y.isSubset(of: x))
    }

    static func stem(_ word: String) -> String {
        var w = word
        for suffix in ["ing", "es", "s", "ed"] where w.count > suffix.count + 2 && w.hasSuffix(suffix) {
            w.removeLast(suffix.count)
            break
        }
        // "squatt" (from "squatting") → "squat".
        if let last = w.last, w.count > 3, w.dropLast().last == last, !"aeiou".contains(last) { w.removeLast() }
        return w
    }
}

extension ExerciseExtractor {
    /// Every exercise on the page: one record, or one per exercise on a page that holds several
    /// (each named by its heading, with the heading as `source.fragment` and its `position`).
    public func extractAll(_ document: Document, source: SourceInfo, defaultName: String? = nil, diagnostics: inout DiagnosticSink) -> [ExtractedRecord] {
        if !includeDrafts, let draft = PageSkips.draft(document.metadata) {
            diagnostics.report(.draftSkipped, "the page is a draft ('\(draft.key)' in its front matter): not converted; --include-drafts converts drafts too", line: draft.line)
            return []
        }
        if PageSkips.isSectionIndex(path: source.path) {
            diagnostics.report(.indexPage, "a section's list page (_index): not an exercise; no record", line: 1)
            return []
        }
        let root = PseudoHeadings().rewriteTree(document.root)
        guard let collection = ExerciseCollection.find(in: root) else {
            return extract(root: root, document: document, source: source, defaultName: defaultName, diagnostics: &diagnostics).map { [$0] } ?? []
        }
        diagnostics.report(.severalExercises, "the page holds \(collection.exercises.count) exercises (\(collection.exercises.compactMap { $0.heading?.text }.joined(separator: ", "))); one record each", line: collection.exercises.first?.line)
        var records: [ExtractedRecord] = []
        for (i, section) in collection.exercises.enumerated() {
            var own = section
            own.level = 1
            for shared in collection.shared where shared.exercise == i {
                var part = shared.part
                part.heading = shared.role.heading
                own.children.append(part)
            }
            let name = section.heading?.text ?? ""
            var itsSource = source
            itsSource.fragment = PlainText.slug(name)
            itsSource.position = i + 1
            // XPath matches are the page's, not one exercise's: they apply to single-exercise pages.
            let page = Document(root: Section(level: 0, heading: nil, line: nil, children: [own]))
            if let record = extract(root: page.root, document: page, source: itsSource, defaultName: nil, diagnostics: &diagnostics) {
                records.append(record)
            }
        }
        for section in collection.leftover {
            diagnostics.report(.notAboutAnExercise, "section '\(section.heading?.text ?? "")' is not about any of the page's exercises; not used", line: section.line)
        }
        return records
    }
}

extension DiagnosticCode {
    static let severalExercises = DiagnosticCode("several-exercises", .info,
        "The page holds several exercises, each under its own heading with its own steps, tips or mistakes; each became a record (source.fragment names its heading).")
    static let notAboutAnExercise = DiagnosticCode("not-about-an-exercise", .info,
        "On a page holding several exercises, a section that belongs to none of them (nutrition, recovery, a program table); it was not used.")
}
