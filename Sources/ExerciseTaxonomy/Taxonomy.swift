import ExerciseModel
import Foundation

/// All five vocabularies.
public struct Taxonomy: Sendable {
    public let vocabularies: [TaxonomyKind: Vocabulary]

    public init(vocabularies: [TaxonomyKind: Vocabulary]) {
        self.vocabularies = vocabularies
    }

    public subscript(kind: TaxonomyKind) -> Vocabulary { vocabularies[kind]! }

    /// The taxonomy shipped with the tool (the JSON files in `Resources/`).
    public static func builtIn() throws -> Taxonomy {
        var vocabularies: [TaxonomyKind: Vocabulary] = [:]
        for kind in TaxonomyKind.allCases {
            guard let url = Bundle.module.url(forResource: kind.resourceName, withExtension: "json", subdirectory: "Resources") else {
                throw TaxonomyError("built-in taxonomy file \(kind.resourceName).json is missing from the resource bundle")
            }
            let data = try Data(contentsOf: url)
            let file: VocabularyFile
            do {
                file = try JSONDecoder().decode(VocabularyFile.self, from: data)
            } catch {
                throw TaxonomyError("built-in taxonomy file \(kind.resourceName).json is malformed: \(error)")
            }
            guard file.kind == kind else {
                throw TaxonomyError("built-in taxonomy file \(kind.resourceName).json says kind '\(file.kind.rawValue)', expected '\(kind.rawValue)'")
            }
            vocabularies[kind] = try Vocabulary(file, origin: "\(kind.resourceName).json")
        }
        return Taxonomy(vocabularies: vocabularies)
    }

    /// Loaded once per process; the files are part of the build, so a failure is a packaging bug.
    public static let shared: Result<Taxonomy, TaxonomyError> = {
        do { return .success(try builtIn()) } catch let e as TaxonomyError { return .failure(e) } catch {
            return .failure(TaxonomyError("\(error)"))
        }
    }()

    /// The taxonomy with a user's extension vocabularies added (pipeline.json `taxonomy`). A term
    /// whose id exists adds its synonyms (and a Latin name where the built-in has none); a new id
    /// is a new term (its parent must exist). A label that would match a different term than it
    /// does now is an error naming both terms and where each comes from.
    public func extended(with extensions: [(origin: String, file: VocabularyFile)]) throws -> Taxonomy {
        var result = vocabularies
        for kind in TaxonomyKind.allCases {
            let mine = extensions.filter { $0.file.kind == kind }
            guard !mine.isEmpty, let base = vocabularies[kind] else { continue }
            var terms = base.terms
            var origins: [String: String] = [:]
            for t in terms { origins[t.id] = "built-in \(kind.resourceName).json" }
            for (origin, file) in mine {
                for term in file.terms {
                    if let i = terms.firstIndex(where: { $0.id == term.id }) {
                        for s in term.synonyms where !terms[i].synonyms.contains(s) {
                            terms[i].synonyms.append(s)
                            origins["\(term.id)#\(s)"] = origin
                        }
                        if terms[i].latin == nil, let latin = term.latin { terms[i].latin = latin }
                    } else {
                        terms.append(term)
                        origins[term.id] = origin
                    }
                }
            }
            result[kind] = try Vocabulary(VocabularyFile(kind: kind, version: base.version, terms: terms),
                                          origin: "built-in \(kind.resourceName).json", termOrigins: origins)
        }
        return Taxonomy(vocabularies: result)
    }

    public func lookup(_ kind: TaxonomyKind, _ label: String) -> TaxonomyMatch? {
        self[kind].lookup(label)
    }

    /// The whole taxonomy as one JSON document (`output/taxonomy.json`).
    public var exportDocument: [String: VocabularyFile] {
        var out: [String: VocabularyFile] = [:]
        for (kind, v) in vocabularies {
            out[kind.rawValue] = VocabularyFile(kind: kind, version: v.version, terms: v.terms)
        }
        return out
    }
}
