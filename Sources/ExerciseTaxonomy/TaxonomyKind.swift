import ExerciseModel

/// The five vocabularies the record's taxonomy fields use.
public enum TaxonomyKind: String, CaseIterable, Sendable, Codable, Comparable {
    case muscle
    case equipment
    case bodyPart = "body-part"
    case category
    case difficulty

    /// The resource file (without `.json`) holding this vocabulary.
    public var resourceName: String {
        switch self {
        case .muscle: "muscles"
        case .equipment: "equipment"
        case .bodyPart: "body-parts"
        case .category: "categories"
        case .difficulty: "difficulty"
        }
    }

    /// The record fields whose values are ids of this vocabulary.
    public var fields: [Exercise.Field] {
        switch self {
        case .muscle: [.primaryMuscles, .secondaryMuscles, .stabilizerMuscles]
        case .equipment: [.equipment]
        case .bodyPart: [.bodyParts]
        case .category: [.category]
        case .difficulty: [.difficulty]
        }
    }

    public static func < (a: TaxonomyKind, b: TaxonomyKind) -> Bool { a.rawValue < b.rawValue }
}
