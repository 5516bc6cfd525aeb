extension Exercise.Field {
    /// What each record field means: the one wording used by the CSV table schema, the README and
    /// (later) the JSON Schema.
    public var meaning: String {
        switch self {
        case .id: "Stable identifier: lower-case kebab-case slug of the name (or the page's front matter slug)."
        case .name: "The exercise's name as the page titles it."
        case .summary: "Plain-text summary paragraph(s) of the page."
        case .bodyParts: "Body parts trained, as body-part taxonomy ids."
        case .equipment: "Equipment needed, as equipment taxonomy ids."
        case .primaryMuscles: "Target (primary) muscles, as muscle taxonomy ids."
        case .secondaryMuscles: "Secondary (assisting) muscles, as muscle taxonomy ids."
        case .stabilizerMuscles: "Stabilizer muscles (hold the body steady rather than move it), as muscle taxonomy ids."
        case .difficulty: "Difficulty level id: beginner, intermediate or advanced."
        case .category: "Exercise category id (strength, stretching, cardio, …)."
        case .steps: "How to perform the exercise, one plain-text step per item, in order."
        case .tips: "Coaching tips, one per item."
        case .mistakes: "Common mistakes, one per item."
        case .faq: "Questions and answers: objects with question and answer."
        case .related: "Related links: objects with title and url."
        case .variations: "Variations, progressions and regressions: objects with title and, when the page links one, url."
        case .media: "Images and videos: objects with url, kind (image or video) and, when given, caption."
        }
    }
}

extension Exercise {
    /// Whether the record gives `field` a value (a non-empty text or list): what report.html's
    /// coverage chart counts. Exhaustive, so a new field cannot be left out of the chart.
    public func gives(_ field: Field) -> Bool {
        switch field {
        case .id: !id.isEmpty
        case .name: !name.isEmpty
        case .summary: !(summary ?? "").isEmpty
        case .bodyParts: !bodyParts.isEmpty
        case .equipment: !equipment.isEmpty
        case .primaryMuscles: !primaryMuscles.isEmpty
        case .secondaryMuscles: !secondaryMuscles.isEmpty
        case .stabilizerMuscles: !stabilizerMuscles.isEmpty
        case .difficulty: !(difficulty ?? "").isEmpty
        case .category: !(category ?? "").isEmpty
        case .steps: !steps.isEmpty
        case .tips: !tips.isEmpty
        case .mistakes: !mistakes.isEmpty
        case .faq: !faq.isEmpty
        case .related: !related.isEmpty
        case .variations: !variations.isEmpty
        case .media: !media.isEmpty
        }
    }
}
