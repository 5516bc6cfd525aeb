import ExerciseModel
import ExerciseTaxonomy

/// Shared by the exporters that write another app's format: taxonomy ids become that dataset's
/// own values through the crosswalk, and whatever has no counterpart is reported, never invented.
struct OtherAppMapper {
    let dataset: String
    let context: ExportContext
    let record: Exercise

    /// The dataset's values for a list of ids, in order, without repeats; unmapped ids reported.
    func values(_ ids: [String], _ kind: TaxonomyKind, field: String) -> [String] {
        var out: [String] = []
        for id in ids {
            if let v = value(id, kind, field: field), !out.contains(v) { out.append(v) }
        }
        return out
    }

    func value(_ id: String, _ kind: TaxonomyKind, field: String) -> String? {
        let vocabulary = context.taxonomy[kind]
        if let v = context.taxonomy.crosswalk?.value(for: id, kind: kind, in: dataset, vocabulary: vocabulary) { return v }
        report("no-counterpart", "\(field) '\(id)' has no counterpart in \(dataset)'s vocabulary; left out")
        return nil
    }

    /// A single-valued field from a list: the first value; the others are reported.
    func first(_ values: [String], field: String) -> String? {
        if values.count > 1 {
            report("value-dropped", severity: .info, "\(dataset) has one \(field) per exercise: kept '\(values[0])', left out \(values.dropFirst().map { "'\($0)'" }.joined(separator: ", "))")
        }
        return values.first
    }

    func report(_ code: String, severity: Diagnostic.Severity = .warning, _ message: String) {
        context.log.append(Diagnostic(file: record.source.path, severity: severity, code: code, message: message))
    }
}
