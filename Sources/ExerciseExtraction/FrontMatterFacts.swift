import ExerciseDocument
import ExerciseModel

extension RecordBuilder {
    /// Front matter (markdown) and `<meta>` data (HTML) are facts like any other: scalars as
    /// `key: value`, lists as labels of a list field, maps as `parent child` keys.
    func applyMetadata(_ entries: [MetadataEntry]) {
        for entry in entries {
            switch entry.value {
            case .text(let s):
                apply(Fact(key: entry.key, value: PlainText.collapse(s), line: entry.line), fromBlock: true)
            case .list(let items):
                let texts = items.flatMap(\.texts).map(PlainText.collapse).filter { !$0.isEmpty }
                if let field = FactKey.field(for: entry.key), field.isList {
                    addLabels(texts, to: field, line: entry.line)
                } else {
                    apply(Fact(key: entry.key, value: texts.joined(separator: ", "), line: entry.line), fromBlock: true)
                }
            case .map(let pairs):
                for (key, value) in pairs {
                    apply(Fact(key: "\(entry.key) \(key)", value: value.texts.joined(separator: ", "), line: entry.line), fromBlock: true)
                }
            }
        }
    }
}
