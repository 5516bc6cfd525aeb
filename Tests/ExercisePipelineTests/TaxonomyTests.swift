import ExerciseModel
@testable import ExerciseTaxonomy
import Foundation
import Testing

@Suite struct TaxonomyTests {
    let taxonomy = Support.taxonomy

    @Test func seedLabelsMapToTheContractIds() {
        #expect(taxonomy.lookup(.bodyPart, "Legs")?.id == "legs")
        #expect(taxonomy.lookup(.equipment, "Resistance Band")?.id == "resistance-band")
        #expect(taxonomy.lookup(.muscle, "Calves")?.id == "calves")
        #expect(taxonomy.lookup(.muscle, "Hamstrings")?.id == "hamstrings")
        #expect(taxonomy.lookup(.muscle, "Glutes")?.id == "glutes")
        #expect(taxonomy.lookup(.difficulty, "Intermediate")?.id == "intermediate")
        #expect(taxonomy.lookup(.category, "Strength")?.id == "strength")
    }

    @Test func matchingToleratesCasePunctuationAndPlurals() {
        #expect(taxonomy.lookup(.equipment, "  DUMBBELLS ")?.id == "dumbbell")
        #expect(taxonomy.lookup(.equipment, "body weight")?.id == "body-weight")
        #expect(taxonomy.lookup(.equipment, "None (bodyweight exercise)")?.id == "body-weight")
        #expect(taxonomy.lookup(.muscle, "biceps femoris")?.id == "biceps-femoris")
        #expect(taxonomy.lookup(.muscle, "biceps")?.id == "biceps")
        #expect(taxonomy.lookup(.difficulty, "8/10")?.id == "advanced")
        #expect(taxonomy.lookup(.difficulty, "expert")?.id == "advanced")
        #expect(taxonomy.lookup(.muscle, "not a muscle") == nil)
    }

    /// Every ExerciseDB value (the vocabulary the seed page was generated from) has an id.
    @Test func exerciseDBVocabularyIsCovered() throws {
        struct Row: Decodable {
            var body_part: String
            var equipment: String
            var target: String
            var secondary_muscles: [String]
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: Support.shared.appendingPathComponent("corpus/exercisedb/exercises.json")))
        var unmapped: Set<String> = []
        for row in rows {
            if taxonomy.lookup(.bodyPart, row.body_part) == nil { unmapped.insert("body part \(row.body_part)") }
            if taxonomy.lookup(.equipment, row.equipment) == nil { unmapped.insert("equipment \(row.equipment)") }
            for m in [row.target] + row.secondary_muscles where taxonomy.lookup(.muscle, m) == nil { unmapped.insert("muscle \(m)") }
        }
        #expect(rows.count == 1324)
        #expect(unmapped.isEmpty, "\(unmapped.sorted())")
    }

    @Test func everyParentExistsAndIdsAreKebabCase() {
        for kind in TaxonomyKind.allCases {
            let vocabulary = taxonomy[kind]
            #expect(!vocabulary.terms.isEmpty)
            for term in vocabulary.terms {
                #expect(PlainText.slug(term.id) == term.id)
                if let parent = term.parent { #expect(vocabulary.term(parent) != nil, "\(kind) \(term.id) → \(parent)") }
            }
        }
    }

    @Test func collidingSynonymsAreALoadError() {
        let file = VocabularyFile(kind: .muscle, version: 1, terms: [
            TaxonomyTerm(id: "biceps", name: "Biceps"),
            TaxonomyTerm(id: "hamstrings", name: "Hamstrings", synonyms: ["bicep"]),
        ])
        #expect(throws: TaxonomyError.self) { try Vocabulary(file, origin: "test.json") }
    }
}

