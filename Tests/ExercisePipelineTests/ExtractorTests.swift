import ExerciseModel
import Testing

/// Layout variants the extractor must recognise, each asserting the exact fields.
@Suite struct ExtractorTests {
    @Test func headingSynonymsAndPlainKeyValueFacts() throws {
        let result = Support.convert("""
            # Wall Sit

            ## Overview

            An isometric squat against a wall.

            - Body part: Upper legs
            - Equipment: None (bodyweight exercise)
            - Primary muscles: Quadriceps
            - Secondary: Glutes; Calves
            - Level: Beginner
            - Category: Strength

            ## How to do it

            1. Lean your back against a wall.
            2. Slide down until your knees are at 90 degrees.

            ## Mistakes to avoid

            - Resting your hands on your thighs.

            ## Frequently asked questions

            **How long should I hold it?** Start with 30 seconds.

            Is it safe for the knees?

            Yes, when the knees stay above the ankles.
            """)
        let r = try #require(result.record)
        #expect(r.name == "Wall Sit")
        #expect(r.summary == "An isometric squat against a wall.")
        #expect(r.bodyParts == ["upper-legs"])
        #expect(r.equipment == ["body-weight"])
        #expect(r.primaryMuscles == ["quads"])
        #expect(r.secondaryMuscles == ["glutes", "calves"])
        #expect(r.difficulty == "beginner")
        #expect(r.category == "strength")
        #expect(r.steps == ["Lean your back against a wall.", "Slide down until your knees are at 90 degrees."])
        #expect(r.mistakes == ["Resting your hands on your thighs."])
        #expect(r.faq == [
            FAQEntry(question: "How long should I hold it?", answer: "Start with 30 seconds."),
            FAQEntry(question: "Is it safe for the knees?", answer: "Yes, when the knees stay above the ankles."),
        ])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func frontMatterFillsTheSameFields() throws {
        let result = Support.convert("""
            ---
            title: Band Pull-Apart
            slug: band-pull-apart-drill
            description: Upper back drill with a light band.
            equipment: [Resistance Band]
            primary_muscles: Rear Delts
            secondaryMuscles: [Rhomboids, Traps]
            difficulty: 3
            category: strength
            bodyPart: shoulders
            ---

            ## Steps

            1. Hold the band at shoulder height.
            2. Pull it apart until it touches your chest.
            """)
        let r = try #require(result.record)
        #expect(r.id == "band-pull-apart-drill")
        #expect(r.name == "Band Pull-Apart")
        #expect(r.summary == "Upper back drill with a light band.")
        #expect(r.equipment == ["resistance-band"])
        #expect(r.primaryMuscles == ["rear-deltoid"])
        #expect(r.secondaryMuscles == ["rhomboids", "traps"])
        #expect(r.difficulty == "beginner")
        #expect(r.category == "strength")
        #expect(r.bodyParts == ["shoulders"])
        #expect(r.steps.count == 2)
        #expect(result.diagnostics.map(\.code) == ["scale-difficulty"])
    }

    @Test func factTablesAndNumberedParagraphs() throws {
        let result = Support.convert("""
            # Farmer's Walk

            | Body Part | Equipment | Difficulty |
            | --- | --- | --- |
            | Full body | Dumbbells, Kettlebells | Advanced |

            ## Instructions

            Step 1: Pick up a heavy weight in each hand.

            Step 2: Walk with short, quick steps.

            ## Tips

            Keep your shoulders pulled back.
            """)
        let r = try #require(result.record)
        #expect(r.id == "farmers-walk")
        #expect(r.bodyParts == ["full-body"])
        #expect(r.equipment == ["dumbbell", "kettlebell"])
        #expect(r.difficulty == "advanced")
        #expect(r.steps == ["Pick up a heavy weight in each hand.", "Walk with short, quick steps."])
        #expect(r.tips == ["Keep your shoulders pulled back."])
    }

    @Test func unknownSectionsFactsAndTermsAreReportedAndKept() throws {
        let result = Support.convert("""
            # Sled Push

            - Equipment: Sled, Moon Boots
            - Force: Push
            - Mechanics: Compound

            ## Steps

            - Push.

            ## Programming

            Do it last in the session.
            """)
        let r = try #require(result.record)
        #expect(r.attributes == ["force": "Push", "mechanics": "Compound"])
        #expect(r.unknownTerms == ["equipment": ["Moon Boots"]])
        #expect(r.equipment == ["push-sled"])
        let codes = result.diagnostics.sorted().map { "\($0.line ?? 0) \($0.severity.rawValue) \($0.code)" }
        #expect(codes == ["3 warning unknown-term", "4 info kept-as-attribute", "5 info kept-as-attribute", "11 warning unknown-section"])
    }

    @Test func malformedFactListItemsAreWarningsWithLines() throws {
        let result = Support.convert("""
            # Lunge

            - **Equipment:** Dumbbell
            - **Target Muscle** Quads
            - Difficulty:

            ## Steps

            1. Step forward.
            """)
        let r = try #require(result.record)
        #expect(r.equipment == ["dumbbell"])
        #expect(r.primaryMuscles.isEmpty)
        let found = result.diagnostics.map { "\($0.file):\($0.line ?? 0) \($0.code)" }
        #expect(found == ["page.md:4 malformed-fact", "page.md:5 malformed-fact"])
        #expect(result.diagnostics[0].message.contains("'Key: value'"))
    }
}
