import ExerciseModel
@testable import ExerciseTaxonomy
import Foundation
@testable import ExercisePipeline
import Testing

/// The taxonomy against every vocabulary of the public datasets in ../shared/corpus.
@Suite struct TaxonomyCorpusTests {
    let taxonomy = Support.taxonomy

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: Support.shared.appendingPathComponent("corpus/\(path)")))
    }

    static func strings(_ rows: [[String: Any]], _ keys: [String]) -> [String] {
        rows.flatMap { row in keys.flatMap { key -> [String] in
            if let s = row[key] as? String { return [s] }
            return (row[key] as? [String]) ?? []
        } }.filter { !$0.isEmpty }
    }

    /// Every value of ExerciseDB, free-exercise-db, wger and everkinetic maps to an id, read from
    /// the corpus files themselves (not from the crosswalk resource).
    @Test func fourDatasetVocabulariesHaveNoUnmappedValue() throws {
        var checks: [(TaxonomyKind, String, [String])] = []
        let edb = try Self.json("exercisedb/exercises.json") as! [[String: Any]]
        checks.append((.bodyPart, "exercisedb body_part", Self.strings(edb, ["body_part"])))
        checks.append((.equipment, "exercisedb equipment", Self.strings(edb, ["equipment"])))
        checks.append((.muscle, "exercisedb target/secondary", Self.strings(edb, ["target", "secondary_muscles"])))
        let fdb = try Self.json("free-exercise-db/dist/exercises.json") as! [[String: Any]]
        checks.append((.muscle, "free-exercise-db muscles", Self.strings(fdb, ["primaryMuscles", "secondaryMuscles"])))
        checks.append((.equipment, "free-exercise-db equipment", Self.strings(fdb, ["equipment"])))
        checks.append((.category, "free-exercise-db category", Self.strings(fdb, ["category"])))
        checks.append((.difficulty, "free-exercise-db level", Self.strings(fdb, ["level"])))
        let ek = try Self.json("everkinetic/dist/exercises.json") as! [[String: Any]]
        checks.append((.muscle, "everkinetic muscles", Self.strings(ek, ["primary", "secondary"])))
        checks.append((.equipment, "everkinetic equipment", Self.strings(ek, ["equipment"])))
        func fields(_ file: String) throws -> [[String: Any]] { (try Self.json(file) as! [[String: Any]]).map { $0["fields"] as! [String: Any] } }
        checks.append((.muscle, "wger muscles", Self.strings(try fields("wger/muscles.json"), ["name", "name_en"])))
        checks.append((.equipment, "wger equipment", Self.strings(try fields("wger/equipment.json"), ["name"])))
        checks.append((.bodyPart, "wger categories", Self.strings(try fields("wger/categories.json"), ["name"])))

        var unmapped: [String] = []
        var total = 0
        for (kind, source, values) in checks {
            for value in Set(values) {
                total += 1
                let r = taxonomy[kind].resolve(value)
                if r.matches.isEmpty || !r.unresolved.isEmpty || r.matches.contains(where: { $0.how == .misspelling }) {
                    unmapped.append("\(source): '\(value)'")
                }
            }
        }
        print("crosswalk: \(total) distinct values across the four datasets, \(unmapped.count) unmapped")
        #expect(total >= 230)
        #expect(unmapped.isEmpty, "\(unmapped.sorted())")
    }

    /// open-exercisedb's free-text muscle names: all but a documented handful map, and each of
    /// those is reported with a suggestion.
    @Test func openExerciseDBMuscleStrings() throws {
        let rows = try Self.json("open-exercisedb/exercises.json") as! [[String: Any]]
        let values = Set(Self.strings(rows, ["primary_muscle", "secondary_muscles"]))
        var unmapped: [String] = []
        for value in values.sorted() {
            let r = taxonomy[.muscle].resolve(value)
            if r.matches.isEmpty { unmapped.append(value) }
        }
        print("open-exercisedb: \(values.count) distinct muscle strings, \(unmapped.count) unmapped: \(unmapped)")
        // Not muscles: "Full Body" and "Other" name no muscle, "Stretching" a kind of exercise,
        // "Scapulae" bones; see docs/taxonomy-format.md.
        #expect(unmapped == ["Full Body", "Other", "Scapulae", "Stretching"])
        // Each unmapped one is reported through the normalizer with a suggestion where one exists.
        var sink = DiagnosticSink(file: "t.md")
        _ = NormalizeTaxonomy(taxonomy: taxonomy).transform(ExtractedRecord(record: Exercise(primaryMuscles: unmapped, source: SourceInfo(path: "t.md", format: "markdown", sha256: ""))), diagnostics: &sink).record
        #expect(sink.diagnostics.filter { $0.code == "unknown-term" }.count == unmapped.count)
    }

    @Test func crosswalkMapsIdsBackToTheNearestValue() throws {
        let crosswalk = try #require(taxonomy.crosswalk)
        let muscles = taxonomy[.muscle]
        #expect(crosswalk.value(for: "rear-deltoid", kind: .muscle, in: "free-exercise-db", vocabulary: muscles) == "shoulders")
        #expect(crosswalk.value(for: "rear-deltoid", kind: .muscle, in: "exercisedb", vocabulary: muscles) == "rear deltoids")
        #expect(crosswalk.value(for: "quads", kind: .muscle, in: "free-exercise-db", vocabulary: muscles) == "quadriceps")
        #expect(crosswalk.value(for: "biceps-femoris", kind: .muscle, in: "free-exercise-db", vocabulary: muscles) == "hamstrings")
        #expect(crosswalk.value(for: "resistance-band", kind: .equipment, in: "free-exercise-db", vocabulary: taxonomy[.equipment]) == "bands")
        #expect(crosswalk.value(for: "body-weight", kind: .equipment, in: "free-exercise-db", vocabulary: taxonomy[.equipment]) == "body only")
        #expect(crosswalk.value(for: "advanced", kind: .difficulty, in: "free-exercise-db", vocabulary: taxonomy[.difficulty]) == "expert")
        #expect(crosswalk.value(for: "cardiovascular-system", kind: .muscle, in: "free-exercise-db", vocabulary: muscles) == nil)
        // Every value of a dataset maps to an id and back to itself or a value naming the same id.
        for dataset in crosswalk.datasets {
            for (kind, values) in crosswalk.sources[dataset] ?? [:] {
                for value in values {
                    guard let id = taxonomy[kind].lookup(value)?.id else { Issue.record("\(dataset) \(value) unmapped"); continue }
                    let back = try #require(crosswalk.value(for: id, kind: kind, in: dataset, vocabulary: taxonomy[kind]))
                    #expect(taxonomy[kind].lookup(back)?.id == id, "\(dataset) \(kind): \(value) → \(id) → \(back)")
                }
            }
        }
    }
}

