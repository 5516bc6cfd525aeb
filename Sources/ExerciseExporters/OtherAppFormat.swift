import ExerciseModel
import ExerciseTaxonomy

/// Shared by the exporters that write another app's format: taxonomy ids become that dataset's
/// own values through the crosswalk, and whatever has no counterpart is reported, never invented.
/// One mapper per record; the exporter collects its `sink` when the record is done.
final class OtherAppMapper {
    let dataset: String
    let context: ExportContext
    let record: Exercise
    private(set) var sink: DiagnosticSink

    init(dataset: String, context: ExportContext, record: Exercise) {
        self.dataset = dataset
        self.context = context
        self.record = record
        sink = DiagnosticSink(file: record.source.path)
    }

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
        report(.noCounterpart, "\(field) '\(id)' has no counterpart in \(dataset)'s vocabulary; left out")
        return nil
    }

    /// A single-valued field from a list: the first value; the others are reported.
    func first(_ values: [String], field: String) -> String? {
        if values.count > 1 {
            report(.valueDropped, "\(dataset) has one \(field) per exercise: kept '\(values[0])', left out \(values.dropFirst().map { "'\($0)'" }.joined(separator: ", "))")
        }
        return values.first
    }

    func report(_ code: DiagnosticCode, _ message: String) {
        sink.report(code, message)
    }
}

extension DiagnosticCode {
    static let noCounterpart = DiagnosticCode("no-counterpart", .warning,
        "A taxonomy id has no counterpart (not even a broader one) in the other app's vocabulary; it was left out of that app's file.")
    static let valueDropped = DiagnosticCode("value-dropped", .info,
        "The other app's format holds one value where the record has several; the first was kept, the rest left out of that file.")
}
