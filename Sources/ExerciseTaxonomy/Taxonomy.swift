import ExerciseModel
import Foundation

/// All five vocabularies.
public struct Taxonomy: Sendable {
    public let vocabularies: [TaxonomyKind: Vocabulary]
    /// Other datasets' vocabularies mapped both ways (nil only for hand-built test taxonomies).
    public let crosswalk: Crosswalk?

    public init(vocabularies: [TaxonomyKind: Vocabulary], crosswalk: Crosswalk? = nil) {
        self.vocabularies = vocabularies
        self.crosswalk = crosswalk
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
        return Taxonomy(vocabularies: vocabularies, crosswalk: try loadCrosswalk(vocabularies))
    }

    private static func loadCrosswalk(_ vocabularies: [TaxonomyKind: Vocabulary]) throws -> Crosswalk {
        guard let url = Bundle.module.url(forResource: "crosswalks", withExtension: "json", subdirectory: "Resources") else {
            throw TaxonomyError("built-in crosswalks.json is missing from the resource bundle")
        }
        do {
            return try Crosswalk(file: JSONDecoder().decode(Crosswalk.File.self, from: Data(contentsOf: url)), taxonomy: vocabularies)
        } catch let e as TaxonomyError {
            throw e
        } catch {
            throw TaxonomyError("built-in crosswalks.json is malformed: \(error)")
        }
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
        return Taxonomy(vocabularies: result, crosswalk: try Taxonomy.loadCrosswalk(result))
    }

    public func lookup(_ kind: TaxonomyKind, _ label: String) -> TaxonomyMatch? {
        self[kind].lookup(label)
    }

    /// The whole taxonomy as one JSON document (`output/taxonomy.json`): each vocabulary by kind,
    /// and under `crosswalks` each dataset's nearest value for every id (ids with no counterpart
    /// anywhere up their hierarchy are left out).
    public var exportDocument: JSONValue {
        var out: [String: JSONValue] = [:]
        for (kind, v) in vocabularies {
            let terms = (try? JSONDecoder().decode(JSONValue.self, from: CanonicalJSON.encoder().encode(v.terms))) ?? .array([])
            out[kind.rawValue] = .object(["kind": .string(kind.rawValue), "version": .int(v.version), "terms": terms])
        }
        if let crosswalk {
            var walks: [String: JSONValue] = [:]
            for dataset in crosswalk.datasets {
                var kinds: [String: JSONValue] = [:]
                for kind in (crosswalk.sources[dataset] ?? [:]).keys {
                    let vocabulary = self[kind]
                    var map: [String: JSONValue] = [:]
                    for term in vocabulary.terms {
                        if let value = crosswalk.value(for: term.id, kind: kind, in: dataset, vocabulary: vocabulary) { map[term.id] = .string(value) }
                    }
                    kinds[kind.rawValue] = .object(map)
                }
                walks[dataset] = .object(kinds)
            }
            out["crosswalks"] = .object(walks)
        }
        return .object(out)
    }
}

extension Taxonomy: LabelRecognizer {
    /// Exact matches only (case, plural and spelling folded): evidence, not a guess.
    public func kind(of label: String) -> RecognizedKind? {
        if self[.muscle].exactMatch(label) != nil { return .muscle }
        if self[.equipment].exactMatch(label) != nil { return .equipment }
        if self[.bodyPart].exactMatch(label) != nil { return .bodyPart }
        return nil
    }
}
