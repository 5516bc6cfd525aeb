import ExerciseDocument
import ExerciseModel

/// Recognises exercise structure in a `Document` of any format and builds an `Exercise` holding
/// the page's own labels (normalisation is a later stage). Whatever it cannot place becomes a
/// diagnostic: nothing on the page is dropped silently.
///
/// The work is split by concept: `SectionWalk` (which section holds what), one reader per kind of
/// section (`ProseSection`, `ItemSection`, `FAQSection`, `RelatedSection`, `MusclesSection`,
/// `FactsSection`), `FactRecognition` (pure: does this block state facts, and which),
/// `RecordBuilder` (first value wins, conflicts reported), and `PseudoHeadings` (a rewriter run
/// before the walk).
public struct ExerciseExtractor: Sendable {
    /// Returns nil (with an error diagnostic) when the page has no title or nothing recognisable
    /// as an exercise. `defaultName` names pages that carry no title of their own (HTML fragments
    /// from another app's database, whose name lives in another column).
    /// Per-site rules from pipeline.json `extract` (headings to fields, XPath matches).
    public var rules: ExtractRules
    /// What the taxonomy recognises labels as: evidence for lists no heading explains.
    public var recognizer: (any LabelRecognizer)?
    /// Record where each part of the page went and why (`convert --explain`).
    public var explaining: Bool
    /// Convert pages whose front matter marks them drafts (`--include-drafts`); else they are skipped.
    public var includeDrafts: Bool

    public init(rules: ExtractRules = ExtractRules(), recognizer: (any LabelRecognizer)? = nil, explaining: Bool = false, includeDrafts: Bool = false) {
        self.rules = rules
        self.recognizer = recognizer
        self.explaining = explaining
        self.includeDrafts = includeDrafts
    }

    public func extract(_ document: Document, source: SourceInfo, defaultName: String? = nil, diagnostics: inout DiagnosticSink) -> ExtractedRecord? {
        extract(root: PseudoHeadings().rewriteTree(document.root), document: document, source: source, defaultName: defaultName, diagnostics: &diagnostics)
    }

    /// One record from a section tree already rewritten (pseudo-headings promoted).
    func extract(root: Section, document: Document, source: SourceInfo, defaultName: String?, diagnostics: inout DiagnosticSink) -> ExtractedRecord? {
        let builder = RecordBuilder(source: source, sink: diagnostics, rules: SiteRules(rules), recognizer: recognizer)
        builder.explaining = explaining
        builder.visit(root, inherited: nil)
        builder.applyMetadata(document.metadata)
        builder.applyMedia(document.media)
        builder.finish()
        builder.applyStructuredData(document.embeddedJSONLD, microdata: document.microdata)
        builder.applyRuleMatches(document.ruleMatches)
        if builder.record.name.isEmpty, let defaultName { builder.record.name = PlainText.collapse(defaultName) }
        if builder.record.name.isEmpty, let fromFile = Self.name(fromPath: source.path) {
            // No heading, no title key, no og:title: the file name is the name ("goblet-squat.md").
            builder.record.name = fromFile
            builder.sink.report(.nameFromFileName, "page has no title ('# Name' heading or 'title:' key); named '\(fromFile)' from its file name", line: 1)
        }
        builder.useLatinName()
        diagnostics = builder.sink

        let r = builder.record
        guard !r.name.isEmpty else {
            diagnostics.report(.noTitle, "page has no title; expected a '# Name' heading or a 'title:' front matter key", line: 1)
            return nil
        }
        if let listed = PageSkips.listedPages(r, root: root) {
            diagnostics.report(.indexPage, "page '\(r.name)' lists \(listed) other pages and states nothing an exercise does: an index page, not an exercise; no record", line: builder.sourceMap[.name])
            return nil
        }
        guard Self.hasExerciseContent(r) else {
            diagnostics.report(.notAnExercise, "page '\(r.name)' has a title but no exercise content: expected a summary, facts (Equipment, Target Muscle, …), steps or tips", line: builder.sourceMap[.name])
            return nil
        }
        return builder.result
    }

    /// "goblet-squat.md" → "Goblet Squat"; "squat/index.md" (a page bundle) → "Squat". Nil when
    /// the name holds no letter (or the page came from standard input).
    static func name(fromPath path: String) -> String? {
        guard !path.hasPrefix("<") else { return nil }
        var parts = path.split(separator: "/").map(String.init)
        guard var file = parts.popLast() else { return nil }
        if let dot = file.lastIndex(of: "."), dot != file.startIndex { file = String(file[..<dot]) }
        if ["index", "_index", "readme"].contains(file.lowercased()), let folder = parts.last { file = folder }
        let words = file.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." })
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return name.contains(where: \.isLetter) ? name : nil
    }

    /// A page is an exercise when, besides its name, it says something an exercise record holds.
    static func hasExerciseContent(_ r: Exercise) -> Bool {
        r.summary != nil || !r.steps.isEmpty || !r.tips.isEmpty || !r.mistakes.isEmpty || !r.faq.isEmpty
            || !r.bodyParts.isEmpty || !r.equipment.isEmpty || !r.primaryMuscles.isEmpty || !r.secondaryMuscles.isEmpty
            || r.difficulty != nil || r.category != nil
    }
}

/// The findings the extractor reports, for `docs/diagnostics.md`.
public enum ExtractionDiagnostics {
    public static let codes: [DiagnosticCode] = [
        .noTitle, .nameFromFileName, .nameFromSubtitle, .nameLatinPart, .notAnExercise, .extraTitle, .unknownSection, .malformedFact, .keptAsAttribute, .conflictingFact,
        .unusedContent, .rawHTML, .stepsFromProse, .severalExercises, .notAboutAnExercise, .fromRule, .ruleMatchedNothing, .ignoredByRule, .namesByEvidence, .faqWithoutAnswer, .relatedWithoutLink, .invalidJSONLD, .fromStructuredData,
        .draftSkipped, .indexPage,
    ]
}

extension DiagnosticCode {
    static let noTitle = DiagnosticCode("no-title", .error,
        "The page has no name: no `# Name` heading, no `title:` key, and (on standard input) no file name to name it by. No record. Add a title (or give fragments a name with `convert --name`).")
    static let nameFromFileName = DiagnosticCode("name-from-file-name", .info,
        "The page has no title of its own (no `# Name`, `title:` or og:title), so it was named from its file name. Add a title to choose the name.")
    static let notAnExercise = DiagnosticCode("not-an-exercise", .error,
        "The page has a title but nothing an exercise holds (summary, facts, steps, tips, FAQ). No record. Check that it is an exercise page.")
}
