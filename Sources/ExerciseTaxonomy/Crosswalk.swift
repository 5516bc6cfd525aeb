import ExerciseModel
import Foundation

/// Other datasets' vocabularies and how they meet the taxonomy: each of their values maps to an id
/// (by the ordinary matching rules), and each id maps back to the nearest value of each dataset,
/// climbing the hierarchy when the dataset has no value for the id itself (rear-deltoid →
/// free-exercise-db "shoulders"). Exporters to other apps' formats use the way back.
public struct Crosswalk: Sendable {
    /// Dataset → kind → values, most used first (`Resources/crosswalks.json`, made by
    /// `scripts/make_crosswalks.py` from ../shared/corpus).
    public let sources: [String: [TaxonomyKind: [String]]]
    /// Dataset → kind → id → the value that names exactly that id.
    private let exact: [String: [TaxonomyKind: [String: String]]]

    struct File: Decodable {
        var version: Int
        var sources: [String: [String: [String]]]
    }

    init(file: File, taxonomy: [TaxonomyKind: Vocabulary]) throws {
        var sources: [String: [TaxonomyKind: [String]]] = [:]
        var exact: [String: [TaxonomyKind: [String: String]]] = [:]
        for (dataset, kinds) in file.sources {
            for (kindName, values) in kinds {
                guard let kind = TaxonomyKind(rawValue: kindName), let vocabulary = taxonomy[kind] else {
                    throw TaxonomyError("crosswalks.json: \(dataset) names an unknown kind '\(kindName)'")
                }
                sources[dataset, default: [:]][kind] = values
                var byID: [String: String] = [:]
                // Most used value first: it wins when several values name one id.
                for value in values {
                    for match in vocabulary.resolve(value).matches where byID[match.id] == nil {
                        byID[match.id] = value
                    }
                }
                exact[dataset, default: [:]][kind] = byID
            }
        }
        self.sources = sources
        self.exact = exact
    }

    public var datasets: [String] { sources.keys.sorted() }

    /// The dataset's value nearest to an id: its own value, else its parent's, and so on up; nil
    /// when nothing on the way up has a counterpart (the caller reports it, never invents one).
    public func value(for id: String, kind: TaxonomyKind, in dataset: String, vocabulary: Vocabulary) -> String? {
        guard let byID = exact[dataset]?[kind] else { return nil }
        for ancestor in vocabulary.lineage(id) {
            if let v = byID[ancestor] { return v }
        }
        return nil
    }
}