/// One test per matching rule and per known trap.
@Suite struct MatchingRuleTests {
    let muscles = Support.taxonomy[.muscle]
    let equipment = Support.taxonomy[.equipment]

    func ids(_ v: Vocabulary, _ label: String) -> [String] { v.resolve(label).matches.map(\.id) }
    func how(_ v: Vocabulary, _ label: String) -> MatchKind? { v.resolve(label).matches.first?.how }

    @Test func caseWhitespaceAndPunctuation() {
        #expect(ids(muscles, "  LATISSIMUS   dorsi ") == ["lats"])
        #expect(ids(muscles, "latissimus-dorsi") == ["lats"])
        #expect(ids(equipment, "E-Z Curl Bar") == ids(equipment, "ez curl bar"))
    }

    @Test func plurals() {
        #expect(ids(equipment, "Dumbbells") == ["dumbbell"])
        #expect(how(equipment, "Smith Machines") == .plural)
        #expect(ids(muscles, "abs") == ["abs"])  // not "ab"
    }

    @Test func britishAndAmericanSpelling() {
        #expect(ids(equipment, "Tyre") == ["tire"])
        #expect(ids(muscles, "glutaeus maximus") == ["gluteus-maximus"])
        #expect(Vocabulary.key("Stabilisers") == "stabilizers")
    }

    @Test func accentsAndAmpersand() {
        #expect(Vocabulary.key("Café & Bar") == "cafe and bar")
        #expect(ids(muscles, "Glutéus Máximus") == ["gluteus-maximus"])
    }

    @Test func parentheticalQualifiers() {
        #expect(ids(muscles, "Soleus (deep calf)") == ["soleus"])
        #expect(how(muscles, "Soleus (deep calf)") == .parenthetical)
        #expect(ids(muscles, "(Calves)") == ["calves"])
    }

    @Test func separatorsSplitOneStringIntoSeveralTerms() {
        #expect(ids(equipment, "dumbbell, exercise ball") == ["dumbbell", "stability-ball"])
        #expect(ids(equipment, "Barbell & Bench") == ["barbell", "bench"])
        #expect(ids(muscles, "Chest and Triceps") == ["chest", "triceps"])
        #expect(ids(muscles, "Glutes / Hamstrings") == ["glutes", "hamstrings"])
        // A group and its member: the member is meant ("Legs – Quads").
        #expect(ids(muscles, "Legs \u{2013} Hamstrings") == ["hamstrings"])
        let partial = muscles.resolve("Glutes / Unobtainium")
        #expect(partial.matches.map(\.id) == ["glutes"])
        #expect(partial.unresolved == ["Unobtainium"])
    }

