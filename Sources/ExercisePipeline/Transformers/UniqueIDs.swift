import ExerciseModel

/// `unique-ids`: two pages with the same id would overwrite each other's files. The first (by
/// source path) keeps the id; later ones get `-2`, `-3`, … and a warning naming both files.
public struct UniqueIDs: Transformer {
    public static let name = "unique-ids"
    public static let summary = "make ids unique: later duplicates (by source path) get -2, -3, … with a warning"

    public init(options: inout ConfigObject, context: StageContext) throws {}
    public init() {}

    public func transform(batch: [Exercise], diagnostics: inout [Diagnostic]) -> [Exercise] {
        let ordered = batch.sorted { $0.source.path < $1.source.path }
        var taken = Set(ordered.map(\.id))
        var firstHolder: [String: String] = [:]
        var out: [Exercise] = []
        for var r in ordered {
            if let holder = firstHolder[r.id] {
                var n = 2
                while taken.contains("\(r.id)-\(n)") { n += 1 }
                let newID = "\(r.id)-\(n)"
                diagnostics.append(Diagnostic(file: r.source.path, line: r.lines[.name], severity: .warning, code: "duplicate-id",
                                              message: "id '\(r.id)' is already used by \(holder); this record is '\(newID)'"))
                r.id = newID
                taken.insert(newID)
                firstHolder[newID] = r.source.path
            } else {
                firstHolder[r.id] = r.source.path
            }
            out.append(r)
        }
        return out
    }
}
