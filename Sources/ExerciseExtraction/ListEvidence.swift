import ExerciseDocument
import ExerciseModel

/// What a list holds when no heading says so, from the evidence its markup carries: item classes
/// that name the field (`muscle-tag`, `badge-equip`) and mark roles (`primary`, `secondary`).
/// A site's `<span class="muscle-tag primary">` chips by the title are its muscle list; in a row
/// of badges, the one classed `equip` is the equipment.
enum ListEvidence {
    /// The field each item goes to, or nil for the whole list when no item's classes name one.
    static func fields(_ list: ListBlock) -> [FactField?]? {
        let words = list.items.map { Set($0.classes.flatMap { $0.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init) }) }
        let muscle: Set<String> = ["muscle", "muscles", "musclegroup"], equipment: Set<String> = ["equipment", "equip", "gear", "tool", "tools"]
        let primary: Set<String> = ["primary", "target", "main"], secondary: Set<String> = ["secondary", "synergist"]
        let stabilizer: Set<String> = ["stabilizer", "stabiliser"]
        let isMuscle = words.map { !$0.isDisjoint(with: muscle) }
        // Where some muscles are marked primary, the unmarked ones are the others: secondary.
        let anyMarkedPrimary = zip(words, isMuscle).contains { $1 && !$0.isDisjoint(with: primary) }
        let fields: [FactField?] = zip(words, isMuscle).map { w, isMuscle in
            if isMuscle {
                if !w.isDisjoint(with: primary) { return .primaryMuscles }
                if !w.isDisjoint(with: stabilizer) { return .stabilizerMuscles }
                if !w.isDisjoint(with: secondary) || anyMarkedPrimary { return .secondaryMuscles }
                return .primaryMuscles
            }
            return w.isDisjoint(with: equipment) ? nil : .equipment
        }
        return fields.contains { $0 != nil } ? fields : nil
    }
}

extension ListEvidence {
    /// The field a list of names goes to when the vocabulary recognises at least two of its
    /// items, and most of them, as one kind of term; nil otherwise.
    static func field(ofNames list: ListBlock, recognizer: (any LabelRecognizer)?) -> FactField? {
        guard let recognizer, list.items.count >= 2 else { return nil }
        let kinds = list.items.map { recognizer.kind(of: $0.text.text) }
        for (kind, field) in [(RecognizedKind.muscle, FactField.primaryMuscles), (.equipment, .equipment)] {
            let hits = kinds.filter { $0 == kind }.count
            if hits >= 2, hits * 3 >= list.items.count * 2 { return field }
        }
        return nil
    }
}

extension RecordBuilder {
    /// Reads a list the vocabulary recognises as names of one kind; false otherwise.
    func readAsNames(_ list: ListBlock, where place: String) -> Bool {
        guard let field = ListEvidence.field(ofNames: list, recognizer: recognizer), let recordField = field.recordField else { return false }
        explain(list.line, "list of \(list.items.count) \(place) → \(recordField.rawValue) (the taxonomy knows most items as \(field == .equipment ? "equipment" : "muscles"))")
        sink.report(.namesByEvidence, "list \(place) names \(field == .equipment ? "equipment" : "muscles") ('\(preview(list.items.map(\.text.text).joined(separator: ", ")))'); read as \(recordField.rawValue)", line: list.line)
        for item in list.items { addLabels([item.text.text], to: field, line: item.line) }
        return true
    }

    /// Reads a list its markup identifies, reporting the items the evidence does not place; false
    /// when the evidence says nothing about the list.
    func readByEvidence(_ list: ListBlock) -> Bool {
        guard let fields = ListEvidence.fields(list) else { return false }
        explain(list.line, "list of \(list.items.count) → \(Set(fields.compactMap { $0?.recordField?.rawValue }).sorted().joined(separator: ", ")) (its items' classes name the field: \(list.items.first?.classes.joined(separator: " ") ?? ""))")
        for (item, field) in zip(list.items, fields) {
            if let field {
                addLabels([item.text.text], to: field, line: item.line)
            } else if !item.text.text.isEmpty {
                sink.report(.unusedContent, "list item before the first section was not used: '\(preview(item.text.text))'", line: item.line, severity: .info)
            }
        }
        return true
    }
}