    @Test func anatomyIndexOrder() {
        #expect(ids(muscles, "Deltoid, Posterior") == ["rear-deltoid"])
        #expect(how(muscles, "Biceps Brachii, Short Head") == .qualifierDropped)
    }

    @Test func latinForms() {
        #expect(ids(muscles, "Quadriceps femoris") == ["quads"])
        #expect(how(muscles, "Rectus abdominis") == .latin)
    }

    @Test func misspellingsOnlyWhenUnambiguousAndAlwaysSaid() {
        #expect(ids(muscles, "hamstrigns") == ["hamstrings"])
        #expect(how(muscles, "hamstrigns") == .misspelling)
        #expect(ids(equipment, "kettelbell") == ["kettlebell"])
        // Too short to guess, and far from everything.
        #expect(muscles.resolve("abz").matches.isEmpty)
        #expect(muscles.resolve("flux capacitor").matches.isEmpty)
        var sink = DiagnosticSink(file: "t.md")
        let r = NormalizeTaxonomy(taxonomy: Support.taxonomy).transform(ExtractedRecord(record: Exercise(primaryMuscles: ["hamstrigns"], source: SourceInfo(path: "t.md", format: "markdown", sha256: ""))), diagnostics: &sink).record
        #expect(r.primaryMuscles == ["hamstrings"])
        #expect(sink.diagnostics.map(\.code) == ["assumed-misspelling"])
    }

    /// The "did you mean" search as it was written before its keys were prepared once: every
    /// key of the index, counted and split on each call.
    static func referenceSuggestions(_ v: Vocabulary, _ label: String) -> [String] {
        let key = MatchKey.of(label)
        guard !key.isEmpty else { return [] }
        var scored: [String: Int] = [:]
        let limit = max(2, key.count / 3)
        for (k, entry) in v.index where abs(k.count - key.count) <= limit {
            let d = PlainText.editDistance(key, k, limit: limit)
            if d <= limit { scored[entry.id] = min(scored[entry.id] ?? d, d) }
        }
        let words = Set(key.split(separator: " "))
        for (k, entry) in v.index where scored[entry.id] == nil && !words.isDisjoint(with: k.split(separator: " ")) && k.count > 3 {
            scored[entry.id] = limit + 1
        }
        return scored.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.prefix(3).map(\.key)
    }

    @Test func suggestionsAreTheNearestTermsAsFirstWritten() {
        let labels = ["upper traps", "Kettlebell rack", "Trampoline", "hamstrigns", "bicep curl bar", "lower back muscles", "glute medius",
                      "rear delt", "calfs", "abz", "quadriceps femoris", "forearm flexors", "", "x", "serratus anterior", "middle trapezius",
                      "lats and traps", "Bosu ball", "resistence band", "obliques (external)", "Über-cardio", "chest press machine"]
        for kind in TaxonomyKind.allCases {
            let v = Support.taxonomy[kind]
            for label in labels {
                let expected = Self.referenceSuggestions(v, label)
                #expect(v.suggestions(for: label) == expected, "\(kind) \(label)")
                #expect(v.suggestions(for: label) == expected, "\(kind) \(label), asked again")
            }
        }
        #expect(PlainText.editDistance("hamstrigns", "hamstrings", limit: 2) == 1)
        #expect(PlainText.editDistance("", "abc", limit: 3) == 3 && PlainText.editDistance("abc", "", limit: 3) == 3)
        #expect(PlainText.editDistance("kettelbell", "dumbbell", limit: 2) == 3)
    }

    @Test func trapsStayApart() {
        #expect(ids(muscles, "biceps femoris") == ["biceps-femoris"])
        #expect(muscles.lineage("biceps-femoris").contains("hamstrings"))
        #expect(!muscles.lineage("biceps-femoris").contains("biceps"))
        #expect(ids(muscles, "biceps") == ["biceps"])
        #expect(Set(["band", "resistance band", "Resistance Bands"].flatMap { ids(equipment, $0) }) == ["resistance-band"])
        #expect(Set(["body weight", "body only", "bodyweight", "none (bodyweight exercise)"].flatMap { ids(equipment, $0) }) == ["body-weight"])
    }

