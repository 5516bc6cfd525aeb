import ExerciseModel

/// On a page written as prose only (no steps section, no list, no numbered paragraphs), the
/// paragraphs that tell how to do the movement are its steps, one each. Evidence: the words of
/// movement and body position a how-to paragraph is made of; paragraphs about variants, difficulty
/// or making it easier or harder are never steps.
enum ProseSteps {
    static let movement: Set<String> = [
        "start", "starts", "starting", "begin", "begins", "lie", "lies", "lying", "stand", "stands", "standing", "sit", "sits",
        "place", "placed", "places", "hold", "holds", "held", "grip", "grasp", "lower", "lowered", "lowers", "raise", "raised",
        "raises", "lift", "lifted", "lifts", "push", "pushed", "pushes", "pull", "pulled", "pulls", "bend", "bent", "bends",
        "extend", "extended", "extends", "straighten", "straight", "keep", "kept", "return", "returns", "repeat", "squat",
        "step", "steps", "jump", "jumps", "hang", "hanging", "kneel", "kneeling", "rotate", "twist", "press", "pressed",
        "brace", "tuck", "curl", "drive", "reach", "position", "prone", "supine", "open", "opens", "close", "closes",
        "squeeze", "squeezes", "clench", "flex", "flexes", "contract", "contracts", "spread", "swing", "swings", "roll", "rolls",
    ]
    static let body: Set<String> = [
        "arm", "arms", "leg", "legs", "foot", "feet", "hand", "hands", "knee", "knees", "hip", "hips", "body", "chest", "back",
        "elbow", "elbows", "shoulder", "shoulders", "palm", "palms", "head", "heels", "toes", "torso", "spine", "ground", "floor", "bar",
        "finger", "fingers", "wrist", "wrists", "neck", "thigh", "thighs", "ankle", "ankles",
    ]
    static let notSteps: Set<String> = [
        "difficulty", "variation", "variations", "variant", "variants", "easier", "harder", "modified", "modify", "progression",
        "regression", "alternative", "alternatively", "benefits", "benefit", "history", "named",
    ]

    static func isHowTo(_ paragraph: String) -> Bool {
        let words = PlainText.words(paragraph).split(separator: " ").map(String.init)
        guard words.count >= 8, words.allSatisfy({ !notSteps.contains($0) }) else { return false }
        let moves = words.filter(movement.contains).count
        let parts = words.filter(body.contains).count
        return moves >= 2 && parts >= 2 && moves + parts >= 5
    }
}

extension RecordBuilder {
    /// Takes the how-to paragraphs before the first section as the steps, when the page gives
    /// steps no other way; true when it found some.
    func takeProseSteps() -> Bool {
        var howTo = introParagraphs.filter { ProseSteps.isHowTo($0.0) }
        guard !howTo.isEmpty else { return false }
        if howTo.count == introParagraphs.count && introParagraphs.count > 1 && summaryFact == nil && introFact == nil {
            // Every paragraph tells how to move: the first, which says what the exercise is and
            // where it starts, stays the summary; the rest are the steps.
            howTo.removeFirst()
        }
        record.steps = howTo.map(\.0)
        sourceMap[.steps] = howTo[0].1
        for p in howTo { explain(p.1, "paragraph '\(preview(p.0))' → steps (it tells how to move: movement and body-position words)") }
        sink.report(.stepsFromProse, "the page has no steps section or list; \(howTo.count) paragraph\(howTo.count == 1 ? "" : "s") that tell\(howTo.count == 1 ? "s" : "") how to do the movement became the steps", line: howTo[0].1)
        introParagraphs.removeAll { p in howTo.contains { $0.0 == p.0 && $0.1 == p.1 } }
        return true
    }
}

extension DiagnosticCode {
    static let stepsFromProse = DiagnosticCode("steps-from-prose", .info,
        "The page gives no steps section, list or numbered paragraphs; the paragraphs that tell how to do the movement were taken as the steps. Give the steps a heading to be sure.")
}