@Suite struct TaxonomyReferenceTests {
    /// docs/taxonomy-reference.md is the generated page; `make docs` regenerates it.
    @Test func referencePageIsCurrent() throws {
        let committed = try String(contentsOf: Support.root.appendingPathComponent("docs/taxonomy-reference.md"), encoding: .utf8)
        #expect(committed == Support.taxonomy.referencePage, "docs/taxonomy-reference.md is stale: run `make docs`")
        for kind in TaxonomyKind.allCases {
            for term in Support.taxonomy[kind].terms { #expect(committed.contains("`\(term.id)`")) }
        }
    }
}

/// The prose scan skips words that start no key (a bit filter); it must never skip a real one.
@Suite struct ProseScanTests {
    @Test func everyLabelIsFoundInProseInEveryForm() {
        var checked = 0
        for (_, vocabulary) in Support.taxonomy.vocabularies {
            for term in vocabulary.terms {
                for label in [term.name] + term.synonyms + (term.latin.map { [$0] } ?? []) {
                    // The label alone, plural, and in a sentence; each must find the term the
                    // label's exact lookup (no scan, no filter) gives.
                    // (The scan reads phrases of up to four words.)
                    guard PlainText.spaceSeparated(PlainText.words(label)).count <= 4, let alone = vocabulary.exactMatch(label)?.id else { continue }
                    let plural = label.hasSuffix("s") || label.count < 3 ? label : label + "s"  // (a plural "s" is dropped from keys longer than three letters)
                    for text in ["keep the \(label) tight", "Work your \(plural) hard.", "\(label), then rest"] {
                        #expect(vocabulary.terms(in: text).contains { $0.id == alone }, "\(text) → \(vocabulary.terms(in: text).map(\.id))")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    /// The walk of the key trie stands in for joining and looking up every window of words; on
    /// every text of free-exercise-db, open-exercisedb and wger (English and other languages) and
    /// on chosen corners, in the vocabularies prose is scanned with (muscles, equipment), both
    /// must find the same terms, the same way, in the same order.
    static func corpusTexts() throws -> Set<String> {
        var texts: Set<String> = [
            "stabilisers and stabilizers", "the glutaeus maximus", "tyres", "Grey dumbbells",
            "dumbbells", "dumbbellss", "abs", "biceps curls", "rear delts and rear deltoids",
            "lats, traps & rhomboids", "work the upper back muscles", "quadriceps femoris",
            "hip flexors", "the hips", "calf raise", "calves", "Bíceps y tríceps", "Ягодичные мышцы",
            "s", "ss", "sss", "a s", "chest s", "core  s", "bodyweight", "body weight", "ez bar",
            "an ez-bar curl on a flat bench with a resistance band", "lower back", "oesophagus",
        ]
        func collect(_ value: Any) {
            if let s = value as? String, s.utf8.count > 2 { texts.insert(s) }
            else if let a = value as? [Any] { a.forEach(collect) }
            else if let d = value as? [String: Any] { d.values.forEach(collect) }
        }
        let corpus = Support.shared.appendingPathComponent("corpus")
        for file in ["free-exercise-db/dist/exercises.json", "open-exercisedb/exercises.json"] {
            collect(try JSONSerialization.jsonObject(with: Data(contentsOf: corpus.appendingPathComponent(file))))
        }
        let wger = corpus.appendingPathComponent("wger")
        for file in try FileManager.default.contentsOfDirectory(atPath: wger.path) where file.hasSuffix(".json") {
            collect(try JSONSerialization.jsonObject(with: Data(contentsOf: wger.appendingPathComponent(file))))
        }
        return texts
    }

    @Test func theTrieWalkFindsWhatTheWindowLookupsFind() throws {
        let texts = try Self.corpusTexts()
        var found = 0
        for kind in [TaxonomyKind.muscle, .equipment] {
            let vocabulary = Support.taxonomy[kind]
            for text in texts {
                let walked = vocabulary.terms(in: text)
                let looked = vocabulary.terms(in: text, walking: false)
                #expect(walked == looked, "\(vocabulary.kind): \(text.debugDescription)")
                found += walked.count
            }
        }
        #expect(texts.count > 5000)
        #expect(found > 5000)
        print("prose scan: \(texts.count) texts, \(found) terms found by both ways")
    }

    /// The byte-level key (ASCII, typographic punctuation allowed) is the key `unicodeKey` makes,
    /// on every corpus text and corner of the scan's test.
    @Test func keysOnBytesAreTheUnicodeKeys() throws {
        var texts = try Self.corpusTexts()
        texts.formUnion(["“Quoted” — dashed – text’s", "a\u{00A0}b", "x\u{2028}y", "tab\tand\u{0085}next", "&’&", "Ünïcödé bíceps", "€ 5", "😀 curl"])
        for text in texts {
            #expect(MatchKey.of(text) == MatchKey.unicodeKey(text), "\(text.debugDescription)")
        }
    }

    /// `MatchKey.separates` ends a word at punctuation, spaces and control characters without
    /// folding them: for each of them, in all of Unicode, folding gives no letter and the
    /// character is no letter or number, so the slow path would have ended the word too.
    @Test func punctuationAndSpacesFoldToNothing() {
        var checked = 0
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), MatchKey.separates(scalar) else { continue }
            #expect(MatchKey.fold(scalar) == nil, "U+\(String(value, radix: 16, uppercase: true))")
            #expect(!scalar.properties.isAlphabetic && scalar.properties.numericType == nil, "U+\(String(value, radix: 16, uppercase: true))")
            checked += 1
        }
        #expect(checked > 500)
    }
}