    @Test func unknownTermsAreKeptAndReportedWithSuggestions() {
        var sink = DiagnosticSink(file: "t.md")
        let r = NormalizeTaxonomy(taxonomy: Support.taxonomy).transform(ExtractedRecord(record: Exercise(equipment: ["Barbell", "Hover board"], source: SourceInfo(path: "t.md", format: "markdown", sha256: ""))), diagnostics: &sink).record
        #expect(r.equipment == ["barbell"])
        #expect(r.unknownTerms == ["equipment": ["Hover board"]])
        #expect(sink.diagnostics.first?.message.contains("nearest: balance-board") == true, "\(sink.diagnostics)")
    }
}

/// pipeline.json `taxonomy`: user files add synonyms and terms; conflicts name both sides.
@Suite struct TaxonomyExtensionTests {
    func load(_ extensionJSON: String) throws -> PipelineConfig {
        let dir = try Support.temporaryDirectory()
        try Data(extensionJSON.utf8).write(to: dir.appendingPathComponent("gym-terms.json"))
        let pipeline = #"{"exporters": [{"format": "json"}], "taxonomy": ["gym-terms.json"]}"#
        return try PipelineConfig.parse(Data(pipeline.utf8), baseDirectory: dir)
    }

    @Test func extensionAddsSynonymsAndTerms() throws {
        let config = try load(#"{"kind": "equipment", "version": 1, "terms": [{"id": "dumbbell", "name": "Dumbbell", "synonyms": ["DB"]}, {"id": "gliding-discs", "name": "Gliding discs", "parent": "other", "synonyms": ["sliders"]}]}"#)
        #expect(config.taxonomy.lookup(.equipment, "DB")?.id == "dumbbell")
        #expect(config.taxonomy.lookup(.equipment, "Sliders")?.id == "gliding-discs")
        #expect(config.taxonomy.lookup(.equipment, "Barbell")?.id == "barbell")
    }

    @Test func conflictWithABuiltInTermIsAConfigurationErrorNamingBoth() throws {
        #expect {
            _ = try load(#"{"kind": "muscle", "version": 1, "terms": [{"id": "biceps", "name": "Biceps", "synonyms": ["biceps femoris"]}]}"#)
        } throws: { error in
            let text = (error as? ConfigError)?.description ?? ""
            return text.hasPrefix("taxonomy: ") && text.contains("gym-terms.json") && text.contains("biceps-femoris") && text.contains("built-in muscles.json")
        }
    }

    @Test func malformedExtensionNamesTheFile() throws {
        #expect {
            _ = try load(#"{"kind": "muscle", "terms": []}"#)
        } throws: { error in
            ((error as? ConfigError)?.description ?? "").contains("taxonomy[0]: 'gym-terms.json' is not a taxonomy file")
        }
    }
}

/// The seed page's own consistency problem: it declares calves but its tips speak of the
/// tibialis anterior. The warning reaches report.json.
@Suite struct MuscleLintTests {
    @Test func seedLintWarningIsInTheReport() throws {
        let dir = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pipeline = #"{"input": "\#(Support.seed.path)", "output": "\#(dir.path)/out", "exporters": [{"format": "json"}]}"#
        let config = try PipelineConfig.parse(Data(pipeline.utf8), baseDirectory: dir)
        let outcome = try PipelineRunner(config: config).run()
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: dir.appendingPathComponent("out/report.json")))
        let lint = report.diagnostics.filter { $0.code == "undeclared-muscle" }
        #expect(lint.count == 1)
        #expect(lint.first?.line == 26)
        #expect(lint.first?.message.contains("tibialis-anterior") == true)
        #expect(lint.first?.severity == .warning)
        // Reported, never changed.
        #expect(try outcome.records.first?.primaryMuscles == ["calves"])
        #expect(try outcome.records.first?.secondaryMuscles == ["hamstrings", "glutes"])
    }

    /// One-word muscles are linted even where the body-part vocabulary lists them as synonyms
    /// (it maps "glutes" to hips so that "Target: glutes" gives a body part); regions and bracing
    /// words ("core", "abs", "lower back", "chest") are not.
    @Test func oneWordMusclesAreLintedRegionsAreNot() {
        let page = "# Lat Pulldown\n\n**Primary:** Biceps\n\n## Steps\n\n1. Squeeze your lats and pull the bar down.\n2. Keep the hamstrings loose.\n3. Brace your core and abs, chest up, lower back flat.\n\n## Tips\n\n- Work your triceps.\n"
        let lint = Support.convert(page).diagnostics.filter { $0.code == "undeclared-muscle" }
        #expect(lint.map { "\($0.line ?? 0) \($0.message.split(separator: "'")[1])" } == ["7 lats", "7 hamstrings", "13 triceps"])
    }
}
